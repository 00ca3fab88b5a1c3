/**
 * Synchronous writes to a file descriptor that finish the whole chunk, for
 * Node and Bun (both implement `node:fs`).
 *
 * @module
 */
import * as fs from "node:fs";
import { withBytesWritten } from "./bytes_written.ts";

const encoder = new TextEncoder();
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `chunk` to `fd` with `fs.writeSync`, looping over partial
 * writes and waiting (1 ms at a time, at most ~1 s) while a non-blocking
 * descriptor answers `EAGAIN`. A failure part way (a disk that fills up)
 * throws the error with `bytesWritten`: the bytes of `chunk` written before it.
 *
 * @example
 * ```ts
 * import { writeFullySync } from "./write_fully.ts";
 * writeFullySync(1, "to stdout, synchronously\n");
 * ```
 */
export function writeFullySync(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
  let offset = 0;
  let waits = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      if ((e as { code?: unknown }).code !== "EAGAIN" || ++waits > 1000) throw withBytesWritten(e, offset);
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

