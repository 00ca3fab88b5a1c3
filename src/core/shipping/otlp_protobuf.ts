/**
 * OTLP/HTTP protobuf encoding of log records: an `ExportLogsServiceRequest`
 * (opentelemetry/proto/collector/logs/v1) written with {@link ProtobufWriter}.
 *
 * Field numbers (opentelemetry-proto v1):
 * - ExportLogsServiceRequest: 1 resource_logs
 * - ResourceLogs: 1 resource, 2 scope_logs · Resource: 1 attributes
 * - ScopeLogs: 1 scope, 2 log_records · InstrumentationScope: 1 name, 2 version
 * - LogRecord: 1 time_unix_nano (fixed64), 2 severity_number, 3 severity_text,
 *   5 body, 6 attributes, 9 trace_id (bytes), 10 span_id (bytes),
 *   11 observed_time_unix_nano (fixed64)
 * - KeyValue: 1 key, 2 value · AnyValue: 1 string, 2 bool, 3 int64, 4 double,
 *   5 array, 6 kvlist · ArrayValue / KeyValueList: 1 values
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import { inheritsNothing } from "../events/property_record.ts";
import type { LogValue } from "../events/log_value.ts";
import type { LogLevel } from "../levels/level.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { renderTemplate } from "../template/render_template.ts";
import { renderTemplateInto } from "../template/render_template_bytes.ts";
import { Utf8Writer } from "../formatting/batch_encoder.ts";
import { MAX_JSON_DEPTH } from "../formatting/json_text.ts";
import { formatErrorText } from "../formatting/error_text.ts";
import { clefLevelName } from "../formatting/level_names.ts";
import type { OtlpExport } from "./otlp_json.ts";
import type { OtlpAttribute } from "./otlp_record.ts";
import { OTLP_TEMPLATE_ATTRIBUTE, type OtlpBatchRequest, otlpScopeGroups, otlpSeverityNumber, otlpTraceIds, unixNanoParts } from "./otlp_record.ts";
import { ProtobufWriter } from "./protobuf_writer.ts";

/**
 * Encodes export requests as protobuf, reusing one buffer across calls.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { OtlpProtobufEncoder } from "./otlp_protobuf.ts";
 * import { groupOtlpRecords } from "./otlp_record.ts";
 * const scopes = groupOtlpRecords([{ timestamp: 1, level: "information", template: parseTemplate("hi"), properties: {} }], "app");
 * const bytes = new OtlpProtobufEncoder().encode({ resource: [], scopeVersion: "", scopes, observedAt: 2 });
 * bytes[0]; // 0x0a: field 1 (resource_logs), length-delimited
 * ```
 */
export class OtlpProtobufEncoder {
  #w: ProtobufWriter = new ProtobufWriter(16_384);
  #lent: ProtobufWriter = new ProtobufWriter(64);

  /** The request as protobuf bytes (a fresh copy; the encoder's buffer is reused). */
  encode(request: OtlpExport): Uint8Array {
    const w = this.#w;
    w.reset();
    const observed = unixNanoParts(request.observedAt);
    const resourceLogs = w.beginMessage(1);
    const resource = w.beginMessage(1);
    writeAttributes(w, 1, request.resource);
    w.endMessage(resource);
    for (const scopeLogs of request.scopes) {
      const sl = w.beginMessage(2);
      const scope = w.beginMessage(1);
      w.string(1, scopeLogs.scope);
      w.string(2, request.scopeVersion);
      w.endMessage(scope);
      for (const r of scopeLogs.records) {
        const rec = w.beginMessage(2);
        const time = unixNanoParts(r.timestamp);
        w.fixed64(1, time.lo, time.hi);
        w.uint32(2, r.severityNumber);
        w.string(3, r.severityText);
        const body = w.beginMessage(5);
        w.string(1, r.body, true);
        w.endMessage(body);
        writeAttributes(w, 6, r.attributes);
        if (r.traceId !== undefined) w.bytes(9, hexBytes(r.traceId));
        if (r.spanId !== undefined) w.bytes(10, hexBytes(r.spanId));
        w.fixed64(11, observed.lo, observed.hi);
        w.endMessage(rec);
      }
      w.endMessage(sl);
    }
    w.endMessage(resourceLogs);
    return w.finish();
  }

  /**
   * The bytes of `encode` for the request `batch` makes (scopes grouped as
   * `groupOtlpRecords` groups them, records as `toOtlpRecord` maps them),
   * written straight from the events: no record or attribute objects, and
   * the constant parts (level fields, the template attribute, attribute keys)
   * encoded once and copied. With `into`, the bytes are written there (or in
   * a larger buffer the writer grows into) and returned as a view, not copied:
   * the buffer is then the caller's until it hands it back.
   */
  encodeEvents(batch: readonly LogEvent[], request: OtlpBatchRequest, into?: Uint8Array): Uint8Array {
    // A lent buffer gets a writer of its own: `encode` must never write into
    // a buffer a request may still be reading.
    const w = into === undefined ? this.#w : this.#lent;
    w.reset(into);
    const resourceLogs = w.beginMessage(1, 3); // a batch: usually 16 KiB–2 MiB
    const resource = w.beginMessage(1);
    writeAttributes(w, 1, request.resource);
    w.endMessage(resource);
    const observed = unixNanoParts(request.observedAt);
    const scopeProperty = request.scopeProperty;
    const scopes = otlpScopeGroups(batch, request.scopeName, scopeProperty);
    for (const [scope, members] of scopes) {
      const sl = w.beginMessage(2, 3);
      const scopeMessage = w.beginMessage(1);
      w.string(1, scope);
      w.string(2, request.scopeVersion);
      w.endMessage(scopeMessage);
      if (members === undefined) {
        for (let i = 0; i < batch.length; i++) this.#record(w, batch[i], scopeProperty, observed);
      } else {
        for (let i = 0; i < members.length; i++) this.#record(w, batch[members[i]], scopeProperty, observed);
      }
      w.endMessage(sl);
    }
    w.endMessage(resourceLogs);
    // A message a hundred times the usual size grew the buffer: let it go.
    if (this.#body.buf.length > MAX_KEPT_BODY) this.#body = new Utf8Writer(new Uint8Array(256));
    return into === undefined ? w.finish() : w.view();
  }

  #record(w: ProtobufWriter, event: LogEvent, scopeProperty: string, observed: { lo: number; hi: number }): void {
    const properties = event.properties;
    const ids = otlpTraceIds(properties);
    const scopeNamed = typeof properties[scopeProperty] === "string";
    const rec = w.beginMessage(2, 2); // a record: usually 128 B–16 KiB
    const time = unixNanoParts(event.timestamp);
    w.fixed64(1, time.lo, time.hi);
    w.raw(levelFields(event.level));
    const body = w.beginMessage(5);
    const text = this.#body;
    text.pos = 0;
    // The message straight to UTF-8 when its holes are plain (no string to
    // build, flatten and encode: measured ~190 of ~730 ns/event on Node).
    if (renderTemplateInto(text, event.template, properties)) w.bytesField(1, text.buf, text.pos);
    else w.string(1, renderTemplate(event.template, properties), true);
    w.endMessage(body);
    w.raw(this.#templateAttribute(event.template));
    // for…in over a record that inherits nothing (no array per event); the
    // own keys of any other (a `{}` may inherit enumerable properties).
    if (inheritsNothing(properties)) {
      for (const key in properties) {
        if (ids !== undefined && (key === ids.traceKey || key === ids.spanKey)) continue;
        if (scopeNamed && key === scopeProperty) continue;
        this.#attribute(w, key, properties[key]);
      }
    } else {
      const names = Object.keys(properties);
      for (let i = 0; i < names.length; i++) {
        const key = names[i];
        if (ids !== undefined && (key === ids.traceKey || key === ids.spanKey)) continue;
        if (scopeNamed && key === scopeProperty) continue;
        this.#attribute(w, key, properties[key]);
      }
    }
    const error = event.error;
    if (error !== undefined) {
      writeKeyValue(w, 6, "exception.type", error.name || "Error", 0);
      if (error.message) writeKeyValue(w, 6, "exception.message", error.message, 0);
      writeKeyValue(w, 6, "exception.stacktrace", formatErrorText(error), 0);
    }
    if (ids !== undefined) {
      w.bytes(9, hexBytes(ids.traceId));
      if (ids.spanId !== undefined) w.bytes(10, hexBytes(ids.spanId));
    }
    w.fixed64(11, observed.lo, observed.hi);
    w.endMessage(rec);
  }

  /** One attribute KeyValue, its key field encoded once (short keys). */
  #attribute(w: ProtobufWriter, key: string, value: LogValue): void {
    const keys = this.#keys;
    let keyField = keys.get(key);
    if (keyField === undefined) {
      keyField = encodedKey(key);
      if (keys.size < KEY_CACHE_LIMIT && key.length <= KEY_CACHE_MAX_LENGTH) keys.set(key, keyField);
    }
    const kv = w.beginMessage(6);
    w.raw(keyField);
    writeAnyValue(w, 2, value, 0);
    w.endMessage(kv);
  }

  /** The `message_template.text` attribute of `template`, encoded once per template in a row. */
  #templateAttribute(template: MessageTemplate): Uint8Array {
    if (template === this.#lastTemplate) return this.#lastAttribute;
    let bytes = templateAttributes.get(template);
    if (bytes === undefined) {
      const w = new ProtobufWriter(64 + template.text.length * 3);
      writeKeyValue(w, 6, OTLP_TEMPLATE_ATTRIBUTE, template.text, 0);
      bytes = w.finish();
      templateAttributes.set(template, bytes);
    }
    this.#lastTemplate = template;
    this.#lastAttribute = bytes;
    return bytes;
  }

  #keys = new Map<string, Uint8Array>();
  #body = new Utf8Writer(new Uint8Array(256));
  #lastTemplate: MessageTemplate | undefined;
  #lastAttribute: Uint8Array = new Uint8Array(0);
}


/**
 * Distinct attribute keys encoded once and kept (beyond this, encoded per
 * use), each at most KEY_CACHE_MAX_LENGTH UTF-16 units: keys come from data,
 * and the cache must stay small whatever they are (~0.4 MB at most).
 */
/** A rendered-message buffer larger than this is not kept after its batch. */
const MAX_KEPT_BODY = 1 << 16;
const KEY_CACHE_LIMIT = 1_024;
const KEY_CACHE_MAX_LENGTH = 128;
const templateAttributes = new WeakMap<MessageTemplate, Uint8Array>();
const levelFieldCache = new Map<string, Uint8Array>();

/** `severity_number` and `severity_text` of `level`, encoded once. */
function levelFields(level: LogLevel): Uint8Array {
  let bytes = levelFieldCache.get(level);
  if (bytes === undefined) {
    const w = new ProtobufWriter(64);
    w.uint32(2, otlpSeverityNumber(level));
    w.string(3, clefLevelName(level));
    bytes = w.finish();
    if (levelFieldCache.size < 16) levelFieldCache.set(level, bytes);
  }
  return bytes;
}

/** A KeyValue's `key` field. */
function encodedKey(key: string): Uint8Array {
  const w = new ProtobufWriter(16 + key.length * 3);
  w.string(1, key);
  return w.finish();
}


function writeAttributes(w: ProtobufWriter, field: number, attributes: readonly OtlpAttribute[]): void {
  for (let i = 0; i < attributes.length; i++) writeKeyValue(w, field, attributes[i].key, attributes[i].value, 0);
}

function writeKeyValue(w: ProtobufWriter, field: number, key: string, value: LogValue, depth: number): void {
  const kv = w.beginMessage(field);
  w.string(1, key);
  writeAnyValue(w, 2, value, depth);
  w.endMessage(kv);
}

function writeAnyValue(w: ProtobufWriter, field: number, value: LogValue | undefined, depth: number): void {
  const any = w.beginMessage(field);
  switch (typeof value) {
    case "string":
      w.string(1, value, true);
      break;
    case "boolean":
      w.bool(2, value);
      break;
    case "number":
      if (Number.isSafeInteger(value)) w.int64(3, value);
      else w.double(4, value);
      break;
    case "object":
      if (value === null) break; // the empty AnyValue stands for null
      if (depth >= MAX_JSON_DEPTH) {
        w.string(1, "\u2026");
      } else if (Array.isArray(value)) {
        const items = value as readonly LogValue[];
        const array = w.beginMessage(5);
        for (let i = 0; i < items.length; i++) writeAnyValue(w, 1, items[i], depth + 1);
        w.endMessage(array);
      } else {
        const record = value as Readonly<Record<string, LogValue>>;
        const keys = Object.keys(record);
        const list = w.beginMessage(6);
        for (let i = 0; i < keys.length; i++) writeKeyValue(w, 1, keys[i], record[keys[i]], depth + 1);
        w.endMessage(list);
      }
      break;
  }
  w.endMessage(any);
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
