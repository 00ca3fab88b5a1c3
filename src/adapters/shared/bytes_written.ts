/**
 * How a failed write tells how far it got: the error carries `bytesWritten`,
 * so a file sink can count the events that did reach the file and cut off a
 * half-written line (see `AppendFile` in the core).
 *
 * @module
 */

/**
 * `error` with a `bytesWritten` property: an object error is annotated,
 * anything else is wrapped in an `Error` whose `cause` it becomes.
 *
 * @example
 * ```ts
 * import { withBytesWritten } from "./bytes_written.ts";
 * const e = withBytesWritten(new Error("ENOSPC"), 4096) as { bytesWritten: number };
 * e.bytesWritten; // 4096
 * ```
 */
export function withBytesWritten(error: unknown, bytesWritten: number): unknown {
  if (error !== null && typeof error === "object") {
    try {
      (error as { bytesWritten?: number }).bytesWritten = bytesWritten;
      if ((error as { bytesWritten?: number }).bytesWritten === bytesWritten) return error;
    } catch {
      // A frozen error: wrap it below.
    }
  }
  return Object.assign(new Error(String(error), { cause: error }), { bytesWritten });
}
