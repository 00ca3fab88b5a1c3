/**
 * The error a rolling file sink raises when the file system fails: it names
 * the operation, the path and the cause, and keeps the cause's `code`.
 *
 * @module
 */

/**
 * A file operation of a rolling file sink failed. `code` is the system error
 * code of the cause (`"ENOSPC"`, `"EACCES"`…) when it has one.
 *
 * @example
 * ```ts
 * import { FileSinkError } from "@logging/core";
 * const e = new FileSinkError("open", "logs/app.log", Object.assign(new Error("denied"), { code: "EACCES" }));
 * e.message; // 'file sink: cannot open "logs/app.log": EACCES: denied'
 * e.code;    // "EACCES"
 * ```
 */
export class FileSinkError extends Error {
  /** The failing operation: `"open"`, `"write"`, `"create directory"`… */
  readonly operation: string;
  /** The path of the file or directory the operation was on. */
  readonly path: string;
  /** The cause's system error code (`"ENOSPC"`, `"EACCES"`…), or `undefined` if it has none. */
  readonly code: string | undefined;
  /**
   * For a failed write: how many leading events of the batch did reach the
   * file (whole lines; a half-written one was cut off). The pipeline counts
   * them as emitted and sends only the rest to the fallback.
   */
  readonly eventsWritten: number | undefined;

  /** Wraps `cause` (kept as `cause`) in an error naming `operation` and `path`. */
  constructor(operation: string, path: string, cause: unknown, eventsWritten?: number) {
    const code = errorCode(cause);
    const detail = cause instanceof Error ? cause.message : String(cause);
    const prefix = code !== undefined && !detail.includes(code) ? `${code}: ` : "";
    super(`file sink: cannot ${operation} "${path}": ${prefix}${detail}`, { cause });
    this.name = "FileSinkError";
    this.operation = operation;
    this.path = path;
    this.code = code;
    this.eventsWritten = eventsWritten;
  }
}

function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : undefined;
}
