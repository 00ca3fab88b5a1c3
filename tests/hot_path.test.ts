// The fast paths of a log call (see ARCHITECTURE.md, "Rules of the hot path") keep the behaviour of the
// general ones: sizes summed while binding equal estimateEventSize, the
// queuedBytes gauge is exact with or without a memory budget, and latency is
// recorded for every event.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { clefFormatter, type LogEvent, LogContext, LoggerConfiguration, type LogLevel, parseTemplate } from "../mod.ts";
import { captureValue } from "../src/core/capture/capture_value.ts";
import { estimateEventSize } from "../src/core/pipeline/estimate_size.ts";
import { batchEncoderOf, Utf8Writer } from "../src/core/formatting/batch_encoder.ts";
import { jsonNumber, jsonString } from "../src/core/formatting/json_text.ts";
import { controllableSink, hungSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";
import { assertInheritsNothing } from "./_helpers/inherits_nothing.ts";

/** What `write` puts in a fresh Utf8Writer for each value, a space after each, as text. */
function eachWritten<T>(values: readonly T[], write: (w: Utf8Writer, value: T) => void): string {
  const w = new Utf8Writer(new Uint8Array(8));
  for (const v of values) {
    write(w, v);
    w.byte(0x20);
  }
  return new TextDecoder().decode(w.view());
}

/** Lets the pipeline's drain (a microtask chain) reach the sink. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function budgetLogger(memoryLimitBytes: number, sink = hungSink()) {
  const runtime = manualRuntime();
  const log = new LoggerConfiguration({ runtime })
    .withMetrics()
    .writeTo(sink, { queue: { maxSize: 1000, batchSize: 1000, flushIntervalMs: 60_000 }, memoryLimitBytes })
    .createLogger();
  return { log, runtime };
}

describe("log call fast paths", () => {
  it("sizes summed while binding equal estimateEventSize, with extras, collisions, context and logger properties", async () => {
    const sink = controllableSink();
    const { log } = budgetLogger(1 << 30, sink);
    const child = log.forContext({ Tenant: "acme", Count: "shadowed by the call" });
    const calls: (() => void)[] = [
      () => log.information("Plain {Count} {User} {Elapsed}", 1, "alice", 0.25),
      () => log.information("No holes", "extra", 2),
      () => log.information("{__2} then extras", "a", "b", "c", "d"), // __2 is bound, then overwritten by the extra
      () => log.information("{A} {@B} {$C}", { x: [1, 2] }, { y: "z" }, [3]),
      () => child.information("Child {Count}", 7),
      () => LogContext.run({ RequestId: "r-1", A: "shadowed" }, () => log.information("In context {A}", "a")),
      () => log.information("{0} positional {1}", "p", "q"),
      () => log.warning(new Error("boom"), "With error {Code}", 500),
    ];
    // The templates are in the cache, as in steady state: a template the call itself has to
    // parse is charged to its event on top of estimateEventSize (see tests/bounds.test.ts).
    for (const text of ["Plain {Count} {User} {Elapsed}", "No holes", "{__2} then extras", "{A} {@B} {$C}", "Child {Count}", "In context {A}", "{0} positional {1}", "With error {Code}"]) {
      parseTemplate(text);
    }
    const expected: number[] = [];
    for (const call of calls) {
      const before = log.metrics().sinks[0].queuedBytes;
      call();
      expected.push(log.metrics().sinks[0].queuedBytes - before);
    }
    const flushed = log.flush();
    await tick();
    const events: readonly LogEvent[] = sink.pending[0].batch;
    assert.equal(events.length, calls.length);
    events.forEach((event, i) => assert.equal(expected[i], estimateEventSize(event), `call ${i}: ${event.template.text}`));
    assert.equal(events[2].properties.__2, "c");
    for (const p of sink.pending) p.resolve();
    await flushed;
    await log.shutdown({ strategy: "immediate" });
  });

  it("reports queuedBytes without a memory budget as the sum of estimateEventSize over the queue", async () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(hungSink(), { queue: { batchSize: 1000, flushIntervalMs: 60_000 } })
      .createLogger();
    const sink = controllableSink();
    const probe = new LoggerConfiguration({ runtime: manualRuntime() })
      .writeTo(sink, { queue: { batchSize: 1000, flushIntervalMs: 60_000 } })
      .createLogger();
    for (const target of [log, probe]) {
      for (let i = 0; i < 10; i++) target.information("Item {I} of {Name}", i, "x".repeat(i * 10));
    }
    const flushed = probe.flush();
    await tick();
    const sum = sink.pending[0].batch.reduce((total, e) => total + estimateEventSize(e), 0);
    assert.equal(log.metrics().sinks[0].queuedBytes, sum);
    assert.equal(log.metrics().sinks[0].queueDepth, 10);
    await log.shutdown({ strategy: "immediate" });
    for (const p of sink.pending) p.resolve();
    await flushed;
    await probe.shutdown({ strategy: "immediate" });
  });

  it("records a latency for every delivered event, measured from its own millisecond", async () => {
    const sink = controllableSink();
    const { log, runtime } = budgetLogger(0, sink);
    for (let i = 0; i < 40; i++) log.information("A {I}", i); // one clock reading serves at most 16 of these
    runtime.scheduler.advance(5);
    for (let i = 0; i < 10; i++) log.information("B {I}", i); // a later millisecond: a new reading
    const flushed = log.flush();
    await tick();
    runtime.scheduler.advance(20);
    for (const p of sink.pending) p.resolve();
    await flushed;
    const latency = log.metrics().sinks[0].latencyMs;
    assert.equal(latency.count, 50);
    assert.ok(Math.abs(latency.max - 25) <= 25 / 64, `max ${latency.max}`);
    assert.ok(Math.abs(latency.sum - (40 * 25 + 10 * 20)) <= 50 * (25 / 64), `sum ${latency.sum}`);
    await log.shutdown({ strategy: "immediate" });
  });

  it("gives every event a null-prototype properties record that holds __proto__ as data", async () => {
    const sink = controllableSink();
    const { log } = budgetLogger(0, sink);
    log.information("{__proto__} and {constructor}", { polluted: true }, 1);
    const flushed = log.flush();
    await tick();
    const properties = sink.pending[0].batch[0].properties;
    assertInheritsNothing(properties);
    assert.deepEqual(Object.keys(properties), ["__proto__", "constructor"]);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    for (const p of sink.pending) p.resolve();
    await flushed;
    await log.shutdown({ strategy: "immediate" });
  });
});

describe("CLEF batch encoder", () => {
  const decoder = new TextDecoder();
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom("a", "Z", "0", " ", "{", "}", "@", '"', "\\", "\n", "\t", "\u0001", "é", "€", "😀", "\ud800", "\udfff"),
      fc.string({ unit: "binary", maxLength: 1 }),
    ),
    maxLength: 70,
  });
  const value = fc.oneof(
    text,
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, true, false, null),
    fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
    fc.dictionary(fc.oneof(text, fc.constant("@x")), fc.oneof(text, fc.double()), { maxKeys: 3 }),
  );
  const event = fc.record({
    timestamp: fc.oneof(
      fc.integer({ min: -70_000_000_000_000, max: 260_000_000_000_000 }),
      fc.double({ min: -1e15, max: 1e15 }),
      fc.constantFrom(NaN, Infinity, 0, -0.5, Date.UTC(2026, 10, 22, 23, 59, 59, 999)),
    ),
    level: fc.constantFrom<LogLevel>("verbose", "debug", "information", "warning", "error", "fatal"),
    template: fc.oneof(text, fc.constantFrom("User {UserId} from {@Client}", "{0} {1}", "")),
    properties: fc.dictionary(fc.oneof(text, fc.constantFrom("@t", "@mt", "UserId", "__proto__")), value, { maxKeys: 5 }),
    error: fc.option(fc.record({ name: text, message: text, stack: fc.option(text, { nil: undefined }) }), { nil: undefined }),
  }).map((e): LogEvent => {
    const properties = Object.create(null);
    for (const key of Object.keys(e.properties)) properties[key] = captureValue(e.properties[key]);
    const base = { timestamp: e.timestamp, level: e.level, template: parseTemplate(e.template), properties };
    return e.error === undefined ? base : { ...base, error: e.error };
  });

  for (const options of [{}, { renderMessage: true }, { eventId: false }]) {
    it(`writes exactly the UTF-8 of format() for every event (${JSON.stringify(options)})`, () => {
      const formatter = clefFormatter(options);
      const encoder = batchEncoderOf(formatter);
      assert.ok(encoder !== undefined);
      fc.assert(
        fc.property(fc.array(event, { maxLength: 8 }), fc.nat({ max: 300 }), (events, room) => {
          const expected = new TextEncoder().encode(events.map((e) => formatter.format(e)).join(""));
          const bytes = encoder.encode(events, 0, events.length, new Uint8Array(room));
          assert.equal(bytes.length, expected.length);
          assert.equal(decoder.decode(bytes), decoder.decode(expected));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("writes exactly format()'s bytes for runs of events sharing templates and property names", () => {
    // Few templates and name sets, so consecutive events often share a shape (the encoder's fast path)
    // and sometimes differ only in names, order or count, or carry a trace context.
    const templates = ["A {X} {Y}", "B {X}", "C {Y} {X}", "D {Count:000}"].map((t) => parseTemplate(t));
    const names = fc.constantFrom(["X", "Y"], ["Y", "X"], ["X"], ["X", "Y", "Z"], [], ["X", "TraceId"], ["TraceId", "SpanId", "X"], ["@t", "X"], ["Count"]);
    const value = fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 6 }), fc.constantFrom("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, true));
    const event = fc.record({
      template: fc.constantFrom(...templates),
      names,
      values: fc.array(value, { minLength: 3, maxLength: 3 }),
      level: fc.constantFrom<LogLevel>("information", "information", "information", "warning"),
      ms: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_003_000 }),
    }).map((e): LogEvent => {
      const properties = Object.create(null);
      e.names.forEach((name, i) => (properties[name] = e.values[i]));
      return { timestamp: e.ms, level: e.level, template: e.template, properties };
    });
    for (const options of [{}, { eventId: false }]) {
      const formatter = clefFormatter(options);
      const encoder = batchEncoderOf(formatter)!;
      fc.assert(
        fc.property(fc.array(event, { maxLength: 30 }), (events) => {
          const expected = events.map((e) => formatter.format(e)).join("");
          assert.equal(decoder.decode(encoder.encode(events, 0, events.length, new Uint8Array(64))), expected);
        }),
        { numRuns: 500 },
      );
    }
  });

  it("writes every number as jsonNumber does", () => {
    const decimals = fc.tuple(fc.integer({ min: -2_147_483_647, max: 2_147_483_647 }), fc.integer({ min: 0, max: 7 }))
      .map(([m, k]) => m / 10 ** k);
    const number = fc.oneof(
      fc.double(),
      fc.double({ min: -3e9, max: 3e9 }),
      fc.double({ min: -1e-4, max: 1e-4 }),
      decimals,
      fc.integer(),
      fc.maxSafeInteger(),
      fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-6, 1e-7, 2 ** 31, 2 ** 31 - 0.5, 2 ** 53, 2 ** 53 - 1, 0.1 + 0.2, 1e21, 123e-20),
    );
    fc.assert(
      fc.property(fc.array(number, { maxLength: 20 }), (values) => {
        assert.equal(eachWritten(values, (w, v) => w.number(v)), values.map((v) => jsonNumber(v) + " ").join(""));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes every string as jsonString does (escapes, control characters, non-ASCII, lone surrogates, any length)", () => {
    const unit = fc.oneof(
      fc.constantFrom('"', "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\udfff", "\u00e9", "\u{1f389}", "/"),
      fc.string({ unit: "binary", maxLength: 4 }),
      fc.string({ maxLength: 8 }),
    );
    const text = fc.array(unit, { maxLength: 120 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), (values) => {
        assert.equal(eachWritten(values, (w, v) => w.jsonString(v)), values.map((v) => jsonString(v) + " ").join(""));
      }),
      { numRuns: 1000 },
    );
    for (const length of [255, 256, 257, 1000]) {
      const w = new Utf8Writer(new Uint8Array(8));
      const v = 'a"\\\n'.repeat(length).slice(0, length);
      w.jsonString(v);
      assert.equal(decoder.decode(w.view()), JSON.stringify(v));
    }
  });

  it("writes encoded text as jsonString writes the text (jsonUtf8)", () => {
    const utf8 = new TextEncoder();
    const unit = fc.oneof(
      fc.constantFrom('"', "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u2028", "\u00e9", "\u{1f389}", "/"),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: "grapheme", maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }).map((parts) => parts.join("")), fc.nat({ max: 16 }), (text, extra) => {
        const bytes = utf8.encode(text);
        const padded = new Uint8Array(bytes.length + extra);
        padded.set(bytes);
        const w = new Utf8Writer(new Uint8Array(4));
        w.jsonUtf8(padded, bytes.length);
        assert.equal(decoder.decode(w.view()), jsonString(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("encodes a sub-range of a batch", () => {
    const formatter = clefFormatter();
    const events = [0, 1, 2, 3].map((i): LogEvent => ({
      timestamp: Date.UTC(2026, 10, 22, 12, 0, 0, i),
      level: "information",
      template: parseTemplate("N {N}"),
      properties: { N: i },
    }));
    const bytes = batchEncoderOf(formatter)!.encode(events, 1, 3, new Uint8Array(1024));
    assert.equal(new TextDecoder().decode(bytes), formatter.format(events[1]) + formatter.format(events[2]));
  });
});
