/**
 * Plain-text output with Serilog output templates, e.g.
 * `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`.
 *
 * @module
 */
import type { Formatter } from "../formatter.ts";
import type { LogLevel } from "../level.ts";
import type { LogEvent } from "../log_event.ts";
import type { PropertyToken } from "../message_template.ts";
import { parseTemplate } from "../template/parse_template.ts";
import { renderOptionsFromFormat, renderTemplate, renderValue } from "../template/render_template.ts";
import { formatErrorText } from "./error_text.ts";
import { escapeControl } from "./escape_control.ts";
import { jsonString, jsonValue } from "./json_text.ts";
import { levelMoniker } from "./level_names.ts";
import { compileTimestampFormat } from "./timestamp_format.ts";

/**
 * The default output template: `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`.
 *
 * @example
 * ```ts
 * import { DEFAULT_OUTPUT_TEMPLATE, textFormatter } from "@logging/core";
 * const f = textFormatter(DEFAULT_OUTPUT_TEMPLATE);
 * ```
 */
export const DEFAULT_OUTPUT_TEMPLATE = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

/**
 * Options of {@link textFormatter}.
 *
 * @example
 * ```ts
 * import { ansiLevelStyle, type TextFormatterOptions } from "@logging/core";
 * const options: TextFormatterOptions = { utc: false, levelStyle: ansiLevelStyle };
 * ```
 */
export interface TextFormatterOptions {
  /** Timestamps in UTC (default) or, when false, in the runtime's local time zone. */
  readonly utc?: boolean;
  /** Decorates each `{Level}` token (after alignment), e.g. with ANSI colours. */
  readonly levelStyle?: (level: LogLevel, text: string) => string;
}

type Part = (event: LogEvent) => string;

const RESERVED = new Set(["Timestamp", "Level", "Message", "NewLine", "Exception", "Properties"]);

/**
 * A formatter for Serilog output templates. The output template is parsed
 * once with `parseTemplate`. Its holes:
 *
 * - `{Timestamp}` ISO 8601; `{Timestamp:<format>}` a .NET custom date format
 *   (`yyyy MM dd HH mm ss fff zzz`, `Z`/`K`, `'literal'`; see
 *   `compileTimestampFormat`). UTC unless `utc: false`.
 * - `{Level}` `Information`; `:u3` `INF`, `:w3` `inf`, `:t4` `Info`, `:u`
 *   `INFORMATION`, `:w` `information` (see `levelMoniker`).
 * - `{Message}` as `renderTemplate` shows it (structures are compact JSON);
 *   `:l` and `:lj` write strings unquoted (`renderOptionsFromFormat`).
 * - `{NewLine}` `"\n"`. `{Exception}` the error's stack and cause chain and a
 *   newline, or nothing.
 * - Control characters from the event (CR, LF, ESC, BEL, the other C0 and C1
 *   controls except TAB) are escaped visibly (`\n`, `\r`, `\u001b`; see
 *   `escapeControl`) in every hole, so one event is one line and cannot drive
 *   a terminal. `{Exception}` keeps the line feeds of the stack (it is a
 *   multi-line block after the event's line, as in Serilog) and escapes the
 *   other controls. The output template's own text and `{NewLine}` are kept.
 * - `{Properties}` the event properties used neither by the message template
 *   nor by the output template: `{A=1, B="x"}` (values as `renderValue`
 *   shows them), or compact JSON with `:j`.
 * - Any other `{Name}`: that event property (`renderValue(value, format)`), or
 *   nothing when absent.
 *
 * Alignment (`{Level,-5}`, `{SourceContext,20}`) pads any hole.
 *
 * @example
 * ```ts
 * import { parseTemplate, textFormatter } from "@logging/core";
 * const f = textFormatter("{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level,-11}] {Message:lj}{NewLine}");
 * f.format({
 *   timestamp: Date.UTC(2026, 10, 22, 12), level: "warning",
 *   template: parseTemplate("Disk {Pct}% full"), properties: { Pct: 93 },
 * }); // "2026-11-22 12:00:00.000 [Warning    ] Disk 93% full\n"
 * ```
 */
export function textFormatter(
  outputTemplate: string = DEFAULT_OUTPUT_TEMPLATE,
  options: TextFormatterOptions = {},
): Formatter {
  const parsed = parseTemplate(outputTemplate);
  const utc = options.utc !== false;
  const outputNames = new Set<string>();
  for (const hole of parsed.properties) if (!RESERVED.has(hole.name)) outputNames.add(hole.name);

  const parts: Part[] = [];
  for (const token of parsed.tokens) {
    if (token.kind === "text") {
      const text = token.text;
      parts.push(() => text);
    } else {
      parts.push(compileHole(token, utc, options.levelStyle, outputNames));
    }
  }
  const count = parts.length;
  return {
    format(event: LogEvent): string {
      let out = "";
      for (let i = 0; i < count; i++) out += parts[i](event);
      return out;
    },
  };
}

function compileHole(
  hole: PropertyToken,
  utc: boolean,
  levelStyle: TextFormatterOptions["levelStyle"],
  outputNames: ReadonlySet<string>,
): Part {
  const { format, alignment } = hole;
  const aligned = (render: Part): Part => (alignment === undefined ? render : (e) => alignText(render(e), alignment));
  switch (hole.name) {
    case "Timestamp": {
      const stamp = compileTimestampFormat(format, utc);
      return aligned((e) => stamp(e.timestamp));
    }
    case "Level":
      if (levelStyle === undefined) return aligned((e) => levelMoniker(e.level, format));
      return (e) => alignStyled(levelMoniker(e.level, format), alignment, (t) => levelStyle(e.level, t));
    case "Message": {
      const renderOptions = renderOptionsFromFormat(format);
      return aligned((e) => escapeControl(renderTemplate(e.template, e.properties, renderOptions)));
    }
    case "NewLine":
      return () => "\n";
    case "Exception":
      return aligned((e) => (e.error === undefined ? "" : escapeControl(formatErrorText(e.error), true) + "\n"));
    case "Properties":
      return aligned((e) => escapeControl(renderProperties(e, format !== undefined && format.includes("j"), outputNames)));
    default: {
      const name = hole.name;
      return aligned((e) => {
        const props = e.properties;
        return Object.hasOwn(props, name) ? escapeControl(renderValue(props[name], format)) : "";
      });
    }
  }
}

function alignText(text: string, alignment: number | undefined): string {
  if (alignment === undefined) return text;
  const width = Math.abs(alignment);
  if (text.length >= width) return text;
  return alignment < 0 ? text + " ".repeat(width - text.length) : " ".repeat(width - text.length) + text;
}

function alignStyled(text: string, alignment: number | undefined, style: (t: string) => string): string {
  const padded = alignText(text, alignment);
  if (padded.length === text.length) return style(text);
  return alignment !== undefined && alignment < 0
    ? style(text) + padded.slice(text.length)
    : padded.slice(0, padded.length - text.length) + style(text);
}

function renderProperties(event: LogEvent, json: boolean, outputNames: ReadonlySet<string>): string {
  const used = event.template.propertyNames;
  const props = event.properties;
  let out = "";
  for (const name of Object.keys(props)) {
    if (outputNames.has(name) || used.includes(name)) continue;
    const value = props[name];
    out += out === "" ? "{" : json ? "," : ", ";
    out += json ? jsonString(name) + ":" + jsonValue(value) : name + "=" + renderValue(value);
  }
  return out === "" ? "{}" : out + "}";
}
