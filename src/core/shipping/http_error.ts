/**
 * The error an HTTP sink's `emit` rejects with when a batch could not be
 * delivered; the pipeline counts the batch as failed and reports the error
 * through `SelfLog`.
 *
 * @module
 */

/**
 * Why a request failed: the response status (if any), how many attempts were
 * made, and whether the failure was of a kind that is retried.
 *
 * @example
 * ```ts
 * import { HttpSendError } from "@logging/core";
 * const e = new HttpSendError("POST http://127.0.0.1:4318/v1/logs answered 400", { status: 400, attempts: 1, retryable: false });
 * e.status; // 400
 * ```
 */
export class HttpSendError extends Error {
  /** The last response status; undefined for a network error or timeout. */
  readonly status: number | undefined;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** Whether the last failure was retryable (429, 5xx, network, timeout). */
  readonly retryable: boolean;

  /** Creates the error; `details.cause` (if given) becomes the standard `cause`. */
  constructor(message: string, details: { status?: number; attempts: number; retryable: boolean; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "HttpSendError";
    this.status = details.status;
    this.attempts = details.attempts;
    this.retryable = details.retryable;
  }
}

/**
 * A request that did not complete within the sink's `requestTimeoutMs`.
 *
 * @example
 * ```ts
 * import { RequestTimeoutError } from "@logging/core";
 * new RequestTimeoutError(5_000).message; // "request timed out after 5000 ms"
 * ```
 */
export class RequestTimeoutError extends Error {
  /** Creates the error for an attempt aborted after `ms` milliseconds. */
  constructor(ms: number) {
    super(`request timed out after ${ms} ms`);
    this.name = "RequestTimeoutError";
  }
}

/**
 * Counters of an HTTP sink, for tests and diagnostics (the pipeline's metrics
 * count events; these count requests).
 *
 * @example
 * ```ts
 * import type { HttpShippingStats } from "@logging/core";
 * function retried(stats: HttpShippingStats): boolean { return stats.retries > 0; }
 * ```
 */
export interface HttpShippingStats {
  /** HTTP requests started (every attempt counts). */
  readonly requests: number;
  /** Attempts after the first (waits taken after a retryable failure). */
  readonly retries: number;
  /** Requests accepted with a 2xx status. */
  readonly succeeded: number;
  /** Requests given up on: non-retryable status, attempts or time budget exhausted. */
  readonly failed: number;
  /** Body bytes of accepted requests. */
  readonly bytesSent: number;
  /** The status of the last response, or undefined. */
  readonly lastStatus: number | undefined;
}
