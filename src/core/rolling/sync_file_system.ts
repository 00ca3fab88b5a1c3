/**
 * Optional synchronous file operations, used only for the last-chance flush
 * when a process exits synchronously (Node's `exit`, Deno's `unload`): a
 * rolling file sink that has no file open yet must still be able to open one.
 *
 * @module
 */
import type { AppendFile, FileInfo, FileSystem } from "../runtime/runtime.ts";

/**
 * A {@link FileSystem} that may also work synchronously. Every synchronous
 * method is optional; without `openAppendSync` a sink can write synchronously
 * only to a file it already has open (through the file's `writeSync`).
 *
 * @example
 * ```ts
 * import type { SyncFileSystem } from "./sync_file_system.ts";
 * function canOpenSync(fs: SyncFileSystem): boolean { return typeof fs.openAppendSync === "function"; }
 * ```
 */
export interface SyncFileSystem extends FileSystem {
  /** Opens (creating if needed) a file for appending, synchronously. */
  openAppendSync?(path: string): AppendFile;
  /** `undefined` when the path does not exist. */
  statSync?(path: string): FileInfo | undefined;
  /** The names of the entries of a directory; `[]` if it is missing. */
  listSync?(dir: string): string[];
  /** Creates a directory and its parents; no error when it exists. */
  mkdirSync?(dir: string): void;
}
