/**
 * The formatter interface: an event to text.
 *
 * @module
 */
import type { LogEvent } from "./log_event.ts";

/**
 * Turns an event into one complete record of text, its line ending included,
 * so a batch is the concatenation of its records.
 *
 * @example
 * ```ts
 * import type { Formatter } from "@logging/core";
 * const levelOnly: Formatter = { format: (e) => e.level + "\n" };
 * ```
 */
export interface Formatter {
  /** Renders `event` as one complete record, trailing line ending included. */
  format(event: LogEvent): string;
}
