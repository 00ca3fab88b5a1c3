/**
 * Rendering a message template with its properties: the text of `@m` and of
 * `{Message}` in text output.
 *
 * @module
 */
import type { LogProperties, LogValue } from "../events/log_value.ts";
import type { MessageTemplate, PropertyToken } from "./message_template.ts";
import { captureValue } from "../capture/capture_value.ts";
import { safeString } from "../capture/safe_string.ts";
import { formatNumber } from "./format_number.ts";
import { parseTemplate } from "./parse_template.ts";
import { templateTokens } from "./template_arrays.ts";

/**
 * How {@link renderTemplate} and {@link renderValue} render values.
 *
 * @example
 * ```ts
 * import { renderTemplate } from "@logging/core";
 * renderTemplate("Hi {Name}", { Name: "Ada" }, { quoteStrings: false }); // "Hi Ada"
 * ```
 */
export interface RenderOptions {
  /**
   * Quote string values (`"Ada"`). Default `true`; `false` is Serilog's `:l`
   * applied to the whole message (`{Message:l}` / `{Message:lj}`). Strings
   * inside structures are always quoted.
   */
  readonly quoteStrings?: boolean;
}

const QUOTED: RenderOptions = Object.freeze({ quoteStrings: true });
const LITERAL: RenderOptions = Object.freeze({ quoteStrings: false });

/**
 * The render options for a text formatter's `{Message:format}`: `l` (alone or
 * in `lj`) renders strings unquoted; anything else quotes them. Structures are
 * JSON either way, so `j` needs nothing more.
 *
 * @example
 * ```ts
 * import { renderTemplate } from "@logging/core";
 * import { renderOptionsFromFormat } from "./render_template.ts";
 * renderTemplate("Hi {Name}", { Name: "Ada" }, renderOptionsFromFormat("lj")); // "Hi Ada"
 * ```
 */
export function renderOptionsFromFormat(format: string | undefined): RenderOptions {
  return typeof format === "string" && format.indexOf("l") !== -1 ? LITERAL : QUOTED;
}

function json(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return text;
  } catch {
    // Not captured data (a cycle, a BigInt): capture it first, below.
  }
  try {
    return JSON.stringify(captureValue(value)) ?? "null";
  } catch {
    return "null";
  }
}

function render(value: unknown, format: string | undefined, quote: boolean): string {
  if (format !== undefined) {
    if (format === "l") quote = false;
    else if (format === "j") return json(value);
    else if (format === "lj" || format === "jl") return typeof value === "string" ? value : json(value);
  }
  switch (typeof value) {
    case "string":
      return quote ? JSON.stringify(value) : value;
    case "number":
      if (format !== undefined) {
        const formatted = formatNumber(value, format);
        if (formatted !== undefined) return formatted;
      }
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return value === null ? "null" : json(value);
  }
  return render(captureValue(value), format, quote);
}

/**
 * Renders one value as a template hole shows it. Never throws.
 *
 * - strings: JSON-quoted (`"Ada"`, escapes included) unless the format is `l`
 *   or `options.quoteStrings` is `false`;
 * - numbers: `String(n)` (`NaN`, `Infinity`), or a number format (see
 *   `formatNumber`: `05d`, `.2f`, `x`, `N2`…); an unknown format is ignored;
 * - `null`, booleans: `null`, `true`, `false`;
 * - arrays and structures: compact JSON (`{"ip":"10.0.0.1"}`), `$type` being
 *   an ordinary key; a non-finite number inside becomes `null`;
 * - format `j`: JSON for every value (strings quoted); `lj`: strings
 *   unquoted, everything else JSON;
 * - anything that is not a LogValue (`undefined`, a BigInt, a cyclic object)
 *   is captured first (`undefined` → `null`).
 *
 * @example
 * ```ts
 * import { renderValue } from "./render_template.ts";
 * renderValue("Ada"); // "\"Ada\""
 * renderValue("Ada", "l"); // "Ada"
 * renderValue(7, "03d"); // "007"
 * renderValue({ ip: "10.0.0.1", ports: [80] }); // "{\"ip\":\"10.0.0.1\",\"ports\":[80]}"
 * ```
 */
export function renderValue(value: LogValue, format?: string, options?: RenderOptions): string {
  try {
    const quote = options === undefined || options === null || options.quoteStrings !== false;
    return render(value, typeof format === "string" && format.length > 0 ? format : undefined, quote);
  } catch {
    return safeString(value);
  }
}

function align(text: string, alignment: number): string {
  return alignment >= 0 ? text.padStart(alignment) : text.padEnd(-alignment);
}

function asTemplate(template: unknown): MessageTemplate {
  if (typeof template === "string") return parseTemplate(template);
  if (typeof template === "object" && template !== null && Array.isArray((template as MessageTemplate).tokens)) {
    return template as MessageTemplate;
  }
  return parseTemplate(safeString(template));
}

/**
 * Renders a template (parsed, or text parsed through the cache) with
 * `properties`, the way `@m` and `{Message}` show it: each hole shows its
 * value as {@link renderValue} renders it with the hole's format, then padded
 * to the hole's alignment (positive: right-aligned; negative: left-aligned).
 * A hole without a value shows its own text (`{Missing}`). Escaped braces
 * show as single braces. Never throws.
 *
 * @example
 * ```ts
 * import { renderTemplate } from "@logging/core";
 * renderTemplate("User {UserId} from {@Client}", { UserId: 42, Client: { ip: "10.0.0.1" } });
 * // "User 42 from {\"ip\":\"10.0.0.1\"}"
 * renderTemplate("{Name,-6}|{Missing}", { Name: "Ada" }); // "\"Ada\" |{Missing}"
 * renderTemplate("{Name:l}", { Name: "Ada" }); // "Ada"
 * ```
 */
export function renderTemplate(
  template: MessageTemplate | string,
  properties: LogProperties,
  options?: RenderOptions,
): string {
  try {
    const tokens = templateTokens(asTemplate(template));
    const quote = options === undefined || options === null || options.quoteStrings !== false;
    const hasProperties = typeof properties === "object" && properties !== null;
    let out = "";
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === "text") {
        out += token.text;
        continue;
      }
      const value = hasProperties && Object.hasOwn(properties, token.name) ? properties[token.name] : undefined;
      if (value === undefined) {
        out += token.raw;
        continue;
      }
      const text = render(value, token.format, quote);
      out += token.alignment === undefined ? text : align(text, token.alignment);
    }
    return out;
  } catch {
    try {
      return typeof template === "string" ? template : safeString((template as MessageTemplate).text);
    } catch {
      return "";
    }
  }
}

/**
 * Renders one hole of a template as {@link renderTemplate} shows it (strings
 * quoted unless the format is `l`), padded to its alignment; its own text
 * when `properties` has no value for it. This is the text CLEF's `@r` carries
 * for a hole with a format, as Serilog's `PropertyToken.Render` writes it.
 * Never throws.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { renderHole } from "./render_template.ts";
 * const hole = parseTemplate("Took {Elapsed,8:.2f} ms").properties[0];
 * renderHole(hole, { Elapsed: 3.14159 }); // "    3.14"
 * renderHole(hole, {}); // "{Elapsed,8:.2f}"
 * ```
 */
export function renderHole(hole: PropertyToken, properties: LogProperties): string {
  try {
    const value = typeof properties === "object" && properties !== null && Object.hasOwn(properties, hole.name)
      ? properties[hole.name]
      : undefined;
    if (value === undefined) return hole.raw;
    const text = render(value, hole.format, true);
    return hole.alignment === undefined ? text : align(text, hole.alignment);
  } catch {
    return safeString(hole.raw);
  }
}
