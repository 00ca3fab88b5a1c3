import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, type ShutdownHook, type ShutdownReport } from "../mod.ts";
import { controllableSink, failingSink, hungSink, recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

const QUIET = { batchSize: 1000, flushIntervalMs: 60_000 };

describe("shutdown", () => {
  it("immediate drops what is queued and counts it", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink, { queue: QUIET }).createLogger();
    for (let i = 0; i < 5; i++) log.information("{N}", i);
    const report = await log.shutdown({ strategy: "immediate" });
    assert.equal(report.dropped, 5);
    assert.equal(report.flushed, 0);
    assert.equal(report.timedOut, false);
    assert.equal(sink.events.length, 0);
    assert.equal(log.metrics().sinks[0].dropped.afterShutdown, 5);
  });

  it("flush delivers everything", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { ...QUIET, batchSize: 3 } }).createLogger();
    for (let i = 0; i < 10; i++) log.information("{N}", i);
    const report = await log.shutdown({ strategy: "flush" });
    assert.deepEqual(report, { flushed: 10, dropped: 0, failed: 0, timedOut: false, durationMs: 0 });
    assert.deepEqual(sink.events.map((e) => e.properties.N), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("reports as flushed only what a sink or its fallback actually wrote", async () => {
    const runtime = manualRuntime();
    const lost = failingSink(100, { name: "lost" });
    const saved = failingSink(100, { name: "saved" });
    const fallback = recordingSink("fallback");
    const log = new LoggerConfiguration({ runtime })
      .writeTo(lost, { queue: { ...QUIET, batchSize: 2 } })
      .writeTo(saved, { queue: { ...QUIET, batchSize: 2 }, fallback })
      .createLogger();
    for (let i = 0; i < 4; i++) log.information("{N}", i);
    const report = await log.shutdown({ strategy: "flush" });
    assert.equal(report.flushed, 4, "4 written by the fallback; the 4 the other sink failed are not flushed");
    assert.equal(report.dropped, 0);
    assert.equal(log.metrics().sinks[0].failed, 4, "the lost ones are counted as failed");
  });

  it("graceful with a hung sink gives up at the timeout, counting what was dropped", async () => {
    const runtime = manualRuntime();
    const hung = hungSink();
    const healthy = recordingSink("healthy");
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(hung, { queue: { batchSize: 2, flushIntervalMs: 60_000 } })
      .writeTo(healthy, { queue: QUIET })
      .createLogger();
    for (let i = 0; i < 6; i++) log.information("{N}", i);
    const box: { report?: ShutdownReport } = {};
    const current = (): ShutdownReport | undefined => box.report;
    log.shutdown({ strategy: "graceful", timeoutMs: 1_000 }).then((r) => (box.report = r));
    await runtime.scheduler.advanceAsync(999);
    assert.ok(current() === undefined, "still waiting before the timeout");
    assert.equal(healthy.events.length, 6, "the healthy sink was drained meanwhile");
    await runtime.scheduler.advanceAsync(1);
    assert.equal(current()?.timedOut, true);
    assert.equal(current()?.durationMs, 1_000);
    assert.equal(current()?.dropped, 4, "the hung sink's 4 queued events");
    assert.equal(current()?.failed, 2, "the 2 of its stuck batch, given up at the deadline");
    assert.equal(current()?.flushed, 6, "the healthy sink's 6");
    assert.equal(log.metrics().sinks[0].dropped.afterShutdown, 4);
    assert.equal(log.metrics().sinks[0].failed, 2, "the report adds up with the metrics");
    await runtime.scheduler.advanceAsync(60_000);
    assert.equal(log.metrics().sinks[0].failed, 2, "the abandoned write timing out later counts nothing more");
  });

  it("runs handlers concurrently under the same timeout", async () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime }).writeTo(recordingSink()).createLogger();
    const started: string[] = [];
    let finished = false;
    log.onShutdown(async () => {
      started.push("a");
      await new Promise<void>((resolve) => runtime.scheduler.setTimeout(resolve, 300));
      finished = true;
    });
    log.onShutdown(() => {
      started.push("b");
      return new Promise<void>(() => {});
    });
    const unregistered = log.onShutdown(() => {
      started.push("never");
    });
    unregistered();
    const box: { report?: ShutdownReport } = {};
    const current = (): ShutdownReport | undefined => box.report;
    log.shutdown({ timeoutMs: 500 }).then((r) => (box.report = r));
    await runtime.scheduler.advanceAsync(0);
    assert.deepEqual(started, ["a", "b"], "both started before either finished");
    await runtime.scheduler.advanceAsync(300);
    assert.equal(finished, true);
    assert.ok(current() === undefined);
    await runtime.scheduler.advanceAsync(200);
    assert.equal(current()?.timedOut, true, "the hung handler is cut off at the timeout");
  });

  it("is idempotent: concurrent and repeated calls share one report", async () => {
    const runtime = manualRuntime();
    let closes = 0;
    const sink = { ...recordingSink(), close: async () => void closes++ };
    const log = new LoggerConfiguration({ runtime }).writeTo(sink).createLogger();
    log.information("x");
    const a = log.shutdown();
    const b = log.shutdown({ strategy: "immediate" });
    assert.equal(a, b);
    const first = await a;
    assert.equal(await log.shutdown(), first);
    assert.equal(closes, 1);
    assert.equal(first.flushed, 1);
  });

  it("after shutdown, log calls are counted no-ops", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink).createLogger();
    await log.shutdown();
    assert.doesNotThrow(() => {
      log.information("late {N}", 1);
      log.forContext("A", 1).error(new Error("late"), "late");
    });
    assert.equal(sink.events.length, 0);
    assert.equal(log.metrics().sinks[0].dropped.afterShutdown, 2);
    assert.equal(log.isEnabled("fatal"), false);
  });

  it("counts refused calls only on the sinks whose level they reach", async () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(recordingSink("all"))
      .writeTo(recordingSink("errors"), { minimumLevel: "error" })
      .createLogger();
    await log.shutdown();
    log.information("late");
    log.error("late");
    const [all, errors] = log.metrics().sinks;
    assert.equal(all.dropped.afterShutdown, 2);
    assert.equal(errors.dropped.afterShutdown, 1);
  });

  it("immediate: a batch being written finishes before the sink is closed", async () => {
    const runtime = manualRuntime();
    const events: string[] = [];
    const sink = {
      ...controllableSink("writing"),
      close: async () => void events.push("close"),
    };
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 2, flushIntervalMs: 10 } }).createLogger();
    for (let i = 0; i < 3; i++) log.information("{N}", i);
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.pending.length, 1, "a batch of 2 is being written, 1 event is queued");
    const done = log.shutdown({ strategy: "immediate" });
    await runtime.scheduler.advanceAsync(100);
    assert.equal(events.length, 0, "not closed under the write");
    events.push("written");
    sink.pending[0].resolve();
    const report = await done;
    assert.deepEqual(events, ["written", "close"]);
    assert.equal(report.flushed, 2);
    assert.equal(report.dropped, 1);
  });

  it("Symbol.asyncDispose shuts down", async () => {
    const runtime = manualRuntime();
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: QUIET }).createLogger();
    log.information("x");
    const disposed = log[Symbol.asyncDispose]();
    await runtime.scheduler.advanceAsync(0);
    sink.pending[0].resolve();
    await disposed;
    assert.equal(sink.delivered.length, 1);
    assert.equal((await log.shutdown()).flushed, 1);
  });

  it("flushSync writes what is queued with emitSync (last chance on exit)", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const config = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: QUIET });
    const log = config.createLogger();
    for (let i = 0; i < 3; i++) log.information("{N}", i);
    // The adapter calls the synchronous hook on process exit; simulate through the runtime.
    const hooks: ShutdownHook[] = [];
    const withHooks = { ...runtime, onShutdown: (h: ShutdownHook) => (hooks.push(h), () => {}) };
    const sink2 = recordingSink("exit");
    const log2 = new LoggerConfiguration({ runtime: withHooks }).withShutdown({ handleSignals: true }).writeTo(sink2, { queue: QUIET }).createLogger();
    for (let i = 0; i < 3; i++) log2.information("{N}", i);
    assert.equal(hooks.length, 1);
    hooks[0]({ reason: "exit", synchronous: true });
    assert.deepEqual(sink2.events.map((e) => e.properties.N), [0, 1, 2], "written synchronously, in order");
    await log.shutdown();
  });
});
