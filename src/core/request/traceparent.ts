/**
 * The W3C Trace Context `traceparent` header, read strictly.
 *
 * @module
 */

/**
 * The trace and parent span a `traceparent` header names.
 *
 * @example
 * ```ts
 * import { parseTraceparent } from "@logging/core";
 * const trace = parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
 * trace?.traceId; // "4bf92f3577b34da6a3ce929d0e0e4736"
 * ```
 */
export interface Traceparent {
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lowercase hex digits, not all zero: the caller's span, the parent of this request's work. */
  readonly spanId: string;
  /** The `sampled` bit of the trace flags. */
  readonly sampled: boolean;
}

// Version 00 only: its layout is the one defined; the header is exactly 55 characters.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = "00000000000000000000000000000000";
const ZERO_SPAN = "0000000000000000";

/**
 * Parses a `traceparent` header value; returns `undefined` for anything that
 * is not a valid version-00 header (wrong length, upper-case or non-hex digits,
 * an all-zero trace or span id, another version). Surrounding whitespace is
 * ignored, as HTTP header values allow it. Never throws.
 *
 * @example
 * ```ts
 * import { parseTraceparent } from "@logging/core";
 * parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?.spanId; // "00f067aa0ba902b7"
 * parseTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"); // undefined
 * ```
 */
export function parseTraceparent(header: unknown): Traceparent | undefined {
  if (typeof header !== "string" || header.length > 64) return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return undefined;
  const [, traceId, spanId, flags] = match;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}
