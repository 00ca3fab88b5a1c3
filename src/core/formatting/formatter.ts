/**
 * The formatter interface: an event to text.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";

/**
 * Turns an event into one complete record of text, its line ending included,
 * so a batch is the concatenation of its records.
 *
 * A formatter owns its bytes: it may also write a whole batch straight to
 * UTF-8 with {@link Formatter.encodeBatch}, which sinks that write bytes (the
 * file sink, Seq) use when present. Both must agree byte for byte; a wrapper
 * that changes `format` must not copy `encodeBatch` (then sinks fall back to
 * `format`).
 *
 * @example
 * ```ts
 * import type { Formatter } from "@logging/core";
 * const levelOnly: Formatter = { format: (e) => e.level + "\n" };
 * const encoder = new TextEncoder();
 * const withBytes: Formatter = {
 *   format: (e) => e.level + "\n",
 *   encodeBatch: (events, start, end) => encoder.encode(events.slice(start, end).map((e) => e.level + "\n").join("")),
 * };
 * ```
 */
export interface Formatter {
  /** Renders `event` as one complete record, trailing line ending included. */
  format(event: LogEvent): string;
  /**
   * Optional: the UTF-8 bytes of `format(events[i])` for `start ≤ i < end`,
   * concatenated, written into `into` when it has room (the result is then a
   * view of it) or into a new, larger array. Implement it when writing bytes
   * directly is cheaper than building the text (the CLEF formatter writes each
   * piece straight to bytes). The result is only read until the next call, so
   * `into` may be reused.
   */
  encodeBatch?(events: readonly LogEvent[], start: number, end: number, into: Uint8Array): Uint8Array;
}
