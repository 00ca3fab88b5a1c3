/**
 * The retry policy of the HTTP sinks: which outcomes are retried, exponential
 * backoff with full jitter, and `Retry-After`.
 *
 * @module
 */

import { nonNegativeNumber, optionsObject, positiveInteger } from "../options/option_checks.ts";

/**
 * Retry settings for an HTTP sink. A batch is sent at most `maxAttempts`
 * times; between attempts the sink waits a random time in
 * `[0, min(maxDelayMs, initialDelayMs · 2^(n-1))]` ("full jitter"), or what
 * the server's `Retry-After` asks. No attempt or wait starts past
 * `maxElapsedMs` from the first attempt: keep it below the breaker's
 * `writeTimeoutMs` (default 10 000 ms) so the pipeline sees the sink's own
 * verdict rather than a write timeout.
 *
 * @example
 * ```ts
 * import type { RetryOptions } from "@logging/core";
 * const retry: RetryOptions = { maxAttempts: 5, initialDelayMs: 250, maxDelayMs: 5_000, maxElapsedMs: 9_000 };
 * ```
 */
export interface RetryOptions {
  /** Attempts per request, the first included. Default 5; 1 disables retries. */
  maxAttempts?: number;
  /** The backoff cap of the first retry. Default 250 ms. */
  initialDelayMs?: number;
  /** The largest backoff cap. Default 5 000 ms. */
  maxDelayMs?: number;
  /** No retry starts (and no wait ends) later than this after the first attempt. Default 9 000 ms. */
  maxElapsedMs?: number;
}

/**
 * {@link RetryOptions} with every default applied.
 *
 * @example
 * ```ts
 * import { resolveRetryOptions } from "./http_retry.ts";
 * resolveRetryOptions({ maxAttempts: 2 }).initialDelayMs; // 250
 * ```
 */
export interface ResolvedRetryOptions {
  /** Attempts per request, the first included (an integer ≥ 1). */
  readonly maxAttempts: number;
  /** The backoff cap of the first retry, in milliseconds. */
  readonly initialDelayMs: number;
  /** The largest backoff cap, in milliseconds. */
  readonly maxDelayMs: number;
  /** Milliseconds after the first attempt past which no retry starts or wait ends. */
  readonly maxElapsedMs: number;
}

/**
 * Applies the defaults (5 attempts, 250 ms initial, 5 000 ms cap, 9 000 ms
 * elapsed); an invalid value is a `TypeError` naming it (`retry.maxAttempts`),
 * prefixed with `sink` when given.
 *
 * @example
 * ```ts
 * import { resolveRetryOptions } from "./http_retry.ts";
 * resolveRetryOptions({}).maxAttempts; // 5
 * ```
 */
export function resolveRetryOptions(options: RetryOptions = {}, sink?: string): ResolvedRetryOptions {
  const prefix = sink === undefined ? "retry." : `${sink}: retry.`;
  const o = optionsObject(prefix.slice(0, -1), options);
  return {
    maxAttempts: positiveInteger(prefix + "maxAttempts", o.maxAttempts, 5),
    initialDelayMs: nonNegativeNumber(prefix + "initialDelayMs", o.initialDelayMs, 250),
    maxDelayMs: nonNegativeNumber(prefix + "maxDelayMs", o.maxDelayMs, 5_000),
    maxElapsedMs: nonNegativeNumber(prefix + "maxElapsedMs", o.maxElapsedMs, 9_000),
  };
}

/**
 * The full-jitter backoff before retry number `retry` (1 for the first
 * retry): `random() · min(maxDelayMs, initialDelayMs · 2^(retry-1))`.
 *
 * @example
 * ```ts
 * import { backoffDelay, resolveRetryOptions } from "./http_retry.ts";
 * backoffDelay(3, resolveRetryOptions({ initialDelayMs: 100 }), () => 0.5); // 200
 * ```
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, retry - 1));
  const r = random();
  return Math.floor(cap * (r >= 0 && r < 1 ? r : 0.5));
}

/**
 * Whether a response status is worth retrying: 408, 429 and 5xx other than
 * 501 (Not Implemented) and 505 (HTTP Version Not Supported).
 *
 * @example
 * ```ts
 * import { isRetryableStatus } from "./http_retry.ts";
 * isRetryableStatus(503); // true
 * isRetryableStatus(400); // false
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"120"`) or an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`), relative to `nowMs` (epoch ms).
 * Returns milliseconds (0 for a date in the past), or `undefined` when absent
 * or unparseable.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from "./http_retry.ts";
 * parseRetryAfter("3", 0); // 3000
 * parseRetryAfter("Thu, 01 Jan 1970 00:00:10 GMT", 4_000); // 6000
 * ```
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-3": not valid delay-seconds
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
