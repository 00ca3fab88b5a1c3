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
import type { LogValue } from "../events/log_value.ts";
import { MAX_JSON_DEPTH } from "../formatting/json_text.ts";
import type { OtlpExport } from "./otlp_json.ts";
import type { OtlpAttribute } from "./otlp_record.ts";
import { unixNanoParts } from "./otlp_record.ts";
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
