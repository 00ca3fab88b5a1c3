/**
 * Full writes to Deno files and stdio (whose `write` may be partial).
 *
 * @module
 */
import type { Writer } from "../../core/runtime/runtime.ts";
import type { DenoWritable } from "./deno_api.ts";
import { withBytesWritten } from "../shared/bytes_written.ts";

const encoder = new TextEncoder();

function bytesOf(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

/**
 * Writes all of `chunk` with `writeSync`, looping over partial writes.
 *
 * @example
 * ```ts
 * import { writeAllSync } from "./deno_writer.ts";
 * writeAllSync(Deno.stderr, "bye\n");
 * ```
 */
export function writeAllSync(target: DenoWritable, chunk: string | Uint8Array): void {
  const all = bytesOf(chunk);
  let offset = 0;
  while (offset < all.length) {
    let n: number;
    try {
      n = target.writeSync(all.subarray(offset));
    } catch (e) {
      throw withBytesWritten(e, offset);
    }
    if (!(n > 0)) throw withBytesWritten(new Error(`write made no progress (${n} of ${all.length - offset} bytes)`), offset);
    offset += n;
  }
}

/**
 * Writes all of `chunk` with the asynchronous `write`, looping over partial
 * writes.
 *
 * @example
 * ```ts
 * import { writeAll } from "./deno_writer.ts";
 * await writeAll(Deno.stdout, "hello\n");
 * ```
 */
export async function writeAll(target: DenoWritable, chunk: string | Uint8Array): Promise<void> {
  let bytes = bytesOf(chunk);
  while (bytes.length > 0) {
    const n = await target.write(bytes);
    if (!(n > 0)) throw new Error(`write made no progress (${n} of ${bytes.length} bytes)`);
    bytes = bytes.subarray(n);
  }
}

/**
 * A {@link Writer} over `Deno.stdout` or `Deno.stderr`. Asynchronous writes
 * are chained, so two chunks never interleave even when a write is partial;
 * `writeSync` is for the last-chance flush; `close` leaves the stream open.
 *
 * @example
 * ```ts
 * import { denoStdioWriter } from "@logging/core/deno";
 * const out = denoStdioWriter(Deno.stdout);
 * await out.write("hello\n");
 * ```
 */
export function denoStdioWriter(target: DenoWritable): Writer {
  let tail: Promise<void> = Promise.resolve();
  return {
    write(chunk: string | Uint8Array): Promise<void> {
      const next = tail.then(() => writeAll(target, chunk));
      tail = next.catch(() => {});
      return next;
    },
    writeSync(chunk: string | Uint8Array): void {
      writeAllSync(target, chunk);
    },
    flush(): Promise<void> {
      return tail;
    },
    async close(): Promise<void> {},
    get isTerminal(): boolean {
      try {
        return target.isTerminal?.() === true;
      } catch {
        return false;
      }
    },
  };
}
