/**
 * An in-memory FileSystem (with the optional synchronous operations) for
 * deterministic tests of the rolling file sink, with fault injection.
 */
import type { AppendFile, FileInfo } from "../../src/core/runtime/runtime.ts";
import type { SyncFileSystem } from "../../src/core/rolling/sync_file_system.ts";

export interface MemoryFsOptions {
  /** When true, `write` returns a promise settled after a macrotask instead of writing at once. */
  readonly asyncWrites?: boolean;
  /** Leave out the synchronous operations (like a file system that cannot do them). */
  readonly noSync?: boolean;
}

export interface WriteRecord {
  readonly path: string;
  readonly bytes: number;
  readonly sync: boolean;
}

function fsError(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: simulated failure, ${op} '${path}'`), { code });
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

const decoder = new TextDecoder();

export class MemoryFileSystem implements SyncFileSystem {
  readonly files: Map<string, Uint8Array[]> = new Map();
  readonly dirs: Set<string> = new Set([".", "/"]);
  readonly writes: WriteRecord[] = [];
  readonly removed: string[] = [];
  /** Open handles (not yet closed). */
  openHandles = 0;
  /** Error code thrown by every open while set (e.g. "EACCES"). */
  failOpen: string | undefined;
  /** Error code thrown by every write while set (e.g. "ENOSPC"). */
  failWrites: string | undefined;
  readonly openAppendSync?: (path: string) => AppendFile;
  readonly statSync?: (path: string) => FileInfo | undefined;
  readonly listSync?: (dir: string) => string[];
  readonly mkdirSync?: (dir: string) => void;
  readonly #async: boolean;

  constructor(options: MemoryFsOptions = {}) {
    this.#async = options.asyncWrites === true;
    if (options.noSync !== true) {
      this.openAppendSync = (path) => this.#open(path);
      this.statSync = (path) => this.#stat(path);
      this.listSync = (dir) => this.#list(dir);
      this.mkdirSync = (dir) => this.#mkdir(dir);
    }
  }

  /** Puts a file in place, as if left by an earlier run. */
  seed(path: string, text: string): void {
    this.#mkdir(parentOf(path));
    this.files.set(path, [new TextEncoder().encode(text)]);
  }

  text(path: string): string {
    const chunks = this.files.get(path);
    if (chunks === undefined) throw new Error(`no file ${path}`);
    return chunks.map((c) => decoder.decode(c)).join("");
  }

  size(path: string): number {
    return (this.files.get(path) ?? []).reduce((n, c) => n + c.length, 0);
  }

  /** The names in `dir`, sorted. */
  names(dir: string): string[] {
    return this.#list(dir).sort();
  }

  openAppend(path: string): Promise<AppendFile> {
    return new Promise((resolve, reject) => {
      try {
        resolve(this.#open(path));
      } catch (e) {
        reject(e);
      }
    });
  }

  stat(path: string): Promise<FileInfo | undefined> {
    return Promise.resolve(this.#stat(path));
  }

  rename(from: string, to: string): Promise<void> {
    const f = this.files.get(from);
    if (f === undefined) return Promise.reject(fsError("ENOENT", "rename", from));
    this.files.delete(from);
    this.files.set(to, f);
    return Promise.resolve();
  }

  remove(path: string): Promise<void> {
    if (!this.files.delete(path)) return Promise.reject(fsError("ENOENT", "unlink", path));
    this.removed.push(path);
    return Promise.resolve();
  }

  list(dir: string): Promise<string[]> {
    return Promise.resolve(this.#list(dir));
  }

  mkdir(dir: string): Promise<void> {
    this.#mkdir(dir);
    return Promise.resolve();
  }

  #open(path: string): AppendFile {
    if (this.failOpen !== undefined) throw fsError(this.failOpen, "open", path);
    if (!this.dirs.has(parentOf(path))) throw fsError("ENOENT", "open", path);
    let chunks = this.files.get(path);
    if (chunks === undefined) this.files.set(path, (chunks = []));
    const initialSize = this.size(path);
    this.openHandles++;
    let closed = false;
    const append = (chunk: string | Uint8Array, sync: boolean): void => {
      if (closed) throw fsError("EBADF", "write", path);
      if (this.failWrites !== undefined) throw fsError(this.failWrites, "write", path);
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk.slice();
      (this.files.get(path) ?? chunks).push(bytes);
      this.writes.push({ path, bytes: bytes.length, sync });
    };
    return {
      initialSize,
      write: (chunk) => {
        if (!this.#async) return append(chunk, false);
        return new Promise<void>((resolve, reject) =>
          setTimeout(() => {
            try {
              append(chunk, false);
              resolve();
            } catch (e) {
              reject(e);
            }
          }, 0)
        );
      },
      writeSync: (chunk) => append(chunk, true),
      close: () => {
        if (!closed) this.openHandles--;
        closed = true;
        return Promise.resolve();
      },
    };
  }

  #stat(path: string): FileInfo | undefined {
    if (this.files.has(path)) return { size: this.size(path), mtimeMs: 0, isFile: true };
    if (this.dirs.has(path)) return { size: 0, mtimeMs: 0, isFile: false };
    return undefined;
  }

  #list(dir: string): string[] {
    const out: string[] = [];
    for (const p of this.files.keys()) if (parentOf(p) === dir) out.push(nameOf(p));
    for (const d of this.dirs) if (d !== dir && parentOf(d) === dir) out.push(nameOf(d));
    return out;
  }

  #mkdir(dir: string): void {
    for (let d = dir; !this.dirs.has(d); d = parentOf(d)) this.dirs.add(d);
  }
}
