/**
 * Trace context from OpenTelemetry, without depending on it: the application
 * passes in the `@opentelemetry/api` module it already uses.
 *
 * @module
 */
import type { Enricher } from "../logger/logger_core.ts";

/**
 * A span context as `@opentelemetry/api` describes it (the part read here).
 *
 * @example
 * ```ts
 * import type { OtelSpanContext } from "@logging/core";
 * const sc: OtelSpanContext = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: 1 };
 * ```
 */
export interface OtelSpanContext {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  /** W3C trace flags (bit 0: sampled). */
  readonly traceFlags: number;
}

/**
 * The part of the `@opentelemetry/api` module that {@link otelTraceContext}
 * uses: pass the module itself (`import * as otel from "@opentelemetry/api"`).
 *
 * @example
 * ```ts
 * import type { OtelApi } from "@logging/core";
 * const fake: OtelApi = { context: { active: () => ({}) }, trace: { getSpan: () => undefined } };
 * ```
 */
export interface OtelApi {
  /** `api.context`: the active context. */
  readonly context: { active(): unknown };
  /** `api.trace`: the span of a context, and whether a span context is valid. */
  readonly trace: {
    getSpan(context: never): { spanContext(): OtelSpanContext } | undefined;
    isSpanContextValid?(spanContext: OtelSpanContext): boolean;
  };
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/**
 * An enricher that adds `TraceId` and `SpanId` from the active OpenTelemetry
 * span, when there is a valid one and the event has none yet. CLEF writes them
 * as `@tr`/`@sp`, OTLP as `traceId`/`spanId`. Throws a `TypeError` when `api`
 * is not the OpenTelemetry API module.
 *
 * @example
 * ```ts
 * import * as otel from "@opentelemetry/api";
 * import { LoggerConfiguration, consoleSink, otelTraceContext } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .enrich(otelTraceContext(otel))
 *   .writeTo(consoleSink())
 *   .createLogger();
 * ```
 */
export function otelTraceContext(api: OtelApi): Enricher {
  if (
    api === null || typeof api !== "object" || typeof api.context?.active !== "function" ||
    typeof api.trace?.getSpan !== "function"
  ) {
    throw new TypeError("otelTraceContext takes the @opentelemetry/api module (with context.active and trace.getSpan)");
  }
  const { context, trace } = api;
  const getSpan = trace.getSpan as (context: unknown) => { spanContext(): OtelSpanContext } | undefined;
  return (event) => {
    const properties = event.properties;
    if ("TraceId" in properties) return;
    const span = getSpan.call(trace, context.active());
    if (span === undefined) return;
    const sc = span.spanContext();
    if (!isValid(trace, sc)) return;
    properties.TraceId = sc.traceId;
    properties.SpanId = sc.spanId;
  };
}

function isValid(trace: OtelApi["trace"], sc: OtelSpanContext | undefined): sc is OtelSpanContext {
  if (sc === undefined || sc === null) return false;
  if (typeof trace.isSpanContextValid === "function") return trace.isSpanContextValid(sc);
  return TRACE_ID.test(sc.traceId) && SPAN_ID.test(sc.spanId) && sc.traceId !== ZERO_TRACE && sc.spanId !== ZERO_SPAN;
}
