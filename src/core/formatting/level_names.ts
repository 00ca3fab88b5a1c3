/**
 * Level spellings shared by the formatters: CLEF/Serilog names and the
 * width/case formats of Serilog output templates (`u3`, `w3`, `t4`, `u`, `w`).
 *
 * @module
 */
import type { LogLevel } from "../levels/level.ts";

const CLEF_NAMES: Readonly<Record<LogLevel, string>> = Object.freeze({
  verbose: "Verbose",
  debug: "Debug",
  information: "Information",
  warning: "Warning",
  error: "Error",
  fatal: "Fatal",
});

// Serilog's title-case monikers by width (1-based index = width).
const TITLE: Readonly<Record<LogLevel, readonly string[]>> = Object.freeze({
  verbose: ["V", "Vb", "Vrb", "Verb", "Verbo", "Verbos", "Verbose"],
  debug: ["D", "De", "Dbg", "Dbug", "Debug"],
  information: [
    "I", "In", "Inf", "Info", "Infor", "Inform", "Informa", "Informat", "Informati",
    "Informatio", "Information",
  ],
  warning: ["W", "Wn", "Wrn", "Warn", "Warni", "Warnin", "Warning"],
  error: ["E", "Er", "Err", "Eror", "Error"],
  fatal: ["F", "Fa", "Ftl", "Fatl", "Fatal"],
});

const monikerCache = new Map<string, string>();

/**
 * The CLEF/Serilog name of a level: `Verbose`, `Debug`, `Information`,
 * `Warning`, `Error`, `Fatal`.
 *
 * @example
 * ```ts
 * import { clefLevelName } from "./level_names.ts";
 * clefLevelName("warning"); // "Warning"
 * ```
 */
export function clefLevelName(level: LogLevel): string {
  return CLEF_NAMES[level] ?? String(level);
}

/**
 * A level as an output template's `{Level:format}` shows it, like Serilog:
 * no format → `Information`; `u` / `w` → upper / lower case full name;
 * `u3` → `INF`, `w3` → `inf`, `t3` → `Inf` (widths 1–2 digits; a width beyond
 * the name gives the full name; width 0 gives `""`). Other formats give the
 * full name.
 *
 * @example
 * ```ts
 * import { levelMoniker } from "./level_names.ts";
 * levelMoniker("warning", "u3"); // "WRN"
 * levelMoniker("fatal", "w"); // "fatal"
 * levelMoniker("debug", "t4"); // "Dbug"
 * ```
 */
export function levelMoniker(level: LogLevel, format?: string): string {
  if (format === undefined || format === "") return clefLevelName(level);
  const key = level + "\u0000" + format;
  const cached = monikerCache.get(key);
  if (cached !== undefined) return cached;
  const result = computeMoniker(level, format);
  if (monikerCache.size < 256) monikerCache.set(key, result);
  return result;
}

function computeMoniker(level: LogLevel, format: string): string {
  const names = TITLE[level];
  if (names === undefined) return String(level);
  const full = names[names.length - 1];
  const style = format[0];
  if (format.length === 1) return applyCase(full, style);
  if (format.length > 3 || !/^[0-9]+$/.test(format.slice(1))) return full;
  const width = Number(format.slice(1));
  if (width < 1) return "";
  if (style !== "u" && style !== "w" && style !== "t") return full;
  return applyCase(names[Math.min(width, names.length) - 1], style);
}

function applyCase(text: string, style: string): string {
  return style === "u" ? text.toUpperCase() : style === "w" ? text.toLowerCase() : text;
}
