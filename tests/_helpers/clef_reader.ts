/**
 * A CLEF reader with the semantics of serilog/serilog-formatting-compact-reader
 * (src/Serilog.Formatting.Compact.Reader/LogEventReader.cs), for round-trip
 * tests: what a reader that knows only CLEF (Seq, that reader) makes of what
 * this library writes.
 *
 * - `@t` required (a string); `@mt`, or `@m` escaped into a template; `@l`
 *   (default Information); `@x`; `@tr` / `@sp`; `@i`; must be strings where
 *   the reader requires it (else it throws, as `InvalidDataException`).
 * - `@r` is zipped, in order, with the template's holes that have a format;
 *   a scalar property then renders a hole with that format as the recorded
 *   text (RenderableScalarValue). Structures and sequences get no renderings.
 * - Other fields are properties; a leading `@@` is unescaped to `@`.
 *
 * The reader renders what `@r` does not cover with this library's plain
 * rendering (the value without the hole's format): a reader does not know
 * this library's format dialect, which is what `@r` is for.
 */
import { parseTemplate } from "../../src/core/template/parse_template.ts";
import { renderValue } from "../../src/core/template/render_template.ts";
import type { MessageTemplate } from "../../src/core/template/message_template.ts";
import type { LogProperties, LogValue } from "../../src/core/events/log_value.ts";

const FIELDS = new Set(["@t", "@mt", "@l", "@x", "@r", "@i", "@m", "@tr", "@sp"]);
const LEVELS = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

export interface ClefEvent {
  readonly timestamp: string;
  readonly level: string;
  readonly template: MessageTemplate;
  readonly properties: LogProperties;
  /** Per property name: format → rendered text. */
  readonly renderings: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly exception?: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly eventId?: string | number;
}

export class InvalidDataError extends Error {}

function optionalString(document: Record<string, unknown>, field: string): string | undefined {
  const value = document[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvalidDataError(`The value of \`${field}\` is not in a supported format.`);
  return value;
}

/** `MessageTemplateSyntax.Escape`: braces doubled. */
function escapeTemplate(text: string): string {
  return text.replace(/\{/g, "{{").replace(/\}/g, "}}");
}

/** Reads one CLEF document; throws `InvalidDataError` where the Serilog reader throws. */
export function readClef(line: string): ClefEvent {
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch (error) {
    throw new InvalidDataError(`The document could not be deserialized: ${error}`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new InvalidDataError("The document is not a complete JSON object.");
  }
  const fields = document as Record<string, unknown>;
  const timestamp = optionalString(fields, "@t");
  if (timestamp === undefined) throw new InvalidDataError("The data does not include the required `@t` field.");
  if (Number.isNaN(Date.parse(timestamp))) throw new InvalidDataError("The `@t` value is not a supported timestamp.");
  const mt = optionalString(fields, "@mt");
  const m = mt === undefined ? optionalString(fields, "@m") : undefined;
  const template = parseTemplate(mt ?? (m === undefined ? "" : escapeTemplate(m)));
  const l = optionalString(fields, "@l");
  const level = l === undefined ? "Information" : LEVELS.find((name) => name.toLowerCase() === l.toLowerCase());
  if (level === undefined) throw new InvalidDataError(`The \`@l\` value is not a valid level.`);
  const exception = optionalString(fields, "@x");
  const traceId = optionalString(fields, "@tr");
  if (traceId !== undefined && !/^[0-9a-f]{32}$/.test(traceId)) throw new InvalidDataError("bad @tr");
  const spanId = optionalString(fields, "@sp");
  if (spanId !== undefined && !/^[0-9a-f]{16}$/.test(spanId)) throw new InvalidDataError("bad @sp");
  const renderings = new Map<string, Map<string, string>>();
  const r = fields["@r"];
  if (r !== undefined) {
    if (!Array.isArray(r)) throw new InvalidDataError("The `@r` value is not an array as expected.");
    const formatted = template.properties.filter((hole) => hole.format !== undefined);
    for (let i = 0; i < formatted.length && i < r.length; i++) {
      const hole = formatted[i];
      let byFormat = renderings.get(hole.name);
      if (byFormat === undefined) renderings.set(hole.name, byFormat = new Map());
      byFormat.set(hole.format as string, String(r[i]));
    }
  }
  const properties: Record<string, LogValue> = Object.create(null);
  for (const [name, value] of Object.entries(fields)) {
    if (FIELDS.has(name)) continue;
    properties[name.startsWith("@@") ? name.slice(1) : name] = value as LogValue;
  }
  const i = fields["@i"];
  if (i !== undefined && i !== null && typeof i !== "string" && typeof i !== "number") {
    throw new InvalidDataError("The value of `@i` is not in a supported format.");
  }
  const event: ClefEvent = { timestamp, level, template, properties, renderings, exception, traceId, spanId };
  return i === undefined || i === null ? event : { ...event, eventId: i as string | number };
}

function align(text: string, alignment: number | undefined): string {
  if (alignment === undefined) return text;
  return alignment >= 0 ? text.padStart(alignment) : text.padEnd(-alignment);
}

/** Renders a read event's message as the reader would (see the module comment). */
export function renderClef(event: ClefEvent): string {
  let out = "";
  for (const token of event.template.tokens) {
    if (token.kind === "text") {
      out += token.text;
      continue;
    }
    if (!Object.hasOwn(event.properties, token.name)) {
      out += token.raw;
      continue;
    }
    const value = event.properties[token.name];
    const scalar = value === null || typeof value !== "object";
    const recorded = token.format === undefined || !scalar ? undefined : event.renderings.get(token.name)?.get(token.format);
    out += align(recorded ?? renderValue(value), token.alignment);
  }
  return out;
}
