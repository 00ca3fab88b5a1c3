/**
 * The event that flows from a logger to its sinks.
 *
 * @module
 */
import type { LogLevel } from "../levels/level.ts";
import type { LogProperties, LogValue } from "./log_value.ts";
import type { MessageTemplate } from "../template/message_template.ts";

/**
 * An error as it was when it was logged: name, message, stack, its `cause`
 * chain and any extra own properties (e.g. `code`), captured at call time.
 *
 * @example
 * ```ts
 * import type { ErrorInfo } from "@logging/core";
 * const info: ErrorInfo = { name: "TypeError", message: "bad", stack: "TypeError: bad\n    at f" };
 * ```
 */
export interface ErrorInfo {
  /** The error's `name`, e.g. `"TypeError"`. */
  readonly name: string;
  /** The error's `message`. */
  readonly message: string;
  /** The stack trace text, when the error had one. */
  readonly stack?: string;
  /** The error's `cause`: another error, or a captured value. */
  readonly cause?: ErrorInfo | LogValue;
  /** Extra own enumerable properties such as `code` or `errno`. */
  readonly properties?: LogProperties;
}

/**
 * A log event. Every value in it was captured when the log call was made, so a
 * sink sees what the application had at that moment.
 *
 * @example
 * ```ts
 * import { parseTemplate, type LogEvent } from "@logging/core";
 * const event: LogEvent = {
 *   timestamp: Date.now(),
 *   level: "information",
 *   template: parseTemplate("User {UserId} logged in"),
 *   properties: { UserId: 42 },
 * };
 * ```
 */
export interface LogEvent {
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  /** The severity the event was logged at. */
  readonly level: LogLevel;
  /** The parsed message template the call was made with. */
  readonly template: MessageTemplate;
  /** Bound template values, context and enrichment: a record that inherits nothing (see {@link LogProperties}). */
  readonly properties: LogProperties;
  /** The error logged with the event, captured at call time. */
  readonly error?: ErrorInfo;
}
