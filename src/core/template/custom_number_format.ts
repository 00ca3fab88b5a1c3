/**
 * .NET custom numeric format strings for template holes: `{Elapsed:0.0000}`,
 * `{Id:000000}`, `{Total:#,##0.00}`, `{Ratio:0.0%}`, `{N:0.00;(0.00);zero}`,
 * as Serilog renders them through `IFormattable` with the invariant culture.
 *
 * @module
 */

/** One piece of a section: a digit placeholder (`0` or `#`) or literal text. */
type Piece = { readonly digit: "0" | "#" } | { readonly text: string };

interface Section {
  readonly integer: readonly Piece[];
  readonly fraction: readonly Piece[];
  readonly point: boolean;
  readonly group: boolean;
  /** Power of ten the value is multiplied by (`%` +2, a scaling `,` −3). */
  readonly scale: number;
}

const MAX_DIGITS = 100;

function isDigit(piece: Piece): piece is { readonly digit: "0" | "#" } {
  return "digit" in piece;
}

/** Splits on `;` outside quotes and escapes. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quote = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (quote !== "") {
      if (c === quote) quote = "";
      current += c;
    } else if (c === "\\" && i + 1 < format.length) {
      current += c + format[++i];
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === ";") {
      sections.push(current);
      current = "";
    } else current += c;
  }
  sections.push(current);
  return sections;
}

/** A section, or `undefined` when it asks for scientific notation. */
function parseSection(format: string): Section | undefined {
  const integer: Piece[] = [];
  const fraction: Piece[] = [];
  let point = false;
  let group = false;
  let scale = 0;
  let pendingCommas = 0;
  let placeholders = 0; // seen so far, for grouping
  const pushText = (text: string): void => {
    const pieces = point ? fraction : integer;
    const last = pieces[pieces.length - 1];
    if (last !== undefined && !isDigit(last)) pieces[pieces.length - 1] = { text: last.text + text };
    else pieces.push({ text });
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "0" || c === "#") {
      if (pendingCommas > 0 && !point) group = group || placeholders > 0;
      pendingCommas = 0;
      placeholders++;
      (point ? fraction : integer).push({ digit: c });
    } else if (c === ",") {
      if (!point) pendingCommas++;
    } else if (c === ".") {
      if (!point) {
        scale -= 3 * pendingCommas;
        pendingCommas = 0;
        point = true;
      }
    } else if (c === "%") {
      scale += 2;
      pushText("%");
    } else if (c === "\\" && i + 1 < format.length) {
      pushText(format[++i]);
    } else if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      const stop = end === -1 ? format.length : end;
      pushText(format.slice(i + 1, stop));
      i = stop;
    } else if ((c === "E" || c === "e") && /^[+-]?0/.test(format.slice(i + 1))) {
      return undefined; // scientific notation: not supported
    } else pushText(c);
  }
  if (!point) scale -= 3 * pendingCommas;
  return { integer, fraction, point, group, scale };
}

function groupThousands(digits: string): string {
  let out = "";
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out === "" ? "" : "," + out);
  return out;
}

/** `value` (≥ 0, finite) laid out by `section`; `negative` adds a leading minus when any digit is not zero. */
function layout(section: Section, value: number, negative: boolean): string {
  const fractionDigits = section.fraction.filter(isDigit);
  const decimals = Math.min(fractionDigits.length, MAX_DIGITS);
  const scaled = section.scale === 0 ? value : value * Math.pow(10, section.scale);
  const fixed = scaled < 1e21 ? scaled.toFixed(decimals) : BigInt(Math.round(scaled)).toString() + (decimals > 0 ? "." + "0".repeat(decimals) : "");
  const dot = fixed.indexOf(".");
  let intDigits = dot === -1 ? fixed : fixed.slice(0, dot);
  let fracDigits = dot === -1 ? "" : fixed.slice(dot + 1);
  // Minimum integer digits: from the leftmost `0` placeholder to the point.
  const intPlaceholders = section.integer.filter(isDigit);
  const firstZero = intPlaceholders.findIndex((p) => p.digit === "0");
  const minInt = firstZero === -1 ? 0 : intPlaceholders.length - firstZero;
  if (intDigits === "0" && minInt === 0) intDigits = "";
  if (intDigits.length < minInt) intDigits = intDigits.padStart(minInt, "0");
  // Trailing `#` placeholders drop trailing zeros, down to the last `0`.
  let lastZero = -1;
  fractionDigits.forEach((p, i) => {
    if (p.digit === "0") lastZero = i;
  });
  let keep = fracDigits.length;
  while (keep > lastZero + 1 && fracDigits[keep - 1] === "0") keep--;
  fracDigits = fracDigits.slice(0, keep);
  const isZero = !/[1-9]/.test(intDigits + fracDigits);

  let integerText = "";
  if (section.group) {
    // Grouped: literals before the first placeholder, the grouped digits, literals after the last.
    const first = section.integer.findIndex(isDigit);
    for (let i = 0; i < first; i++) integerText += (section.integer[i] as { text: string }).text;
    integerText += groupThousands(intDigits);
    for (let i = section.integer.length - 1; i >= 0 && !isDigit(section.integer[i]); i--) {
      integerText = integerText + (section.integer[i] as { text: string }).text;
    }
  } else {
    // Digits fill the placeholders from the right; the leftmost takes what is left.
    let remaining = intDigits;
    const leftmost = section.integer.findIndex(isDigit);
    for (let i = section.integer.length - 1; i >= 0; i--) {
      const piece = section.integer[i];
      if (!isDigit(piece)) {
        integerText = piece.text + integerText;
      } else if (i === leftmost) {
        integerText = remaining + integerText;
        remaining = "";
      } else {
        integerText = remaining.slice(-1) + integerText;
        remaining = remaining.slice(0, -1);
      }
    }
  }
  let fractionText = "";
  let used = 0;
  for (const piece of section.fraction) {
    if (isDigit(piece)) {
      if (used < fracDigits.length) fractionText += fracDigits[used];
      used++;
    } else fractionText += piece.text;
  }
  const pointText = section.point && fracDigits.length > 0 ? "." : "";
  return (negative && !isZero ? "-" : "") + integerText + pointText + fractionText;
}

/**
 * Formats `value` with a .NET custom numeric format string, or returns
 * `undefined` when `format` is not one (no `0`/`#` placeholder in its first
 * section, or an exponent). Invariant culture: `.` decimal point, `,` thousands
 * separator. Supported: `0` (digit or zero), `#` (digit if any), `.`, `,`
 * (grouping between placeholders, scaling by 1000 before the point), `%`,
 * `'literal'`, `"literal"`, `\x`, other characters (letters too) literal, and up to three
 * `;` sections (positive; negative; zero). Not supported: exponents (`E+0`).
 * `NaN` and `±Infinity` render as `NaN`, `Infinity`, `-Infinity`. Never throws.
 *
 * @example
 * ```ts
 * import { formatCustomNumber } from "./custom_number_format.ts";
 * formatCustomNumber(1.23456, "0.0000"); // "1.2346"
 * formatCustomNumber(1234, "000000"); // "001234"
 * formatCustomNumber(1234.5, "#,##0.00"); // "1,234.50"
 * formatCustomNumber(-2, "0.0;(0.0)"); // "(2.0)"
 * formatCustomNumber(1, "yyyy"); // undefined
 * ```
 */
export function formatCustomNumber(value: number, format: string): string | undefined {
  try {
    const texts = splitSections(format);
    if (texts.length > 3) return undefined;
    const sections: (Section | undefined)[] = texts.map((t) => (t === "" ? undefined : parseSection(t)));
    const first = sections[0];
    // Without a digit placeholder it is not a number format (`yyyy-MM-dd`, `HH:mm`).
    if (first === undefined || !first.integer.concat(first.fraction).some(isDigit)) return undefined;
    for (let i = 1; i < sections.length; i++) if (texts[i] !== "" && sections[i] === undefined) return undefined;
    if (!Number.isFinite(value)) return value !== value ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    if (value === 0 && sections[2] !== undefined) return layout(sections[2], 0, false);
    if (value < 0 && sections[1] !== undefined) return layout(sections[1], -value, false);
    return layout(first, Math.abs(value), value < 0);
  } catch {
    return undefined;
  }
}
