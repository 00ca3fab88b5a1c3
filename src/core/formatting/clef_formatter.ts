/**
 * CLEF (Compact Log Event Format, as Serilog.Formatting.Compact and Seq use
 * it): one JSON object per event, one event per line.
 *
 * @module
 */
import { inheritsNothing } from "../events/property_record.ts";
import type { Formatter } from "./formatter.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { LogProperties } from "../events/log_value.ts";
import type { MessageTemplate, PropertyToken } from "../template/message_template.ts";
import { renderHole, renderTemplate } from "../template/render_template.ts";
import { formatErrorText } from "./error_text.ts";
import { eventIdText } from "./event_id.ts";
import { formatIsoTimestamp } from "./iso_timestamp.ts";
import { jsonString, jsonValue } from "./json_text.ts";
import { clefLevelName } from "./level_names.ts";
import { type BatchEncoder, Utf8Writer } from "./batch_encoder.ts";
import { eventTraceContext, namesTraceProperty, SPAN_ID_PROPERTY, TRACE_ID_PROPERTY, type TraceContext } from "./trace_context.ts";

/**
 * Options of {@link clefFormatter}.
 *
 * @example
 * ```ts
 * import type { ClefFormatterOptions } from "@logging/core";
 * const options: ClefFormatterOptions = { renderMessage: true, eventId: false };
 * ```
 */
export interface ClefFormatterOptions {
  /** Add `@m`, the rendered message (as `renderTemplate` shows it). Default false. */
  readonly renderMessage?: boolean;
  /** Add `@i`, the Serilog-compatible event id of the template. Default true. */
  readonly eventId?: boolean;
}

// `,"Name":` for property names seen before: keys repeat across events. At
// most this many, each at most KEY_CACHE_MAX_LENGTH UTF-16 units, so the
// caches hold at most ~1 MB whatever names the data brings.
const KEY_CACHE_LIMIT = 1024;
const KEY_CACHE_MAX_LENGTH = 128;

/**
 * Per template: `,"@mt":"…"` and `,"@i":"…"`, escaped once (measured: −150
 * ns/event on V8); the holes with a format, whose renderings go to `@r`; and
 * whether the template itself shows `{TraceId}` / `{SpanId}` (then those
 * properties stay, so a reader can render `@mt`).
 */
interface TemplateJson {
  readonly mt: string;
  readonly id: string;
  readonly formatted: readonly PropertyToken[];
  readonly showsTraceId: boolean;
  readonly showsSpanId: boolean;
}
const templateJson = new WeakMap<MessageTemplate, TemplateJson>();

function templateParts(template: MessageTemplate): TemplateJson {
  let parts = templateJson.get(template);
  if (parts === undefined) {
    const formatted = template.properties.filter((hole) => hole.format !== undefined);
    parts = {
      mt: '","@mt":' + jsonString(template.text),
      id: ',"@i":"' + eventIdText(template.text) + '"',
      formatted,
      showsTraceId: template.propertyNames.includes(TRACE_ID_PROPERTY),
      showsSpanId: template.propertyNames.includes(SPAN_ID_PROPERTY),
    };
    templateJson.set(template, parts);
  }
  return parts;
}

/**
 * `,"@r":[…]`: the rendering of every hole with a format, in template order
 * (repeats included), as serilog-formatting-compact writes it; `""` when the
 * template has none.
 */
function renderings(formatted: readonly PropertyToken[], properties: LogProperties): string {
  if (formatted.length === 0) return "";
  let out = ',"@r":[';
  for (let i = 0; i < formatted.length; i++) {
    out += (i === 0 ? "" : ",") + jsonString(renderHole(formatted[i], properties));
  }
  return out + "]";
}

/** `,"@tr":"…","@sp":"…"` for the event's trace context. */
function traceFields(context: TraceContext | undefined): string {
  if (context === undefined) return "";
  let out = "";
  if (context.traceId !== undefined) out += ',"@tr":"' + context.traceId + '"';
  if (context.spanId !== undefined) out += ',"@sp":"' + context.spanId + '"';
  return out;
}

/** Which properties are written as `@tr` / `@sp` and so left out of the top level. */
function skippedTrace(context: TraceContext | undefined, parts: TemplateJson): number {
  if (context === undefined) return 0;
  return (context.traceId !== undefined && !parts.showsTraceId ? 1 : 0) |
    (context.spanId !== undefined && !parts.showsSpanId ? 2 : 0);
}

function isSkipped(name: string, skip: number): boolean {
  return ((skip & 1) !== 0 && name === TRACE_ID_PROPERTY) || ((skip & 2) !== 0 && name === SPAN_ID_PROPERTY);
}

/**
 * A formatter writing one CLEF line per event, ending in `"\n"`:
 *
 * ```text
 * {"@t":"2026-11-22T12:00:00.000Z","@mt":"User {UserId} logged in","@m":"User 42 logged in","@l":"Warning","@x":"…","@i":"1a2b3c4d","UserId":42}
 * ```
 *
 * - `@t` UTC ISO 8601 with milliseconds; `@mt` the template text.
 * - `@m` only with `renderMessage`.
 * - `@r` when the template has holes with a format (`{Elapsed:.2f}`): the
 *   text of each such hole, in template order, as `renderTemplate` shows it
 *   (see `renderHole`), so a reader that renders `@mt` itself (Seq, Serilog's
 *   CLEF reader) shows the same message.
 * - `@l` omitted for `information`; otherwise `Verbose`, `Debug`, `Warning`,
 *   `Error` or `Fatal`.
 * - `@x` the error's stack followed by its cause chain, one `Caused by: …`
 *   per cause (see `formatErrorText`).
 * - `@tr` / `@sp` the event's trace context: the `TraceId` (32 hex digits)
 *   and `SpanId` (16) properties, lowercase; those properties are then not
 *   repeated at top level unless the message template shows them.
 * - `@i` Serilog's event id for the template (Jenkins one-at-a-time hash of
 *   the template text, 8 hex digits), unless `eventId: false`.
 * - Then every event property at top level, in insertion order; a name that
 *   starts with `@` is escaped by doubling it (`@@name`).
 *
 * Values are written by `jsonValue` (NaN and ±Infinity as strings). Never
 * throws for a well-formed event.
 *
 * @example
 * ```ts
 * import { clefFormatter, parseTemplate } from "@logging/core";
 * const line = clefFormatter().format({
 *   timestamp: Date.UTC(2026, 10, 22, 12),
 *   level: "warning",
 *   template: parseTemplate("Disk {Pct}% full"),
 *   properties: { Pct: 93 },
 * });
 * // {"@t":"2026-11-22T12:00:00.000Z","@mt":"Disk {Pct}% full","@l":"Warning","@i":"…","Pct":93}\n
 * ```
 */
export function clefFormatter(options: ClefFormatterOptions = {}): Formatter {
  const renderMessage = options.renderMessage === true;
  const withEventId = options.eventId !== false;
  const keys = new Map<string, string>();

  const keyPrefix = (name: string): string => {
    let prefix = keys.get(name);
    if (prefix === undefined) {
      prefix = "," + jsonString(name.charCodeAt(0) === 0x40 ? "@" + name : name) + ":";
      if (keys.size < KEY_CACHE_LIMIT && name.length <= KEY_CACHE_MAX_LENGTH) keys.set(name, prefix);
    }
    return prefix;
  };

  const formatter: Formatter = {
    format(event: LogEvent): string {
      const template = event.template;
      const parts = templateParts(template);
      const properties = event.properties;
      // Object.keys, not for…in: on V8 for…in over a null-prototype
      // (dictionary-mode) record is about 2× slower.
      const names = Object.keys(properties);
      let out = '{"@t":"' + formatIsoTimestamp(event.timestamp) + parts.mt;
      if (renderMessage) out += ',"@m":' + jsonString(renderTemplate(template, properties));
      if (parts.formatted.length !== 0) out += renderings(parts.formatted, properties);
      if (event.level !== "information") out += ',"@l":"' + clefLevelName(event.level) + '"';
      if (event.error !== undefined) out += ',"@x":' + jsonString(formatErrorText(event.error));
      const context = eventTraceContext(event, names);
      if (context !== undefined) out += traceFields(context);
      if (withEventId) out += parts.id;
      const skip = skippedTrace(context, parts);
      for (let i = 0; i < names.length; i++) {
        if (skip !== 0 && isSkipped(names[i], skip)) continue;
        out += keyPrefix(names[i]) + jsonValue(properties[names[i]]);
      }
      return out + "}\n";
    },
  };

  // The same lines written straight to UTF-8 (for the file sink's batches):
  // each piece of `format` above, in the same order, with the constant ones
  // encoded once.
  const keyBytes = new Map<string, Uint8Array>();
  const keyPrefixBytes = (name: string): Uint8Array => {
    let bytes = keyBytes.get(name);
    if (bytes === undefined) {
      bytes = UTF8.encode(keyPrefix(name));
      if (keyBytes.size < KEY_CACHE_LIMIT && name.length <= KEY_CACHE_MAX_LENGTH) keyBytes.set(name, bytes);
    }
    return bytes;
  };
  let lastTemplate: MessageTemplate | undefined;
  let lastParts: TemplateBytes | undefined;
  // The last event shape seen: its template, its property names in order, and
  // the bytes between the timestamp and the first value (`@mt`, `@i`, first
  // key) and before each later value. Events of one call site share a shape,
  // so most lines are the timestamp, constants and values (measured: −20 % of
  // the encoder's time on Node; no Map lookup per property).
  let shapeTemplate: MessageTemplate | undefined;
  let shapeNames: string[] = [];
  let shapeKeys: Uint8Array[] = [];
  const sameShape = (template: MessageTemplate, names: readonly string[]): boolean => {
    if (template !== shapeTemplate || names.length !== shapeNames.length) return false;
    for (let k = 0; k < names.length; k++) if (names[k] !== shapeNames[k]) return false;
    return true;
  };
  const learnShape = (template: MessageTemplate, names: string[], parts: TemplateBytes): void => {
    shapeTemplate = template;
    shapeNames = names;
    shapeKeys = names.map((name) => keyPrefixBytes(name));
    if (shapeKeys.length > 0) shapeKeys[0] = concatBytes(withEventId ? [parts.mt, parts.id, shapeKeys[0]] : [parts.mt, shapeKeys[0]]);
  };
  const batch: BatchEncoder = {
    encode(events: readonly LogEvent[], start: number, end: number, into: Uint8Array): Uint8Array {
      const w = new Utf8Writer(into);
      for (let i = start; i < end; i++) {
        const event = events[i];
        const template = event.template;
        const properties = event.properties;
        // The common line (no @m, renderings, level, error or trace context)
        // for a known shape: timestamp, then constant bytes and values.
        if (!renderMessage && event.level === "information" && event.error === undefined) {
          if (template === shapeTemplate && shapeNames.length > 0 && inheritsNothing(properties)) {
            // Walk the record with for…in against the known names: no array
            // per event as Object.keys makes (measured 19 → 8 ns on V8 for
            // three keys); a record of another shape rewinds and goes on below.
            // Only a record that inherits nothing: for…in would also list
            // enumerable properties a `{}` inherits.
            const lineStart = w.pos;
            writeTimestamp(w, event.timestamp);
            const names = shapeNames;
            const keys = shapeKeys;
            let k = 0;
            for (const name in properties) {
              if (k === names.length || name !== names[k]) {
                k = -1;
                break;
              }
              w.bytes(keys[k]);
              const value = properties[name];
              if (typeof value === "string") w.jsonString(value);
              else if (typeof value === "number") w.number(value);
              else w.text(jsonValue(value));
              k++;
            }
            if (k === names.length) {
              w.bytes(LINE_END);
              continue;
            }
            w.pos = lineStart;
          }
          const names = Object.keys(properties);
          let known = sameShape(template, names);
          if (!known && names.length > 0 && templateBytes(template).formatted.length === 0 && !namesTraceProperty(names)) {
            learnShape(template, names, templateBytes(template));
            known = true;
          }
          if (known && names.length > 0) {
            writeTimestamp(w, event.timestamp);
            const keys = shapeKeys;
            for (let k = 0; k < names.length; k++) {
              w.bytes(keys[k]);
              const value = properties[names[k]];
              if (typeof value === "string") w.jsonString(value);
              else if (typeof value === "number") w.number(value);
              else w.text(jsonValue(value));
            }
            w.bytes(LINE_END);
            continue;
          }
        }
        let parts = lastParts;
        if (template !== lastTemplate || parts === undefined) {
          parts = templateBytes(template);
          lastTemplate = template;
          lastParts = parts;
        }
        writeTimestamp(w, event.timestamp);
        w.bytes(parts.mt);
        if (renderMessage) {
          w.bytes(MESSAGE_KEY);
          w.jsonString(renderTemplate(template, properties));
        }
        if (parts.formatted.length !== 0) w.text(renderings(parts.formatted, properties));
        if (event.level !== "information") w.bytes(levelBytes(event.level));
        if (event.error !== undefined) {
          w.bytes(EXCEPTION_KEY);
          w.jsonString(formatErrorText(event.error));
        }
        const names = Object.keys(properties);
        const context = eventTraceContext(event, names);
        if (context !== undefined) w.text(traceFields(context));
        if (withEventId) w.bytes(parts.id);
        const skip = skippedTrace(context, parts.json);
        for (let k = 0; k < names.length; k++) {
          if (skip !== 0 && isSkipped(names[k], skip)) continue;
          const value = properties[names[k]];
          w.bytes(keyPrefixBytes(names[k]));
          if (typeof value === "string") w.jsonString(value);
          else if (typeof value === "number") w.number(value);
          else w.text(jsonValue(value));
        }
        w.bytes(LINE_END);
      }
      return w.view();
    },
  };
  formatter.encodeBatch = batch.encode;
  return formatter;
}

const UTF8 = new TextEncoder();

function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const piece of pieces) n += piece.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
const MESSAGE_KEY = UTF8.encode(',"@m":');
const EXCEPTION_KEY = UTF8.encode(',"@x":');
const LINE_END = UTF8.encode("}\n");

/** {@link TemplateJson} as UTF-8. */
interface TemplateBytes {
  readonly mt: Uint8Array;
  readonly id: Uint8Array;
  readonly formatted: readonly PropertyToken[];
  readonly json: TemplateJson;
}
const templateBytesCache = new WeakMap<MessageTemplate, TemplateBytes>();

function templateBytes(template: MessageTemplate): TemplateBytes {
  let bytes = templateBytesCache.get(template);
  if (bytes === undefined) {
    const parts = templateParts(template);
    bytes = { mt: UTF8.encode(parts.mt), id: UTF8.encode(parts.id), formatted: parts.formatted, json: parts };
    templateBytesCache.set(template, bytes);
  }
  return bytes;
}

const levelBytesCache = new Map<string, Uint8Array>();

function levelBytes(level: LogEvent["level"]): Uint8Array {
  let bytes = levelBytesCache.get(level);
  if (bytes === undefined) {
    bytes = UTF8.encode(',"@l":"' + clefLevelName(level) + '"');
    if (levelBytesCache.size < 16) levelBytesCache.set(level, bytes);
  }
  return bytes;
}

// `{"@t":"YYYY-MM-DDTHH:MM:SS` of the last second seen (undefined when that
// second is outside the years 0000–9999, which formatIsoTimestamp writes in
// the extended form).
let headSecond = Number.NaN;
let head: Uint8Array | undefined;

/** Writes `'{"@t":"' + formatIsoTimestamp(ms)`. */
function writeTimestamp(w: Utf8Writer, ms: number): void {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== headSecond) {
    const iso = formatIsoTimestamp(second * 1000);
    head = iso.length === 24 ? UTF8.encode('{"@t":"' + iso.slice(0, 19)) : undefined;
    headSecond = second;
  }
  if (head === undefined) {
    w.text('{"@t":"' + formatIsoTimestamp(ms));
    return;
  }
  w.bytes(head);
  const millis = whole - second * 1000;
  w.reserve(5);
  const buf = w.buf;
  const p = w.pos;
  buf[p] = 0x2e; // .
  buf[p + 1] = 0x30 + ((millis / 100) | 0);
  buf[p + 2] = 0x30 + (((millis / 10) | 0) % 10);
  buf[p + 3] = 0x30 + (millis % 10);
  buf[p + 4] = 0x5a; // Z
  w.pos = p + 5;
}
