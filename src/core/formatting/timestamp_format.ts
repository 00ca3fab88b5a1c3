/**
 * .NET-style custom date formats for output templates (`{Timestamp:HH:mm:ss}`),
 * compiled once into a function. Date fields are recomputed only when the
 * second changes.
 *
 * @module
 */
import { formatIsoTimestamp } from "./iso_timestamp.ts";

/**
 * Formats epoch milliseconds as text.
 *
 * @example
 * ```ts
 * import { compileTimestampFormat, type TimestampFormatter } from "./timestamp_format.ts";
 * const f: TimestampFormatter = compileTimestampFormat("HH:mm:ss");
 * ```
 */
export type TimestampFormatter = (ms: number) => string;

interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number; // east of UTC
}

type Part = string | ((f: Fields, millis: number) => string);

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const pad2 = (n: number): string => (n < 10 ? "0" + n : "" + n);
const pad3 = (n: number): string => (n < 10 ? "00" + n : n < 100 ? "0" + n : "" + n);
const hour12 = (h: number): number => (h % 12 === 0 ? 12 : h % 12);

function offsetText(minutes: number, width: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  if (width === 1) return sign + h;
  if (width === 2) return sign + pad2(h);
  return sign + pad2(h) + ":" + pad2(abs % 60);
}

// A run of one specifier letter ("yyyy", "MM", "fff") → its renderer.
function specifier(letter: string, width: number): Part | undefined {
  switch (letter) {
    case "y":
      if (width <= 2) return width === 2 ? (f) => pad2(Math.abs(f.year) % 100) : (f) => "" + (Math.abs(f.year) % 100);
      return (f) => String(f.year).padStart(width, "0");
    case "M":
      return width >= 4 ? (f) => MONTHS[f.month - 1] : width === 3 ? (f) => MONTHS[f.month - 1].slice(0, 3) : width === 2 ? (f) => pad2(f.month) : (f) => "" + f.month;
    case "d":
      return width >= 4 ? (f) => DAYS[f.weekday] : width === 3 ? (f) => DAYS[f.weekday].slice(0, 3) : width === 2 ? (f) => pad2(f.day) : (f) => "" + f.day;
    case "H":
      return width >= 2 ? (f) => pad2(f.hour) : (f) => "" + f.hour;
    case "h":
      return width >= 2 ? (f) => pad2(hour12(f.hour)) : (f) => "" + hour12(f.hour);
    case "m":
      return width >= 2 ? (f) => pad2(f.minute) : (f) => "" + f.minute;
    case "s":
      return width >= 2 ? (f) => pad2(f.second) : (f) => "" + f.second;
    case "f":
    case "F":
      // Milliseconds are all a JavaScript timestamp has; extra digits are 0.
      if (width === 3) return (_f, ms) => pad3(ms);
      return (_f, ms) => (pad3(ms) + "0000").slice(0, Math.min(width, 7));
    case "t":
      return width >= 2 ? (f) => (f.hour < 12 ? "AM" : "PM") : (f) => (f.hour < 12 ? "A" : "P");
    case "z":
      return (f) => offsetText(f.offsetMinutes, Math.min(width, 3));
    case "K":
    case "Z":
      return (f) => (f.offsetMinutes === 0 ? "Z" : offsetText(f.offsetMinutes, 3));
    default:
      return undefined;
  }
}

const STANDARD: Readonly<Record<string, string>> = {
  o: "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
  O: "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
  s: "yyyy-MM-dd'T'HH:mm:ss",
  u: "yyyy-MM-dd HH:mm:ss'Z'",
};

function parseFormat(format: string): Part[] {
  const parts: Part[] = [];
  let literal = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === "'" || ch === '"') {
      const end = format.indexOf(ch, i + 1);
      literal += end < 0 ? format.slice(i + 1) : format.slice(i + 1, end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (ch === "\\" && i + 1 < format.length) {
      literal += format[i + 1];
      i += 2;
      continue;
    }
    let j = i + 1;
    while (j < format.length && format[j] === ch) j++;
    const part = specifier(ch, j - i);
    if (part === undefined) {
      literal += format.slice(i, j);
    } else {
      if (literal !== "") parts.push(literal);
      literal = "";
      parts.push(part);
    }
    i = j;
  }
  if (literal !== "") parts.push(literal);
  return parts;
}

/**
 * Compiles a .NET-style custom date format: `yyyy yy MMMM MMM MM M dddd ddd
 * dd d HH H hh h mm m ss s f…fffffff tt zzz zz z K`, with `Z` as an alias of
 * `K` (`Z` in UTC, else `+hh:mm`); `'quoted'` text and `\x` are literal, as is
 * anything else. The standard formats `o`/`O`, `s`, `u` are accepted.
 * An empty or missing format gives ISO 8601 (`2026-11-22T12:00:00.000Z` in
 * UTC, `2026-11-22T13:00:00.000+01:00` in local time). UTC unless `utc` is
 * false.
 *
 * @example
 * ```ts
 * import { compileTimestampFormat } from "./timestamp_format.ts";
 * const f = compileTimestampFormat("yyyy-MM-dd HH:mm:ss.fff zzz");
 * f(Date.UTC(2026, 10, 22, 12, 0, 0, 5)); // "2026-11-22 12:00:00.005 +00:00"
 * ```
 */
export function compileTimestampFormat(format?: string, utc = true): TimestampFormatter {
  if ((format === undefined || format === "") && utc) return formatIsoTimestamp;
  const parts = parseFormat(
    format === undefined || format === "" ? "yyyy-MM-dd'T'HH:mm:ss.fffK" : STANDARD[format] ?? format,
  );
  const fields: Fields = { year: 0, month: 0, day: 0, weekday: 0, hour: 0, minute: 0, second: 0, offsetMinutes: 0 };
  let cachedSecond = Number.NaN;
  return (ms: number): string => {
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
    const whole = Math.floor(ms);
    const second = Math.floor(whole / 1000);
    if (second !== cachedSecond) {
      fill(fields, new Date(second * 1000), utc);
      cachedSecond = second;
    }
    const millis = whole - second * 1000;
    let out = "";
    for (const part of parts) out += typeof part === "string" ? part : part(fields, millis);
    return out;
  };
}

function fill(f: Fields, d: Date, utc: boolean): void {
  if (utc) {
    f.year = d.getUTCFullYear();
    f.month = d.getUTCMonth() + 1;
    f.day = d.getUTCDate();
    f.weekday = d.getUTCDay();
    f.hour = d.getUTCHours();
    f.minute = d.getUTCMinutes();
    f.second = d.getUTCSeconds();
    f.offsetMinutes = 0;
  } else {
    f.year = d.getFullYear();
    f.month = d.getMonth() + 1;
    f.day = d.getDate();
    f.weekday = d.getDay();
    f.hour = d.getHours();
    f.minute = d.getMinutes();
    f.second = d.getSeconds();
    f.offsetMinutes = -d.getTimezoneOffset();
  }
}
