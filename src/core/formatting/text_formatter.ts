/**
 * Plain-text output with Serilog output templates, e.g.
 * `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`.
 *
 * @module
 */
import { encodeTextInto } from "./batch_encoder.ts";
import type { Formatter } from "./formatter.ts";
import type { LogLevel } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { PropertyToken } from "../template/message_template.ts";
import { parseTemplate } from "../template/parse_template.ts";
import { renderOptionsFromFormat, renderTemplate, renderValue } from "../template/render_template.ts";
import { formatErrorText } from "./error_text.ts";
import { escapeControl } from "./escape_control.ts";
import { jsonString, jsonValue } from "./json_text.ts";
import { levelMoniker } from "./level_names.ts";
import { compileTimestampFormat } from "./timestamp_format.ts";
import { eventTraceContext, isTraceContextProperty, SPAN_ID_PROPERTY, TRACE_ID_PROPERTY } from "./trace_context.ts";

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
 * import { type TextFormatterOptions } from "@logging/core";
 * import { ansiLevelStyle } from "./ansi_theme.ts";
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


/**
 * A formatter for Serilog output templates. The output template is parsed
 * once with `parseTemplate`. Its holes:
 *
 * - `{Timestamp}` ISO 8601; `{Timestamp:<format>}` a .NET custom date format
 *   (`yyyy MM dd HH mm ss fff zzz`, `Z`/`K`, `'literal'`; see
 *   `compileTimestampFormat`). UTC unless `utc: false`. `{UtcTimestamp}`
 *   the same, always in UTC.
 * - `{Level}` `Information`; `:u3` `INF`, `:w3` `inf`, `:t4` `Info`, `:u`
 *   `INFORMATION`, `:w` `information` (see `levelMoniker`).
 * - `{Message}` as `renderTemplate` shows it (structures are compact JSON);
 *   `:l` and `:lj` write strings unquoted (`renderOptionsFromFormat`).
 * - `{NewLine}` `"\n"`. `{Exception}` the error's stack and cause chain and a
 *   newline, or nothing.
 * - `{Properties}` the event properties named neither by the message template
 *   nor by the output template, in Serilog's notation: `{ A: 1, B: "x" }`
 *   (values as `renderValue` shows them; `{  }` when there are none), or
 *   compact JSON with `:j` (`{"A":1,"B":"x"}`).
 * - `{TraceId}` / `{SpanId}` the event's trace context (lowercase hex), or
 *   nothing; the properties that carry it are not repeated in `{Properties}`.
 * - Any other `{Name}`: that event property, or nothing when absent; a
 *   string is written unquoted (`:u` upper case, `:w` lower case), anything
 *   else as `renderValue(value, format)` shows it.
 * - Control characters from the event (CR, LF, ESC, BEL, the other C0 and C1
 *   controls except TAB) are escaped visibly (`\n`, `\r`, `\u001b`; see
 *   `escapeControl`) in every hole, so one event is one line and cannot drive
 *   a terminal. `{Exception}` keeps the line feeds of the stack (it is a
 *   multi-line block after the event's line, as in Serilog) and escapes the
 *   other controls. The output template's own text and `{NewLine}` are kept.
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
  // Serilog leaves out of {Properties} every name the output template shows.
  const outputNames = new Set<string>();
  for (const hole of parsed.properties) outputNames.add(hole.name);

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
  const format = (event: LogEvent): string => {
    let out = "";
    for (let i = 0; i < count; i++) out += parts[i](event);
    return out;
  };
  return {
    format,
    // The batch's text, encoded once (one encodeInto, no array of records).
    encodeBatch(events: readonly LogEvent[], start: number, end: number, into: Uint8Array): Uint8Array {
      let text = "";
      for (let i = start; i < end; i++) text += format(events[i]);
      return encodeTextInto(text, into);
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
    case "UtcTimestamp": {
      const stamp = compileTimestampFormat(format, true);
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
    case TRACE_ID_PROPERTY:
    case SPAN_ID_PROPERTY: {
      const name = hole.name;
      const property = compileProperty(name, format, alignment);
      return (e) => {
        const context = eventTraceContext(e);
        const id = context === undefined ? undefined : name === TRACE_ID_PROPERTY ? context.traceId : context.spanId;
        return id !== undefined ? alignText(id, alignment) : property(e);
      };
    }
    default:
      return compileProperty(hole.name, format, alignment);
  }
}

/**
 * Any other `{Name}`, as Serilog's MessageTemplateTextFormatter writes it:
 * nothing when absent (not even padding); a string unquoted, upper-cased by
 * `u`, lower-cased by `w`; anything else as {@link renderValue} renders it
 * with the format.
 */
function compileProperty(name: string, format: string | undefined, alignment: number | undefined): Part {
  const casing = format === "u" ? "u" : format === "w" ? "w" : undefined;
  return (e) => {
    const props = e.properties;
    if (!Object.hasOwn(props, name)) return "";
    const value = props[name];
    let text: string;
    if (typeof value !== "string") text = renderValue(value, format);
    else text = casing === "u" ? value.toUpperCase() : casing === "w" ? value.toLowerCase() : value;
    text = escapeControl(text);
    return alignment === undefined ? text : alignText(text, alignment);
  };
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
  const context = eventTraceContext(event);
  let out = "";
  for (const name of Object.keys(props)) {
    if (outputNames.has(name) || used.includes(name) || isTraceContextProperty(name, context)) continue;
    const value = props[name];
    if (json) out += (out === "" ? "{" : ",") + jsonString(name) + ":" + jsonValue(value);
    else out += (out === "" ? "" : ", ") + name + ": " + renderValue(value);
  }
  // Serilog: `{ A: 1, B: "x" }`, and `{  }` when empty; `{"A":1}` / `{}` with `:j`.
  if (json) return out === "" ? "{}" : out + "}";
  return "{ " + out + " }";
}
