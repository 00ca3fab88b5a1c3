/**
 * Internal: the OTLP JSON request of {@link encodeOtlpJson}, written straight
 * to UTF-8 with {@link Utf8Writer} (constant pieces pre-encoded, ASCII copied
 * by a loop, numbers digit by digit) instead of one rope string per request
 * that the HTTP client must flatten and encode.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";
import { Utf8Writer } from "../formatting/batch_encoder.ts";
import { MAX_JSON_DEPTH } from "../formatting/json_text.ts";
import type { OtlpExport } from "./otlp_json.ts";
import type { OtlpAttribute } from "./otlp_record.ts";

const UTF8 = new TextEncoder();
const b = (text: string): Uint8Array => UTF8.encode(text);
const HEAD = b('{"resourceLogs":[{"resource":{"attributes":');
const SCOPE_LOGS = b('},"scopeLogs":[');
const SCOPE = b('{"scope":{"name":');
const VERSION = b(',"version":');
const LOG_RECORDS = b('},"logRecords":[');
const TIME = b('{"timeUnixNano":"');
const OBSERVED = b('","observedTimeUnixNano":"');
const SEVERITY = b('","severityNumber":');
const SEVERITY_TEXT = b(',"severityText":');
const BODY = b(',"body":{"stringValue":');
const ATTRIBUTES = b('},"attributes":');
const TRACE = b(',"traceId":"');
const SPAN = b(',"spanId":"');
const SCOPE_END = b("]}");
const TAIL = b("]}]}");
const KEY = b('{"key":');
const VALUE = b(',"value":');
const STRING_VALUE = b('{"stringValue":');
const TRUE = b('{"boolValue":true}');
const FALSE = b('{"boolValue":false}');
const INT_VALUE = b('{"intValue":"');
const DOUBLE_VALUE = b('{"doubleValue":');
const EMPTY = b("{}");
const ELLIPSIS = b('{"stringValue":"\u2026"}');
const ARRAY = b('{"arrayValue":{"values":[');
const KVLIST = b('{"kvlistValue":{"values":[');
const LIST_END = b("]}}");
const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE_CLOSE = 0x7d;

/**
 * The UTF-8 of `encodeOtlpJson(request)`: a view of `into` when it has room,
 * otherwise of a new, larger array.
 *
 * @example
 * ```ts
 * import { encodeOtlpJsonBytes } from "./otlp_json_bytes.ts";
 * encodeOtlpJsonBytes({ resource: [], scopeVersion: "", scopes: [], observedAt: 0 }, new Uint8Array(256)).length; // 52
 * ```
 */
export function encodeOtlpJsonBytes(request: OtlpExport, into: Uint8Array): Uint8Array {
  const w = new Utf8Writer(into);
  writeJsonRequestStart(w, request.resource);
  const scopes = request.scopes;
  for (let s = 0; s < scopes.length; s++) {
    writeJsonScopeStart(w, scopes[s].scope, request.scopeVersion, s === 0);
    const records = scopes[s].records;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (i > 0) w.byte(COMMA);
      writeJsonRecordTimes(w, r.timestamp);
      writeUnixNano(w, request.observedAt);
      w.bytes(SEVERITY);
      w.number(r.severityNumber);
      w.bytes(SEVERITY_TEXT);
      w.jsonString(r.severityText);
      w.bytes(BODY);
      w.jsonString(r.body);
      w.bytes(ATTRIBUTES);
      writeJsonAttributes(w, r.attributes);
      writeJsonTraceIds(w, r.traceId, r.spanId);
      w.byte(BRACE_CLOSE);
    }
    writeJsonEnd(w, "scope");
  }
  writeJsonEnd(w, "request");
  return w.view();
}

/**
 * Writes a request up to its first scope:
 * `{"resourceLogs":[{"resource":{"attributes":[…]},"scopeLogs":[`.
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonRequestStart } from "./otlp_json_bytes.ts";
 * writeJsonRequestStart(new Utf8Writer(new Uint8Array(64)), []);
 * ```
 */
export function writeJsonRequestStart(w: Utf8Writer, resource: readonly OtlpAttribute[]): void {
  w.bytes(HEAD);
  writeJsonAttributes(w, resource);
  w.bytes(SCOPE_LOGS);
}

/**
 * Writes a scope's start up to its first record (after a comma unless it
 * is the first): `{"scope":{"name":…,"version":…},"logRecords":[`; the
 * version only when not empty.
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonScopeStart } from "./otlp_json_bytes.ts";
 * writeJsonScopeStart(new Utf8Writer(new Uint8Array(64)), "app", "", true);
 * ```
 */
export function writeJsonScopeStart(w: Utf8Writer, scope: string, version: string, first: boolean): void {
  if (!first) w.byte(COMMA);
  w.bytes(SCOPE);
  w.jsonString(scope);
  if (version !== "") {
    w.bytes(VERSION);
    w.jsonString(version);
  }
  w.bytes(LOG_RECORDS);
}

/**
 * Writes a log record's start and its time, up to the observed time's
 * digits: `{"timeUnixNano":"…","observedTimeUnixNano":"`.
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonRecordTimes } from "./otlp_json_bytes.ts";
 * writeJsonRecordTimes(new Utf8Writer(new Uint8Array(64)), 1.5);
 * ```
 */
export function writeJsonRecordTimes(w: Utf8Writer, timestamp: number): void {
  w.bytes(TIME);
  writeUnixNano(w, timestamp);
  w.bytes(OBSERVED);
}

/**
 * Writes the end of a scope (`]}`) or, with `request`, of the scopes and
 * the request (`]}]}`).
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonEnd } from "./otlp_json_bytes.ts";
 * writeJsonEnd(new Utf8Writer(new Uint8Array(8)), "scope");
 * ```
 */
export function writeJsonEnd(w: Utf8Writer, what: "scope" | "request"): void {
  w.bytes(what === "scope" ? SCOPE_END : TAIL);
}

/** `,"body":{"stringValue":`: a log record's body, before its JSON string. */
export const JSON_BODY: Uint8Array = BODY;
/** `},"attributes":`: after the body's string, before the attribute list. */
export const JSON_ATTRIBUTES: Uint8Array = ATTRIBUTES;

/**
 * Writes a log record's `,"traceId":"…"` and `,"spanId":"…"` (each when given).
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonTraceIds } from "./otlp_json_bytes.ts";
 * const w = new Utf8Writer(new Uint8Array(64));
 * writeJsonTraceIds(w, "4bf92f3577b34da6a3ce929d0e0e4736", undefined); // ,"traceId":"4bf9…"
 * ```
 */
export function writeJsonTraceIds(w: Utf8Writer, traceId: string | undefined, spanId: string | undefined): void {
  if (traceId !== undefined) {
    w.bytes(TRACE);
    w.text(traceId);
    w.byte(QUOTE);
  }
  if (spanId !== undefined) {
    w.bytes(SPAN);
    w.text(spanId);
    w.byte(QUOTE);
  }
}

/**
 * Writes `[{"key":…,"value":…},…]` for `list`.
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonAttributes } from "./otlp_json_bytes.ts";
 * const w = new Utf8Writer(new Uint8Array(64));
 * writeJsonAttributes(w, [{ key: "n", value: 1 }]); // [{"key":"n","value":{"intValue":"1"}}]
 * ```
 */
export function writeJsonAttributes(w: Utf8Writer, list: readonly OtlpAttribute[]): void {
  w.byte(OPEN);
  for (let i = 0; i < list.length; i++) {
    if (i > 0) w.byte(COMMA);
    writeJsonKeyValue(w, list[i].key, list[i].value, 0);
  }
  w.byte(CLOSE);
}

/**
 * Writes one `{"key":…,"value":AnyValue}` (values nested `depth` deep).
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeJsonKeyValue } from "./otlp_json_bytes.ts";
 * const w = new Utf8Writer(new Uint8Array(64));
 * writeJsonKeyValue(w, "ok", true, 0); // {"key":"ok","value":{"boolValue":true}}
 * ```
 */
export function writeJsonKeyValue(w: Utf8Writer, key: string, value: LogValue | undefined, depth: number): void {
  w.bytes(KEY);
  w.jsonString(key);
  w.bytes(VALUE);
  anyValue(w, value, depth);
  w.byte(BRACE_CLOSE);
}

/** What `anyValueJson` of otlp_json.ts writes. */
function anyValue(w: Utf8Writer, value: LogValue | undefined, depth: number): void {
  switch (typeof value) {
    case "string":
      w.bytes(STRING_VALUE);
      w.jsonString(value);
      w.byte(BRACE_CLOSE);
      return;
    case "boolean":
      w.bytes(value ? TRUE : FALSE);
      return;
    case "number":
      if (Number.isSafeInteger(value)) {
        w.bytes(INT_VALUE);
        w.number(value);
        w.byte(QUOTE);
      } else {
        w.bytes(DOUBLE_VALUE);
        w.number(value);
      }
      w.byte(BRACE_CLOSE);
      return;
    case "object": {
      if (value === null) break;
      if (depth >= MAX_JSON_DEPTH) {
        w.bytes(ELLIPSIS);
        return;
      }
      if (Array.isArray(value)) {
        const items = value as readonly LogValue[];
        w.bytes(ARRAY);
        for (let i = 0; i < items.length; i++) {
          if (i > 0) w.byte(COMMA);
          anyValue(w, items[i], depth + 1);
        }
        w.bytes(LIST_END);
        return;
      }
      const record = value as Readonly<Record<string, LogValue>>;
      const keys = Object.keys(record);
      w.bytes(KVLIST);
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) w.byte(COMMA);
        writeJsonKeyValue(w, keys[i], record[keys[i]], depth + 1);
      }
      w.bytes(LIST_END);
      return;
    }
  }
  w.bytes(EMPTY);
}

/** What `unixNanoString(ms)` returns: nanoseconds since the epoch in decimal. */
/**
 * Writes epoch milliseconds as decimal nanoseconds (`"0"` for none).
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { writeUnixNano } from "./otlp_json_bytes.ts";
 * const w = new Utf8Writer(new Uint8Array(32));
 * writeUnixNano(w, 1.5); // 1500000
 * ```
 */
export function writeUnixNano(w: Utf8Writer, ms: number): void {
  if (!(ms > 0) || !Number.isFinite(ms)) {
    w.byte(0x30);
    return;
  }
  let whole = Math.floor(ms);
  let frac = Math.round((ms - whole) * 1e6);
  if (frac >= 1e6) {
    whole += 1;
    frac = 0;
  }
  if (whole === 0) {
    w.number(frac);
    return;
  }
  w.number(whole);
  w.reserve(6);
  const buf = w.buf;
  for (let j = w.pos + 5; j >= w.pos; j--) {
    const q = (frac / 10) | 0;
    buf[j] = 0x30 + frac - q * 10;
    frac = q;
  }
  w.pos += 6;
}
