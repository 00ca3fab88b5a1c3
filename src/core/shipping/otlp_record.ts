/**
 * How a {@link LogEvent} maps onto an OTLP log record: severity, body,
 * attributes, exception attributes, trace context and instrumentation scope.
 * Shared by the JSON and protobuf encoders, so both send the same thing.
 *
 * @module
 */
import type { LogLevel } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import { formatErrorText } from "../formatting/error_text.ts";
import { clefLevelName } from "../formatting/level_names.ts";
import { renderTemplate } from "../template/render_template.ts";

const SEVERITY_NUMBER: Readonly<Record<LogLevel, number>> = Object.freeze({
  verbose: 1,
  debug: 5,
  information: 9,
  warning: 13,
  error: 17,
  fatal: 21,
});

/**
 * The attribute that carries the message template text. The name used by
 * Serilog.Sinks.OpenTelemetry, which Seq and other Serilog-aware backends read.
 *
 * @example
 * ```ts
 * import { OTLP_TEMPLATE_ATTRIBUTE } from "./otlp_record.ts";
 * OTLP_TEMPLATE_ATTRIBUTE; // "message_template.text"
 * ```
 */
export const OTLP_TEMPLATE_ATTRIBUTE = "message_template.text";

/** Property names read as trace context (removed from the attributes when valid). */
const TRACE_ID_KEYS = ["TraceId", "trace_id", "traceId"] as const;
const SPAN_ID_KEYS = ["SpanId", "span_id", "spanId"] as const;
const HEX_32 = /^[0-9a-fA-F]{32}$/;
const HEX_16 = /^[0-9a-fA-F]{16}$/;
const ALL_ZERO = /^0+$/;

/**
 * One attribute: a key and a captured value, encoded later as a typed
 * AnyValue.
 *
 * @example
 * ```ts
 * import type { OtlpAttribute } from "./otlp_record.ts";
 * const a: OtlpAttribute = { key: "UserId", value: 42 };
 * ```
 */
export interface OtlpAttribute {
  /** The attribute name (a property name, or e.g. `exception.type`). */
  readonly key: string;
  /** The captured value; its type picks the AnyValue variant when encoded. */
  readonly value: LogValue;
}

/**
 * An event as an OTLP log record, before encoding.
 *
 * @example
 * ```ts
 * import type { OtlpLogRecord } from "./otlp_record.ts";
 * const r: OtlpLogRecord = { timestamp: 0, severityNumber: 9, severityText: "Information", body: "hi", attributes: [] };
 * ```
 */
export interface OtlpLogRecord {
  /** Milliseconds since the epoch (fractions kept down to the nanosecond). */
  readonly timestamp: number;
  /** The OTel severity number (see {@link otlpSeverityNumber}). */
  readonly severityNumber: number;
  /** The Serilog level name, e.g. `"Information"`. */
  readonly severityText: string;
  /** The rendered message. */
  readonly body: string;
  /** The template, the properties and any exception attributes, in that order. */
  readonly attributes: readonly OtlpAttribute[];
  /** 32 lowercase hex digits. */
  readonly traceId?: string;
  /** 16 lowercase hex digits. */
  readonly spanId?: string;
}

/**
 * The records of one instrumentation scope.
 *
 * @example
 * ```ts
 * import type { OtlpScopeLogs } from "./otlp_record.ts";
 * const s: OtlpScopeLogs = { scope: "Db", records: [] };
 * ```
 */
export interface OtlpScopeLogs {
  /** The instrumentation scope name (the event's `SourceContext`, or the sink's default). */
  readonly scope: string;
  /** The scope's records, in batch order. */
  readonly records: OtlpLogRecord[];
}

/**
 * The OTel severity number of a level: verbose 1 (TRACE), debug 5,
 * information 9, warning 13, error 17, fatal 21.
 *
 * @example
 * ```ts
 * import { otlpSeverityNumber } from "./otlp_record.ts";
 * otlpSeverityNumber("warning"); // 13
 * ```
 */
export function otlpSeverityNumber(level: LogLevel): number {
  return SEVERITY_NUMBER[level] ?? 9;
}

/**
 * The trace context an event's properties carry, and which keys carried it
 * (they become the record's `trace_id`/`span_id` instead of attributes).
 *
 * @example
 * ```ts
 * import type { OtlpTraceIds } from "./otlp_record.ts";
 * const ids: OtlpTraceIds = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", traceKey: "TraceId" };
 * ```
 */
export interface OtlpTraceIds {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** The property it came from (`TraceId`, `trace_id` or `traceId`). */
  readonly traceKey: string;
  /** 16 lowercase hex digits, when a span id came with the trace id. */
  readonly spanId?: string;
  /** The property the span id came from. */
  readonly spanKey?: string;
}

/**
 * The first of `TraceId`/`trace_id`/`traceId` holding 32 hex digits (not all
 * zero) and, with it, the first of `SpanId`/`span_id`/`spanId` holding 16;
 * `undefined` when there is no trace id.
 *
 * @example
 * ```ts
 * import { otlpTraceIds } from "./otlp_record.ts";
 * otlpTraceIds({ trace_id: "4BF92F3577B34DA6A3CE929D0E0E4736" })?.traceId; // "4bf92f3577b34da6a3ce929d0e0e4736"
 * otlpTraceIds({ TraceId: "0".repeat(32) }); // undefined
 * ```
 */
export function otlpTraceIds(properties: Readonly<Record<string, LogValue>>): OtlpTraceIds | undefined {
  const traceKey = validIdKey(properties, TRACE_ID_KEYS, HEX_32);
  if (traceKey === undefined) return undefined;
  const traceId = (properties[traceKey] as string).toLowerCase();
  const spanKey = validIdKey(properties, SPAN_ID_KEYS, HEX_16);
  if (spanKey === undefined) return { traceId, traceKey };
  return { traceId, traceKey, spanId: (properties[spanKey] as string).toLowerCase(), spanKey };
}

function validIdKey(properties: Readonly<Record<string, LogValue>>, keys: readonly string[], pattern: RegExp): string | undefined {
  for (const key of keys) {
    const value = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (typeof value === "string" && pattern.test(value) && !ALL_ZERO.test(value)) return key;
  }
  return undefined;
}

/**
 * Maps one event to an OTLP log record:
 * - `severityNumber` per {@link otlpSeverityNumber}, `severityText` the
 *   Serilog level name (`Information`, `Warning`…);
 * - `body` the rendered message (as `renderTemplate` shows it);
 * - attributes: `message_template.text` (the template), then every property
 *   under its own name (typed later: int/double/bool/string/array/kvlist);
 * - an error as `exception.type`, `exception.message` and
 *   `exception.stacktrace` (stack plus `Caused by:` chain), per the OTel
 *   semantic conventions;
 * - `TraceId`/`trace_id`/`traceId` (32 hex) and `SpanId`/`span_id`/`spanId`
 *   (16 hex, not all zero) become the record's trace context instead of
 *   attributes; other values stay attributes;
 * - `scopeProperty` (default `SourceContext`), when a string, names the
 *   instrumentation scope and is not repeated as an attribute.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { toOtlpRecord } from "./otlp_record.ts";
 * const r = toOtlpRecord({ timestamp: 0, level: "warning", template: parseTemplate("Disk {Pct}%"), properties: { Pct: 93 } });
 * r.severityNumber; // 13
 * r.body; // "Disk 93%"
 * ```
 */
export function toOtlpRecord(event: LogEvent, scopeProperty: string = "SourceContext"): OtlpLogRecord {
  const properties = event.properties;
  const ids = otlpTraceIds(properties);
  const traceId = ids?.traceId;
  const spanId = ids?.spanId;
  const used = new Set<string>();
  if (ids !== undefined) used.add(ids.traceKey);
  if (ids?.spanKey !== undefined) used.add(ids.spanKey);
  if (typeof properties[scopeProperty] === "string") used.add(scopeProperty);
  const attributes: OtlpAttribute[] = [{ key: OTLP_TEMPLATE_ATTRIBUTE, value: event.template.text }];
  const names = Object.keys(properties);
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    if (used.size === 0 || !used.has(key)) attributes.push({ key, value: properties[key] });
  }
  const error = event.error;
  if (error !== undefined) {
    attributes.push({ key: "exception.type", value: error.name || "Error" });
    if (error.message) attributes.push({ key: "exception.message", value: error.message });
    attributes.push({ key: "exception.stacktrace", value: formatErrorText(error) });
  }
  const record: {
    timestamp: number;
    severityNumber: number;
    severityText: string;
    body: string;
    attributes: OtlpAttribute[];
    traceId?: string;
    spanId?: string;
  } = {
    timestamp: event.timestamp,
    severityNumber: otlpSeverityNumber(event.level),
    severityText: clefLevelName(event.level),
    body: renderTemplate(event.template, properties),
    attributes,
  };
  if (traceId !== undefined) record.traceId = traceId;
  if (spanId !== undefined) record.spanId = spanId;
  return record;
}

/**
 * Maps a batch to records grouped by instrumentation scope, in order of first
 * appearance; events without a scope property go to `defaultScope`.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { groupOtlpRecords } from "./otlp_record.ts";
 * const e = { timestamp: 0, level: "information" as const, template: parseTemplate("hi"), properties: { SourceContext: "Db" } };
 * groupOtlpRecords([e], "app")[0].scope; // "Db"
 * ```
 */
export function groupOtlpRecords(
  batch: readonly LogEvent[],
  defaultScope: string,
  scopeProperty: string = "SourceContext",
): OtlpScopeLogs[] {
  const groups: OtlpScopeLogs[] = [];
  const byScope = new Map<string, OtlpScopeLogs>();
  for (let i = 0; i < batch.length; i++) {
    const event = batch[i];
    const named = event.properties[scopeProperty];
    const scope = typeof named === "string" ? named : defaultScope;
    let group = byScope.get(scope);
    if (group === undefined) {
      group = { scope, records: [] };
      byScope.set(scope, group);
      groups.push(group);
    }
    group.records.push(toOtlpRecord(event, scopeProperty));
  }
  return groups;
}

/**
 * What an OTLP encoder needs besides a batch's events (its resource, default
 * scope, scope property and observation time).
 *
 * @example
 * ```ts
 * import type { OtlpBatchRequest } from "./otlp_record.ts";
 * const r: OtlpBatchRequest = { resource: [], scopeName: "app", scopeVersion: "", scopeProperty: "SourceContext", observedAt: 0 };
 * ```
 */
export interface OtlpBatchRequest {
  /** The resource's attributes. */
  readonly resource: readonly OtlpAttribute[];
  /** The scope of events without a string `scopeProperty`. */
  readonly scopeName: string;
  /** The scope version ("" for none). */
  readonly scopeVersion: string;
  /** The property that names an event's scope. */
  readonly scopeProperty: string;
  /** When the batch was sent, in epoch ms. */
  readonly observedAt: number;
}

/**
 * The batch's scopes in order of first appearance with the indices of their
 * events, as `groupOtlpRecords` groups them; `undefined` members when every
 * event has the one scope (the usual batch: no index arrays).
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { otlpScopeGroups } from "./otlp_record.ts";
 * const e = (scope?: string) => ({ timestamp: 0, level: "information" as const, template: parseTemplate("hi"), properties: scope === undefined ? {} : { SourceContext: scope } });
 * [...otlpScopeGroups([e(), e()], "app", "SourceContext")]; // [["app", undefined]]
 * [...otlpScopeGroups([e("a"), e(), e("a")], "app", "SourceContext")]; // [["a", [0, 2]], ["app", [1]]]
 * ```
 */
export function otlpScopeGroups(batch: readonly LogEvent[], scopeName: string, scopeProperty: string): Map<string, number[] | undefined> {
  const groups = new Map<string, number[] | undefined>();
  if (batch.length === 0) return groups;
  const scopeOf = (event: LogEvent): string => {
    const named = event.properties[scopeProperty];
    return typeof named === "string" ? named : scopeName;
  };
  const first = scopeOf(batch[0]);
  let i = 1;
  while (i < batch.length && scopeOf(batch[i]) === first) i++;
  if (i === batch.length) return groups.set(first, undefined);
  for (let j = 0; j < batch.length; j++) {
    const scope = scopeOf(batch[j]);
    const members = groups.get(scope);
    if (members === undefined) groups.set(scope, [j]);
    else members.push(j);
  }
  return groups;
}

/**
 * Splits epoch milliseconds into the low and high 32-bit halves of the
 * nanosecond count (exact, without BigInt), for a `fixed64` field.
 * Negative or non-finite times give zero.
 *
 * @example
 * ```ts
 * import { unixNanoParts } from "./otlp_record.ts";
 * unixNanoParts(1); // { lo: 1000000, hi: 0 }
 * ```
 */
export function unixNanoParts(ms: number): { lo: number; hi: number } {
  if (!(ms > 0) || !Number.isFinite(ms)) return { lo: 0, hi: 0 };
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e6);
  const a = Math.floor(whole / 4_294_967_296);
  const b = whole - a * 4_294_967_296;
  const t = b * 1e6 + frac; // < 2^53: exact
  const tHi = Math.floor(t / 4_294_967_296);
  return { lo: t - tHi * 4_294_967_296, hi: a * 1e6 + tHi };
}

/**
 * Epoch milliseconds as a decimal string of nanoseconds (the OTLP JSON form of
 * a `fixed64` time), exact without BigInt. Negative or non-finite times give `"0"`.
 *
 * @example
 * ```ts
 * import { unixNanoString } from "./otlp_record.ts";
 * unixNanoString(1700000000000.5); // "1700000000000500000"
 * ```
 */
export function unixNanoString(ms: number): string {
  if (!(ms > 0) || !Number.isFinite(ms)) return "0";
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e6);
  if (frac >= 1e6) return unixNanoString(whole + 1);
  if (whole === 0) return String(frac);
  return String(whole) + String(frac).padStart(6, "0");
}
