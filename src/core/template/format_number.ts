/**
 * printf-like (and .NET-like) number formats for template holes: `{N:05d}`,
 * `{N:.2f}`, `{N:x}`, `{N:N2}`.
 *
 * @module
 */

import { formatCustomNumber } from "./custom_number_format.ts";

const PRINTF = /^([-+ 0#]*)(\d{1,4})?(?:\.(\d{1,3}))?([diufFeExXobgG])$/;
const DOTNET = /^([DdFfNnPpXxEe])(\d{1,3})?$/;

function integerDigits(abs: number, radix: number): string {
  const int = Math.trunc(abs);
  return radix === 10 && int >= 1e21 ? BigInt(int).toString() : int.toString(radix);
}

/** C-style exponent: at least two digits (`1.5e+03`). */
function exponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

function general(abs: number, precision: number, keepZeros: boolean): string {
  let text = abs.toPrecision(precision < 0 ? 6 : precision === 0 ? 1 : Math.min(precision, 100));
  if (!keepZeros && text.indexOf(".") !== -1) text = text.replace(/0+(?=e|$)/, "").replace(/\.(?=e|$)/, "");
  return exponent(text);
}

function groupThousands(body: string): string {
  const dot = body.indexOf(".");
  const int = dot === -1 ? body : body.slice(0, dot);
  if (int.length <= 3 || !/^\d+$/.test(int)) return body;
  let grouped = "";
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? "," + grouped : "");
  return dot === -1 ? grouped : grouped + body.slice(dot);
}

/**
 * Formats `value` with a number format, or returns `undefined` when `format`
 * is not one (the caller then renders the value plainly). Never throws.
 *
 * - printf: `[flags][width][.precision]type`; flags `-` (left-align), `+`,
 *   space, `0` (zero-pad), `#` (`0x`/`0`/`0b` prefix, keep `g` zeros); types
 *   `d i u` (integer, truncated; precision = minimum digits), `f F` (fixed,
 *   default 6 decimals), `e E` (exponent, two digits at least), `g G`,
 *   `x X o b` (hex, octal, binary of the truncated integer).
 * - .NET-like, a letter and an optional count: `D5` (minimum digits), `F2`,
 *   `N2` (thousands separators), `P1` (percent), `X8` (minimum hex digits),
 *   `E3`. Bare letters follow printf, so `F` means six decimals.
 * - .NET custom formats (`0.0000`, `000000`, `#,##0.00`, `0.0%`,
 *   `0.00;(0.00)`): see `formatCustomNumber`.
 * - `NaN` and `±Infinity` render as `NaN`, `Infinity`, `-Infinity` (padded
 *   with spaces, never zeros).
 *
 * @example
 * ```ts
 * import { formatNumber } from "./format_number.ts";
 * formatNumber(42, "05d"); // "00042"
 * formatNumber(3.14159, ".2f"); // "3.14"
 * formatNumber(255, "08x"); // "000000ff"
 * formatNumber(1234567.891, "N2"); // "1,234,567.89"
 * formatNumber(12.3456, "0.00"); // "12.35"
 * formatNumber(1, "yyyy"); // undefined
 * ```
 */
export function formatNumber(value: number, format: string): string | undefined {
  let flags = "";
  let width = 0;
  let precision = -1;
  let type: string;
  let group = false;
  let suffix = "";
  const printf = PRINTF.exec(format);
  if (printf !== null) {
    flags = printf[1];
    width = printf[2] !== undefined ? Number(printf[2]) : 0;
    precision = printf[3] !== undefined ? Number(printf[3]) : -1;
    type = printf[4];
  } else {
    const dotnet = DOTNET.exec(format);
    if (dotnet === null) return formatCustomNumber(value, format);
    const count = dotnet[2] !== undefined ? Number(dotnet[2]) : -1;
    const letter = dotnet[1];
    type = letter === "X" || letter === "x" || letter === "E" || letter === "e" ? letter : letter.toLowerCase();
    precision = count;
    if (type === "f" || type === "n" || type === "p") {
      precision = count < 0 ? 2 : count;
      group = type === "n";
      if (type === "p") {
        value *= 100;
        suffix = "%";
      }
      type = "f";
    }
  }
  const finite = Number.isFinite(value);
  const abs = Math.abs(value);
  const p = Math.min(precision, 100);
  let body: string;
  let prefix = "";
  let negative = value < 0;
  if (!finite) {
    body = value !== value ? "NaN" : "Infinity";
  } else {
    switch (type) {
      case "f":
      case "F":
        body = abs.toFixed(p < 0 ? 6 : p);
        break;
      case "e":
      case "E":
        body = exponent(abs.toExponential(p < 0 ? 6 : p));
        break;
      case "g":
      case "G":
        body = general(abs, p, flags.indexOf("#") !== -1);
        break;
      default: {
        const radix = type === "x" || type === "X" ? 16 : type === "o" ? 8 : type === "b" ? 2 : 10;
        body = integerDigits(abs, radix);
        negative = Math.trunc(value) < 0;
        if (p > 0 && body.length < p) body = body.padStart(p, "0");
        if (flags.indexOf("#") !== -1 && body !== "0") prefix = radix === 16 ? "0x" : radix === 8 ? "0" : radix === 2 ? "0b" : "";
      }
    }
    if (group) body = groupThousands(body);
  }
  if (finite && (type === "X" || type === "E" || type === "G" || type === "F")) {
    body = body.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const sign = negative ? "-" : flags.indexOf("+") !== -1 ? "+" : flags.indexOf(" ") !== -1 ? " " : "";
  const text = sign + prefix + body + suffix;
  if (text.length >= width) return text;
  if (flags.indexOf("-") !== -1) return text.padEnd(width);
  if (finite && flags.indexOf("0") !== -1) {
    return sign + prefix + body.padStart(width - sign.length - prefix.length - suffix.length, "0") + suffix;
  }
  return text.padStart(width);
}
