/**
 * ANSI colours for the level token of text output.
 *
 * @module
 */
import type { LogLevel } from "../levels/level.ts";

const RESET = "\x1b[0m";

const LEVEL_STYLES: Readonly<Record<LogLevel, string>> = Object.freeze({
  verbose: "\x1b[2m", // dim
  debug: "\x1b[2m", // dim
  information: "\x1b[36m", // cyan
  warning: "\x1b[33m", // yellow
  error: "\x1b[31m", // red
  fatal: "\x1b[97;41m", // bright white on red
});

/**
 * Styles a level's text for a terminal: verbose and debug dim, information
 * cyan, warning yellow, error red, fatal white on a red background.
 *
 * @example
 * ```ts
 * import { ansiLevelStyle } from "./ansi_theme.ts";
 * ansiLevelStyle("warning", "WRN"); // "\x1b[33mWRN\x1b[0m"
 * ```
 */
export function ansiLevelStyle(level: LogLevel, text: string): string {
  const style = LEVEL_STYLES[level];
  return style === undefined ? text : style + text + RESET;
}
