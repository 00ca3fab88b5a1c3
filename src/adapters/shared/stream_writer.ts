/**
 * stdout/stderr writers over `process.stdout`/`process.stderr`, shared by the
 * Node and Bun adapters.
 *
 * @module
 */
import type { Writer } from "../../core/runtime/runtime.ts";
import { writeFullySync } from "./write_fully.ts";

/**
 * The part of a Node `process.stdout`/`process.stderr` a writer uses.
 *
 * @example
 * ```ts
 * import process from "node:process";
 * import type { ProcessStream } from "./stream_writer.ts";
 * const out: ProcessStream = process.stdout;
 * ```
 */
export interface ProcessStream {
  /** Queues `chunk`; returns `false` when the buffer is full and the caller should wait for `drain`. */
  write(chunk: string | Uint8Array): boolean;
  /** Registers a one-shot listener; used to wait for `drain` (or `close`/`error`, so a wait never hangs). */
  once(event: "drain" | "close" | "error", listener: () => void): unknown;
  /** Removes a listener added with `once` after any of the awaited events fires. */
  removeListener(event: "drain" | "close" | "error", listener: () => void): unknown;
  /** `true` while a `write` returned `false` and `drain` has not yet fired. */
  readonly writableNeedDrain?: boolean;
  /** `true` when the stream is a terminal (Node's and Bun's `process.stdout.isTTY`). */
  readonly isTTY?: boolean;
}

/**
 * A {@link Writer} over a process stream. `write` returns a promise only when
 * the stream asks for back-pressure (it settles on `drain`, or when the stream
 * errors or closes, so a broken pipe never hangs a flush). `writeSync` writes
 * straight to the file descriptor (1 or 2) for the last-chance flush on exit.
 * `close` leaves the stream open: it belongs to the process. `isTerminal`
 * reflects the stream's `isTTY`.
 *
 * @example
 * ```ts
 * import process from "node:process";
 * import { streamWriter } from "./stream_writer.ts";
 * const stdout = streamWriter(process.stdout, 1);
 * await stdout.write("hello\n");
 * ```
 */
export function streamWriter(stream: ProcessStream, fd: number): Writer {
  const drained = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (): void => {
        stream.removeListener("drain", done);
        stream.removeListener("close", done);
        stream.removeListener("error", done);
        resolve();
      };
      stream.once("drain", done);
      stream.once("close", done);
      stream.once("error", done);
    });
  return {
    write(chunk: string | Uint8Array): void | Promise<void> {
      if (!stream.write(chunk)) return drained();
    },
    writeSync(chunk: string | Uint8Array): void {
      writeFullySync(fd, chunk);
    },
    flush(): Promise<void> {
      return stream.writableNeedDrain === true ? drained() : Promise.resolve();
    },
    async close(): Promise<void> {},
    get isTerminal(): boolean {
      return stream.isTTY === true;
    },
  };
}
