/**
 * The `node:fs` file system, shared by the Node and Bun adapters (Bun's native
 * `node:fs` is its fastest correct way to append: see the Bun adapter).
 *
 * @module
 */
import * as fs from "node:fs";
import type { AppendFile, FileInfo } from "../../core/runtime/runtime.ts";
import type { SyncFileSystem } from "../../core/rolling/sync_file_system.ts";
import { writeFullySync } from "./write_fully.ts";

/**
 * A {@link SyncFileSystem} over `node:fs`. Files are opened with flag `"a"`
 * (O_APPEND, so several processes appending to one file never overwrite each
 * other). Writes are synchronous `fs.writeSync` calls, on purpose: a batch is in
 * the kernel when `write` returns, so a process exit can neither lose nor
 * duplicate a batch that was "in flight" in the libuv pool, and a batch of 512
 * CLEF lines (94 KB) costs about half as much as through `fs.write`. Opening,
 * listing and deleting stay asynchronous.
 *
 * @example
 * ```ts
 * import { processFileSystem } from "./process_file_system.ts";
 * const file = await processFileSystem().openAppend("/tmp/app.log");
 * file.write("hello\n");
 * await file.close();
 * ```
 */
export function processFileSystem(): SyncFileSystem {
  return {
    openAppend: (path) =>
      new Promise<AppendFile>((resolve, reject) => {
        fs.open(path, "a", 0o666, (error, fd) => {
          if (error) return reject(error);
          fs.fstat(fd, (statError, info) => {
            if (statError) return fs.close(fd, () => reject(statError));
            resolve(appendFile(fd, info));
          });
        });
      }),
    openAppendSync(path: string): AppendFile {
      const fd = fs.openSync(path, "a", 0o666);
      try {
        return appendFile(fd, fs.fstatSync(fd));
      } catch (e) {
        fs.closeSync(fd);
        throw e;
      }
    },
    stat: (path) => fs.promises.stat(path).then(toInfo, missing(undefined)),
    statSync(path: string): FileInfo | undefined {
      const info = fs.statSync(path, { throwIfNoEntry: false });
      return info === undefined ? undefined : toInfo(info);
    },
    rename: (from, to) => fs.promises.rename(from, to),
    remove: (path) => fs.promises.unlink(path).catch(missing(undefined)),
    list: (dir) => fs.promises.readdir(dir).catch(missing([])),
    listSync(dir: string): string[] {
      try {
        return fs.readdirSync(dir);
      } catch (e) {
        return missing([])(e);
      }
    },
    mkdir: async (dir) => {
      await fs.promises.mkdir(dir, { recursive: true });
    },
    mkdirSync(dir: string): void {
      fs.mkdirSync(dir, { recursive: true });
    },
  };
}

function appendFile(fd: number, info: fs.Stats): AppendFile {
  let closed = false;
  const write = (chunk: string | Uint8Array): void => writeFullySync(fd, chunk);
  return {
    initialSize: info.size,
    fileId: fileIdOf(info),
    write,
    writeSync: write,
    truncate: (size: number): void => fs.ftruncateSync(fd, size),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) return resolve();
        closed = true;
        fs.close(fd, (error) => (error ? reject(error) : resolve()));
      }),
  };
}

function toInfo(info: fs.Stats): FileInfo {
  return { size: info.size, mtimeMs: info.mtimeMs, isFile: info.isFile(), fileId: fileIdOf(info) };
}

/** Device and inode; undefined where the platform reports no inode (0). */
function fileIdOf(info: fs.Stats): string | undefined {
  return info.ino > 0 ? `${info.dev}:${info.ino}` : undefined;
}

/** A rejection handler that turns ENOENT into `value` and rethrows the rest. */
function missing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if ((error as { code?: unknown }).code === "ENOENT") return value;
    throw error;
  };
}
