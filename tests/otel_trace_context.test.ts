import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as otel from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { LoggerConfiguration, otelTraceContext } from "../mod.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

otel.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = new BasicTracerProvider().getTracer("tests");

function logger() {
  const sink = recordingSink();
  const log = new LoggerConfiguration({ runtime: manualRuntime() })
    .enrich(otelTraceContext(otel))
    .writeTo(sink, { queue: false })
    .createLogger();
  return { log, sink };
}

describe("otelTraceContext with the real OpenTelemetry API and SDK tracer", () => {
  it("adds the active span's TraceId and SpanId, across awaits inside the span", async () => {
    const { log, sink } = logger();
    const ids = await tracer.startActiveSpan("checkout", async (span) => {
      log.information("inside {N}", 1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.information("after an await {N}", 2);
      span.end();
      return span.spanContext();
    });
    log.information("outside {N}", 3);
    const [inside, later, outside] = sink.events.map((e) => e.properties);
    assert.match(ids.traceId, /^[0-9a-f]{32}$/);
    assert.equal(inside.TraceId, ids.traceId);
    assert.equal(inside.SpanId, ids.spanId);
    assert.equal(later.TraceId, ids.traceId);
    assert.equal(outside.TraceId, undefined);
    assert.equal(outside.SpanId, undefined);
  });

  it("nested spans give the inner span's id; an invalid span context adds nothing", () => {
    const { log, sink } = logger();
    tracer.startActiveSpan("outer", (outer) => {
      tracer.startActiveSpan("inner", (inner) => {
        log.information("inner");
        assert.equal(sink.events[0].properties.SpanId, inner.spanContext().spanId);
        assert.equal(sink.events[0].properties.TraceId, outer.spanContext().traceId);
        inner.end();
      });
      outer.end();
    });
    otel.context.with(otel.trace.setSpanContext(otel.context.active(), otel.INVALID_SPAN_CONTEXT), () => log.information("invalid"));
    assert.equal(sink.events[1].properties.TraceId, undefined);
  });

  it("keeps a TraceId the event already has", () => {
    const { log, sink } = logger();
    tracer.startActiveSpan("op", (span) => {
      log.information("{TraceId}", "from-the-caller");
      span.end();
    });
    assert.equal(sink.events[0].properties.TraceId, "from-the-caller");
  });

  it("anything but the API module is a TypeError at configuration", () => {
    assert.throws(() => otelTraceContext({} as never), TypeError);
    assert.throws(() => otelTraceContext(undefined as never), /opentelemetry\/api/);
  });
});
