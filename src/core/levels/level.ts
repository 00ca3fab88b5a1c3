/**
 * The six log levels, from the most verbose to the most severe, and helpers to
 * compare and parse them.
 *
 * @module
 */

/**
 * A log level name.
 *
 * @example
 * ```ts
 * import type { LogLevel } from "@logging/core";
 * const level: LogLevel = "warning";
 * ```
 */
export type LogLevel =
  | "verbose"
  | "debug"
  | "information"
  | "warning"
  | "error"
  | "fatal";

/**
 * Every level in ascending order of severity.
 *
 * @example
 * ```ts
 * import { LOG_LEVELS } from "@logging/core";
 * LOG_LEVELS.indexOf("error"); // 4
 * ```
 */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze([
  "verbose",
  "debug",
  "information",
  "warning",
  "error",
  "fatal",
]);

const SEVERITY: Readonly<Record<LogLevel, number>> = Object.freeze({
  verbose: 0,
  debug: 1,
  information: 2,
  warning: 3,
  error: 4,
  fatal: 5,
});

const ALIASES: Readonly<Record<string, LogLevel>> = Object.freeze({
  verbose: "verbose",
  trace: "verbose",
  vrb: "verbose",
  debug: "debug",
  dbg: "debug",
  information: "information",
  info: "information",
  inf: "information",
  warning: "warning",
  warn: "warning",
  wrn: "warning",
  error: "error",
  err: "error",
  eror: "error",
  fatal: "fatal",
  ftl: "fatal",
  critical: "fatal",
});

/**
 * The numeric severity of a level: verbose 0 … fatal 5.
 *
 * @example
 * ```ts
 * import { levelSeverity } from "@logging/core";
 * levelSeverity("warning") > levelSeverity("debug"); // true
 * ```
 */
export function levelSeverity(level: LogLevel): number {
  return SEVERITY[level];
}

/**
 * Whether `value` names a level exactly.
 *
 * @example
 * ```ts
 * import { isLogLevel } from "@logging/core";
 * isLogLevel("debug"); // true
 * isLogLevel("loud"); // false
 * ```
 */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && Object.hasOwn(SEVERITY, value);
}

/**
 * Parses a level name or a common alias (`info`, `warn`, `trace`, `critical`,
 * Serilog's three-letter forms), case-insensitively. Returns `undefined` for
 * anything else, so configuration from the environment can fall back.
 *
 * @example
 * ```ts
 * import { parseLogLevel } from "@logging/core";
 * parseLogLevel("WARN"); // "warning"
 * parseLogLevel("nope"); // undefined
 * ```
 */
export function parseLogLevel(value: string): LogLevel | undefined {
  const key = String(value).trim().toLowerCase();
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}
