/**
 * The files of one rolling sink on disk: which one to open for a period (on
 * restart, the newest existing one), and which to delete for retention.
 * Internal to the rolling sink (not exported from the package root).
 *
 * @module
 */
import type { AppendFile } from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { FileSinkError } from "./file_sink_error.ts";
import type { ResolvedFileSinkOptions } from "./file_sink_options.ts";
import type { RollingFileId, RollingFileNaming } from "./file_naming.ts";
import { filesBeyondRetention } from "./retention.ts";
import type { SyncFileSystem } from "./sync_file_system.ts";

/**
 * A file of the set, open for appending.
 *
 * @example
 * ```ts
 * import type { OpenedRollingFile } from "./rolling_file_set.ts";
 * function describe(f: OpenedRollingFile): string { return `${f.path} (${f.file.initialSize} bytes)`; }
 * ```
 */
export interface OpenedRollingFile {
  readonly id: RollingFileId;
  readonly path: string;
  readonly file: AppendFile;
}

/**
 * One rolling sink's files over a {@link SyncFileSystem}. File system failures
 * become {@link FileSinkError}s naming the operation and the path; listing and
 * retention failures are only reported through `SelfLog`.
 *
 * @example
 * ```ts
 * import { RollingFileSet } from "./rolling_file_set.ts";
 * import { type FileSystem } from "@logging/core";
 * import { RollingFileNaming } from "./file_naming.ts";
 * import { resolveFileSinkOptions } from "./file_sink_options.ts";
 * declare const fs: FileSystem;
 * const options = resolveFileSinkOptions({ rollingInterval: "day" });
 * const files = new RollingFileSet(fs, new RollingFileNaming("logs/app.log", "day"), options);
 * const opened = await files.open("20261122"); // logs/app-20261122.log, or its newest _NNN
 * ```
 */
export class RollingFileSet {
  readonly #fs: SyncFileSystem;
  readonly #naming: RollingFileNaming;
  readonly #options: ResolvedFileSinkOptions;
  readonly #dir: string;

  constructor(fs: SyncFileSystem, naming: RollingFileNaming, options: ResolvedFileSinkOptions) {
    this.#fs = fs;
    this.#naming = naming;
    this.#options = options;
    this.#dir = naming.directory || ".";
  }

  /** Whether file names vary (by period or sequence): only then is there a set to search and prune. */
  get rolls(): boolean {
    return this.#options.rollingInterval !== "infinite" || this.#options.fileSizeLimitBytes !== null;
  }

  /**
   * Opens the file to write for period `key`: `next` when given (the file after
   * a size roll), else the newest existing file of the period; a file already
   * at the size limit is skipped for the following sequence number. Creates
   * the directory first.
   */
  async open(key: string, next?: RollingFileId): Promise<OpenedRollingFile> {
    const dir = this.#naming.directory;
    if (dir !== "") await attempt("create directory", dir, () => this.#fs.mkdir(dir));
    let id = next ?? this.#newest(key, this.rolls ? await this.#list(() => this.#fs.list(this.#dir)) : []);
    for (;;) {
      const path = this.#naming.path(id);
      const file = await attempt("open", path, () => this.#fs.openAppend(path));
      if (!this.#isFull(file)) return { id, path, file };
      await closeQuietly(file);
      id = { key: id.key, sequence: id.sequence + 1 };
    }
  }

  /** {@link open}, synchronously, for the last-chance flush. Throws when the file system cannot. */
  openSync(key: string, next?: RollingFileId): OpenedRollingFile {
    const fs = this.#fs;
    const openAppendSync = fs.openAppendSync;
    if (openAppendSync === undefined) {
      throw new FileSinkError("open synchronously", this.#naming.path(next ?? { key, sequence: 0 }), "not supported by this file system");
    }
    const dir = this.#naming.directory;
    if (dir !== "") attempt("create directory", dir, () => fs.mkdirSync?.(dir));
    let id = next ?? this.#newest(key, this.rolls ? this.#list(() => fs.listSync?.(this.#dir) ?? []) : []);
    for (;;) {
      const path = this.#naming.path(id);
      const file = attempt("open", path, () => openAppendSync.call(fs, path));
      if (!this.#isFull(file)) return { id, path, file };
      void closeQuietly(file);
      id = { key: id.key, sequence: id.sequence + 1 };
    }
  }

  /**
   * False when `opened.path` no longer names the file that was opened
   * (renamed or deleted, e.g. by logrotate); true when it does or when the
   * file system cannot tell. One synchronous `stat`.
   */
  stillAtPath(opened: OpenedRollingFile): boolean {
    const id = opened.file.fileId;
    const statSync = this.#fs.statSync;
    if (id === undefined || statSync === undefined) return true;
    try {
      return statSync.call(this.#fs, opened.path)?.fileId === id;
    } catch {
      return true; // Cannot look: keep writing where we are.
    }
  }

  /** Deletes the oldest files of the set beyond `retainedFileCountLimit`, never `current`. */
  async prune(current: RollingFileId): Promise<void> {
    const limit = this.#options.retainedFileCountLimit;
    if (limit === null || !this.rolls) return;
    const names = await this.#list(() => this.#fs.list(this.#dir));
    for (const name of filesBeyondRetention(this.#naming, names, limit, this.#naming.fileName(current))) {
      const path = this.#naming.join(name);
      try {
        await this.#fs.remove(path);
      } catch (e) {
        SelfLog.write(`file sink: cannot delete "${path}" (retention)`, e);
      }
    }
  }

  #newest(key: string, names: readonly string[]): RollingFileId {
    const own = this.#naming.ownFiles(names).filter((f) => f.id.key === key);
    return own.length > 0 ? own[own.length - 1].id : { key, sequence: 0 };
  }

  #isFull(file: AppendFile): boolean {
    const limit = this.#options.fileSizeLimitBytes;
    return limit !== null && this.#options.rollOnFileSizeLimit && file.initialSize >= limit;
  }

  /** Lists the directory; a failure is reported and treated as an empty directory. */
  #list<T extends string[] | Promise<string[]>>(list: () => T): T {
    const fail = (e: unknown): string[] => {
      SelfLog.write(`file sink: cannot list "${this.#dir}"`, e);
      return [];
    };
    try {
      const names = list();
      return (names instanceof Promise ? names.catch(fail) : names) as T;
    } catch (e) {
      return fail(e) as T;
    }
  }
}

/**
 * Closes a file that is being dropped, ignoring a failure (nothing can be done
 * about it, and the caller has moved on).
 *
 * @example
 * ```ts
 * import { closeQuietly } from "./rolling_file_set.ts";
 * import type { AppendFile } from "@logging/core";
 * declare const file: AppendFile;
 * await closeQuietly(file);
 * ```
 */
export async function closeQuietly(file: AppendFile): Promise<void> {
  try {
    await file.close();
  } catch {
    // The handle is being dropped; a failing close changes nothing for the caller.
  }
}

/** Runs a file operation, turning its failure (thrown or rejected) into a {@link FileSinkError}. */
function attempt<T>(operation: string, path: string, fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (e) {
    throw new FileSinkError(operation, path, e);
  }
  if (result instanceof Promise) {
    return result.catch((e: unknown) => {
      throw new FileSinkError(operation, path, e);
    }) as T;
  }
  return result;
}
