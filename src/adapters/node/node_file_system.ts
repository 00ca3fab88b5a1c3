/**
 * Node's file system for the rolling file sink.
 *
 * @module
 */
import type { SyncFileSystem } from "../../core/rolling/sync_file_system.ts";
import { processFileSystem } from "../shared/process_file_system.ts";

/**
 * A {@link SyncFileSystem} over `node:fs`. Files are opened with flag `"a"`
 * (O_APPEND: several processes appending to one file never overwrite each
 * other); batches are written with synchronous `fs.writeSync`, so a batch is in
 * the kernel when `write` returns and an exit can neither lose nor duplicate it.
 *
 * @example
 * ```ts
 * import { nodeFileSystem } from "@logging/core/node";
 * const file = await nodeFileSystem().openAppend("/tmp/app.log");
 * file.write("hello\n");
 * await file.close();
 * ```
 */
export function nodeFileSystem(): SyncFileSystem {
  return processFileSystem();
}
