/**
 * OTLP/HTTP JSON encoding of log records (the OTLP JSON mapping of
 * `ExportLogsServiceRequest`): lowerCamelCase field names, 64-bit integers
 * (`timeUnixNano`, `intValue`) as decimal strings, enums as numbers, trace and
 * span ids as lowercase hex (OTLP's exception to proto3 JSON's base64), and
 * non-finite doubles as `"NaN"`, `"Infinity"`, `"-Infinity"`.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";
import { jsonNumber, jsonString, MAX_JSON_DEPTH } from "../formatting/json_text.ts";
import type { OtlpAttribute, OtlpScopeLogs } from "./otlp_record.ts";
import { unixNanoString } from "./otlp_record.ts";

/**
 * What one export request carries, before encoding.
 *
 * @example
 * ```ts
 * import type { OtlpExport } from "./otlp_json.ts";
 * const request: OtlpExport = { resource: [{ key: "service.name", value: "api" }], scopeVersion: "1.0.0", scopes: [], observedAt: Date.now() };
 * ```
 */
export interface OtlpExport {
  /** The resource attributes (e.g. `service.name`) sent once per request. */
  readonly resource: readonly OtlpAttribute[];
  /** The version of every instrumentation scope (e.g. the library version); "" for none. */
  readonly scopeVersion: string;
  /** The batch's records grouped by instrumentation scope, each becoming one `scopeLogs`. */
  readonly scopes: readonly OtlpScopeLogs[];
  /** When the sink observed the batch: epoch ms, sent as `observedTimeUnixNano`. */
  readonly observedAt: number;
}

/**
 * Encodes an export request as OTLP JSON.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { encodeOtlpJson } from "./otlp_json.ts";
 * import { groupOtlpRecords } from "./otlp_record.ts";
 * const scopes = groupOtlpRecords([{ timestamp: 1, level: "information", template: parseTemplate("hi"), properties: {} }], "app");
 * encodeOtlpJson({ resource: [], scopeVersion: "", scopes, observedAt: 2 });
 * // '{"resourceLogs":[{"resource":{"attributes":[]},"scopeLogs":[{"scope":{"name":"app"},"logRecords":[{"timeUnixNano":"1000000",…'
 * ```
 */
export function encodeOtlpJson(request: OtlpExport): string {
  const observed = '"observedTimeUnixNano":"' + unixNanoString(request.observedAt) + '"';
  const version = request.scopeVersion === "" ? "" : ',"version":' + jsonString(request.scopeVersion);
  let out = '{"resourceLogs":[{"resource":{"attributes":' + attributesJson(request.resource) + '},"scopeLogs":[';
  const scopes = request.scopes;
  for (let s = 0; s < scopes.length; s++) {
    if (s > 0) out += ",";
    out += '{"scope":{"name":' + jsonString(scopes[s].scope) + version + '},"logRecords":[';
    const records = scopes[s].records;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (i > 0) out += ",";
      out += '{"timeUnixNano":"' + unixNanoString(r.timestamp) + '",' + observed +
        ',"severityNumber":' + r.severityNumber + ',"severityText":"' + r.severityText +
        '","body":{"stringValue":' + jsonString(r.body) + '},"attributes":' + attributesJson(r.attributes);
      if (r.traceId !== undefined) out += ',"traceId":"' + r.traceId + '"';
      if (r.spanId !== undefined) out += ',"spanId":"' + r.spanId + '"';
      out += "}";
    }
    out += "]}";
  }
  return out + "]}]}";
}

function attributesJson(attributes: readonly OtlpAttribute[]): string {
  let out = "[";
  for (let i = 0; i < attributes.length; i++) {
    if (i > 0) out += ",";
    out += '{"key":' + jsonString(attributes[i].key) + ',"value":' + anyValueJson(attributes[i].value, 0) + "}";
  }
  return out + "]";
}

/**
 * A captured value as an OTLP JSON `AnyValue`: strings `stringValue`,
 * booleans `boolValue`, safe integers `intValue` (as a string), other numbers
 * `doubleValue`, arrays `arrayValue`, structures `kvlistValue` (a `$type` key
 * is an ordinary entry), `null` the empty AnyValue `{}`.
 *
 * @example
 * ```ts
 * import { otlpAnyValueJson } from "./otlp_json.ts";
 * otlpAnyValueJson(42); // '{"intValue":"42"}'
 * otlpAnyValueJson([1.5, true]); // '{"arrayValue":{"values":[{"doubleValue":1.5},{"boolValue":true}]}}'
 * ```
 */
export function otlpAnyValueJson(value: LogValue): string {
  return anyValueJson(value, 0);
}

function anyValueJson(value: LogValue | undefined, depth: number): string {
  switch (typeof value) {
    case "string":
      return '{"stringValue":' + jsonString(value) + "}";
    case "boolean":
      return value ? '{"boolValue":true}' : '{"boolValue":false}';
    case "number":
      return Number.isSafeInteger(value)
        ? '{"intValue":"' + (value === 0 ? 0 : value) + '"}'
        : '{"doubleValue":' + jsonNumber(value) + "}";
    case "object": {
      if (value === null) return "{}";
      if (depth >= MAX_JSON_DEPTH) return '{"stringValue":"\u2026"}';
      if (Array.isArray(value)) {
        const items = value as readonly LogValue[];
        let out = '{"arrayValue":{"values":[';
        for (let i = 0; i < items.length; i++) out += (i > 0 ? "," : "") + anyValueJson(items[i], depth + 1);
        return out + "]}}";
      }
      const record = value as Readonly<Record<string, LogValue>>;
      const keys = Object.keys(record);
      let out = '{"kvlistValue":{"values":[';
      for (let i = 0; i < keys.length; i++) {
        out += (i > 0 ? "," : "") + '{"key":' + jsonString(keys[i]) + ',"value":' + anyValueJson(record[keys[i]], depth + 1) + "}";
      }
      return out + "]}}";
    }
    default:
      return "{}";
  }
}
