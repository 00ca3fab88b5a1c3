/**
 * Node's stdout/stderr writers.
 *
 * @module
 */
import type { Writer } from "../../core/runtime/runtime.ts";
import { type ProcessStream, streamWriter } from "../shared/stream_writer.ts";

export type { ProcessStream };

/**
 * A {@link Writer} over `process.stdout` or `process.stderr`. `write` returns
 * a promise only when the stream asks for back-pressure (it settles on
 * `drain`, or when the stream errors or closes); `writeSync` writes straight
 * to the file descriptor (1 or 2) for the last-chance flush on exit; `close`
 * leaves the stream open (it belongs to the process).
 *
 * @example
 * ```ts
 * import process from "node:process";
 * import { nodeStdioWriter } from "@logging/core/node";
 * const stdout = nodeStdioWriter(process.stdout, 1);
 * await stdout.write("hello\n");
 * ```
 */
export function nodeStdioWriter(stream: ProcessStream, fd: 1 | 2): Writer {
  return streamWriter(stream, fd);
}
