// Bounds for hostile inputs: capped property walks, cut templates, the
// character budget, sizes that count what an event keeps, isEnabled, and
// AggregateError in @x. (Times are a benchmark figure: bench/ `bounds`.)
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LogContext, LoggerConfiguration, type LogEvent, parseTemplate } from "../mod.ts";
import { captureError } from "../src/core/capture/capture_error.ts";
import { captureValue } from "../src/core/capture/capture_value.ts";
import { TRUNCATED_KEY } from "../src/core/capture/capture_limits.ts";
import { estimateEventSize, estimateTemplateSize } from "../src/core/pipeline/estimate_size.ts";
import { formatErrorText } from "../src/core/formatting/error_text.ts";
import { MAX_TEMPLATE_LENGTH } from "../src/core/logger/call_shape.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

function setup(configure?: (c: LoggerConfiguration) => LoggerConfiguration) {
  const sink = recordingSink();
  let config = new LoggerConfiguration({ runtime: manualRuntime() }).minimumLevel("verbose");
  if (configure) config = configure(config);
  const log = config.writeTo(sink, { queue: false }).createLogger();
  return { log, sink };
}

function wide(keys: number, prefix = "k"): Record<string, number> {
  const o: Record<string, number> = {};
  for (let i = 0; i < keys; i++) o[prefix + i] = i;
  return o;
}

/** An object that counts how many of its own keys were read (a Proxy over `wide`; probes such as `toJSON` are not counted). */
function counting(keys: number): { object: object; reads: () => number } {
  let reads = 0;
  const object = new Proxy(wide(keys), {
    get(target, key, receiver) {
      if (typeof key === "string" && Object.hasOwn(target, key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { object, reads: () => reads };
}

function keysOf(properties: object): string[] {
  const out: string[] = [];
  for (const key in properties) out.push(key);
  return out;
}

describe("top-level property caps", () => {
  it("a properties object keeps 1,000 keys and says how many were left out", () => {
    const { log, sink } = setup();
    log.information(wide(2_500), "Wide {I}", 1);
    const p = sink.events[0].properties;
    assert.equal(keysOf(p).length, 1 + 1_000 + 1 - 1, "I, 999 of the object (1,000 in all), and the marker");
    assert.equal(p.I, 1);
    assert.equal(p.k0, 0);
    assert.equal(p.k998, 998);
    assert.equal(p.k999, undefined);
    assert.equal(p[TRUNCATED_KEY], "[+1501 more]");
  });

  it("past 10,000 left-out keys the marker says 'at least'", () => {
    const { log, sink } = setup();
    log.information(wide(20_000));
    assert.equal(sink.events[0].properties[TRUNCATED_KEY], "[+10000+ more]");
  });

  it("reads no value past the cap (a Proxy counts the reads)", () => {
    const { log } = setup();
    const { object, reads } = counting(50_000);
    log.information(object, "Wide");
    assert.equal(reads(), 1_000);
  });

  it("forContext keeps 1,000 properties in all, parent's included", () => {
    const { log, sink } = setup();
    const child = log.forContext(wide(600, "a")).forContext(wide(600, "b"));
    child.information("Hi");
    const p = sink.events[0].properties;
    assert.equal(keysOf(p).filter((k) => k !== TRUNCATED_KEY).length, 1_000);
    assert.equal(p.a599, 599);
    assert.equal(p.b399, 399);
    assert.equal(p.b400, undefined);
    assert.equal(p[TRUNCATED_KEY], "[+200 more]");
  });

  it("chained forContext(name, value) calls stay within 1,000 properties; long names are cut", () => {
    const { log, sink } = setup();
    let child = log;
    for (let i = 0; i < 1_005; i++) child = child.forContext("p" + i, i);
    child.forContext("n".repeat(20_000), 1).information("Deep");
    const p = sink.events[0].properties;
    assert.equal(keysOf(p).filter((k) => k !== TRUNCATED_KEY).length, 1_000);
    assert.equal(p.p999, 999);
    assert.equal(p.p1000, undefined);
    assert.equal(p[TRUNCATED_KEY], "[+1 more]");
    const cut = log.forContext("n".repeat(20_000), 1);
    cut.information("Cut");
    assert.ok(keysOf(sink.events[1].properties).includes("n".repeat(16_384) + "…[+3616 chars]"));
  });

  it("LogContext.run keeps 64 properties and reads no value past them", () => {
    const { log, sink } = setup();
    const { object, reads } = counting(5_000);
    LogContext.run(object as Record<string, unknown>, () => log.information("In context"));
    const p = sink.events[0].properties;
    assert.equal(reads(), 64);
    assert.equal(keysOf(p).filter((k) => k !== TRUNCATED_KEY).length, 64);
    assert.equal(p[TRUNCATED_KEY], "[+4936 more]");
  });

  it("enrich with an object keeps 1,000 properties", () => {
    const { log, sink } = setup((c) => c.enrich(wide(1_200)));
    log.information("Enriched");
    const p = sink.events[0].properties;
    assert.equal(keysOf(p).filter((k) => k !== TRUNCATED_KEY).length, 1_000);
    assert.equal(p[TRUNCATED_KEY], "[+200 more]");
  });

  it("{@X} reads no more keys than it keeps", () => {
    const { object, reads } = counting(100_000);
    const captured = captureValue(object, "destructure") as Record<string, unknown>;
    assert.equal(reads(), 1_000);
    assert.equal(captured[TRUNCATED_KEY], "[+10000+ more]");
  });

  it("one properties object shares one budget of 10,000 values", () => {
    const { log, sink } = setup();
    const source: Record<string, number[]> = {};
    for (let i = 0; i < 50; i++) source["list" + i] = Array.from({ length: 1_000 }, (_, k) => k);
    log.information(source);
    const p = sink.events[0].properties;
    let values = 0;
    for (const key in p) if (Array.isArray(p[key])) values += (p[key] as unknown[]).length;
    assert.ok(values <= 10_000 + 2 * 50, `${values} values kept`);
    assert.ok(values >= 9_000, `${values} values kept`);
  });
});

describe("strings and templates", () => {
  it("one capture keeps at most 262,144 string characters", () => {
    const list = Array.from({ length: 40 }, (_, i) => String.fromCharCode(65 + (i % 26)).repeat(20_000));
    const captured = captureValue(list) as string[];
    const kept = captured.reduce((n, s) => n + s.replace(/…\[\+\d+ chars\]$/, "").length, 0);
    assert.equal(kept, 262_144);
    assert.equal(captured[0], "A".repeat(16_384) + "…[+3616 chars]");
    assert.equal(captured[39], "…[+20000 chars]");
  });

  it("an error's message and stack count toward it too", () => {
    const inner = Array.from({ length: 40 }, () => Object.assign(new Error("m".repeat(20_000)), { stack: "s".repeat(20_000) }));
    const info = captureError(new AggregateError(inner, "many"));
    const errors = (info.properties as { errors: { message: string; stack: string }[] }).errors;
    const kept = errors.reduce((n, e) => n + e.message.replace(/…\[\+\d+ chars\]$/, "").length + e.stack.replace(/…\[\+\d+ chars\]$/, "").length, 0);
    assert.ok(kept <= 262_144, `${kept} characters`);
  });

  it("a template longer than 16,384 characters is cut like a string", () => {
    const { log, sink } = setup();
    const text = "Item {I} " + "x".repeat(30_000);
    log.information(text, 7);
    const event = sink.events[0];
    assert.equal(MAX_TEMPLATE_LENGTH, 16_384);
    assert.equal(event.template.text, text.slice(0, 16_384) + "…[+" + (text.length - 16_384) + " chars]");
    assert.equal(event.properties.I, 7);
  });

  it("a template too long for the cache counts in the event's size; a cached one does not", () => {
    const short = parseTemplate("Hi {Name}");
    assert.equal(estimateTemplateSize(short), 0);
    const long = parseTemplate("{A} " + "y".repeat(10_000));
    const size = estimateTemplateSize(long);
    assert.ok(size >= 2 * 10_000 && size <= 2 * 10_000 + 1_500, `${size}`);
    const event: LogEvent = { timestamp: 0, level: "information", template: long, properties: { A: 1 } };
    const base: LogEvent = { ...event, template: short };
    assert.equal(estimateEventSize(event) - estimateEventSize(base), size);
  });

  it("the size counted at call time includes a long template", () => {
    const sizes: number[] = [];
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime })
      .writeTo({ emit: () => {} }, { memoryLimitBytes: 1 << 30, queue: { flushIntervalMs: 60_000 } })
      .withMetrics().createLogger();
    log.information("Short {A}", 1);
    sizes.push(log.metrics().sinks[0].queuedBytes);
    log.information("Long {A} " + "z".repeat(8_000), 1);
    sizes.push(log.metrics().sinks[0].queuedBytes - sizes[0]);
    assert.ok(sizes[1] - sizes[0] >= 16_000, JSON.stringify(sizes));
  });

  it("a template built from data (parsed by its own call) counts in its event's size; a repeated one once", () => {
    const queued = (template: (i: number) => string) => {
      const log = new LoggerConfiguration({ runtime: manualRuntime() })
        .writeTo({ emit: () => {} }, { memoryLimitBytes: 1 << 30, queue: { flushIntervalMs: 60_000 } })
        .withMetrics().createLogger();
      for (let i = 0; i < 100; i++) log.information(template(i), "10.0.0.1", i);
      return log.metrics().sinks[0].queuedBytes;
    };
    const stamp = Date.now();
    const repeated = queued(() => `Repeated ${stamp} from {Ip} after {Ms} ms`);
    const distinct = queued((i) => `Distinct ${stamp} ${i} from {Ip} after {Ms} ms`);
    const perTemplate = estimateTemplateSize(parseTemplate(`Distinct ${stamp} 0 from {Ip} after {Ms} ms`), true);
    assert.ok(perTemplate > 1_000, `${perTemplate}`);
    // Each distinct template is charged to its event; the repeated one to its first event only
    // (its text is 2 bytes a character shorter, hence the slack).
    assert.ok(Math.abs(distinct - repeated - 99 * perTemplate) <= 100 * 8, JSON.stringify({ distinct, repeated, perTemplate }));
  });

  it("error properties (AggregateError's errors) count in the event's size", () => {
    const plain: LogEvent = { timestamp: 0, level: "error", template: parseTemplate("x"), properties: {}, error: captureError(new Error("e")) };
    const inner = Array.from({ length: 10 }, (_, i) => new Error("inner " + "q".repeat(1_000) + i));
    const aggregate: LogEvent = { ...plain, error: captureError(new AggregateError(inner, "e")) };
    assert.ok(estimateEventSize(aggregate) - estimateEventSize(plain) >= 10 * 2_000);
  });
});

describe("isEnabled and errors", () => {
  it("isEnabled never throws and is false for anything that is not a level", () => {
    const { log } = setup((c) => c.minimumLevel("debug"));
    const hostile: unknown[] = [
      undefined, null, 42, {}, [], Symbol("x"), 10n, "x".repeat(1_000_000), "nope",
      { toString() { throw new Error("no"); } },
      new Proxy({}, { get() { throw new Error("trap"); } }),
    ];
    for (const value of hostile) assert.equal(log.isEnabled(value as "debug"), false);
    assert.equal(log.isEnabled("debug"), true);
    assert.equal(log.isEnabled(" WARN " as "warning"), true);
    assert.equal(log.isEnabled("verbose"), false);
  });

  it("@x includes an AggregateError's inner errors, indented, with their causes", () => {
    const info = captureError(new AggregateError([new TypeError("a"), new RangeError("b", { cause: new Error("c") }), "plain"], "all failed"));
    const strip = (e: { stack?: string }) => (e.stack = undefined);
    strip(info as { stack?: string });
    const errors = (info.properties as { errors: { stack?: string; cause?: { stack?: string } }[] }).errors;
    strip(errors[0]);
    strip(errors[1]);
    strip(errors[1].cause as { stack?: string });
    assert.equal(
      formatErrorText(info),
      "AggregateError: all failed\n" +
        "Inner error 1 of 3: TypeError: a\n" +
        "Inner error 2 of 3: RangeError: b\n" +
        "  Caused by: Error: c\n" +
        "Inner error 3 of 3: plain",
    );
  });

  it("@x writes at most 16 inner errors and counts the rest", () => {
    const info = captureError(new AggregateError(Array.from({ length: 20 }, (_, i) => ({ name: "E", message: "m" + i })), "many"));
    const text = formatErrorText(info);
    assert.ok(text.includes("Inner error 16 of 20: "));
    assert.ok(!text.includes("Inner error 17 of 20"));
    assert.ok(text.endsWith("\nInner errors: 4 more"), text.slice(-60));
  });
});
