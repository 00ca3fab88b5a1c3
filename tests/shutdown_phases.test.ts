/**
 * The timing logic of shutdown phases, the shutdown report, partial writes and
 * the loss report, on a virtual clock. (What processes, signals and files do
 * is in zero_loss_lifecycle.test.ts, in real child processes.)
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, type LogEvent, SelfLog, type Sink } from "../mod.ts";
import { failingSink, recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

const QUIET = { maxSize: 100_000, batchSize: 100_000, flushIntervalMs: 60_000 };

function lossLines(written: readonly string[]): string[] {
  return written.filter((line) => line.startsWith("@logging/core:")).map((line) => line.trimEnd());
}

describe("shutdown phases", () => {
  it("handlers run first, while their own events are still accepted and written; later calls are refused", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink, { queue: QUIET }).createLogger();
    log.information("before {N}", 1);
    log.onShutdown(async () => {
      log.information("from the handler {N}", 2);
      await new Promise<void>((resolve) => runtime.scheduler.setTimeout(resolve, 100));
      log.information("still accepted {N}", 3);
    });
    const shutdown = log.shutdown({ timeoutMs: 1_000 });
    await runtime.scheduler.advanceAsync(100);
    const report = await shutdown;
    log.information("after {N}", 4);
    assert.deepEqual(sink.events.map((e) => e.properties.N), [1, 2, 3]);
    assert.equal(report.flushed, 3);
    assert.equal(log.metrics().sinks[0].dropped.afterShutdown, 1);
  });

  it("a handler that never ends uses up the budget: a quick sink still gets what is queued, a slow one gives up", async () => {
    const runtime = manualRuntime();
    const quick = recordingSink("quick");
    const slow: Sink = { name: "slow", emit: () => new Promise<void>(() => {}) };
    const log = new LoggerConfiguration({ runtime })
      .writeTo(quick, { queue: QUIET })
      .writeTo(slow, { queue: QUIET })
      .createLogger();
    log.onShutdown(() => new Promise<void>(() => {}));
    for (let i = 0; i < 5; i++) log.information("{N}", i);
    const shutdown = log.shutdown({ timeoutMs: 500 });
    await runtime.scheduler.advanceAsync(500);
    const report = await shutdown;
    assert.equal(report.timedOut, true);
    assert.equal(report.durationMs, 500);
    assert.equal(quick.events.length, 5);
    assert.deepEqual({ flushed: report.flushed, dropped: report.dropped, failed: report.failed }, { flushed: 5, dropped: 0, failed: 5 });
  });

  it("the report counts events the open breaker dropped", async () => {
    const runtime = manualRuntime();
    const sink = failingSink(Number.POSITIVE_INFINITY);
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, { queue: { ...QUIET, batchSize: 100 }, circuitBreaker: { failureThreshold: 1, resetTimeoutMs: 60_000 } })
      .createLogger();
    for (let i = 0; i < 10_100; i++) log.information("{N}", i);
    const report = await log.shutdown({ strategy: "flush" });
    const metrics = log.metrics().sinks[0];
    assert.equal(metrics.failed, 100, "the first batch failed and opened the breaker");
    assert.equal(metrics.dropped.breakerOpen, 10_000);
    assert.deepEqual(report, { flushed: 0, dropped: 10_000, failed: 100, timedOut: false, durationMs: 0 });
  });
});

describe("a batch written in part", () => {
  it("counts the written events as emitted and sends only the rest to the fallback", async () => {
    const runtime = manualRuntime();
    const fallback = recordingSink("fallback");
    const partial: Sink = {
      name: "partial",
      emit(batch: readonly LogEvent[]) {
        throw Object.assign(new Error("ENOSPC"), { eventsWritten: 3, batchSize: batch.length });
      },
    };
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(partial, { queue: QUIET, fallback }).createLogger();
    for (let i = 0; i < 5; i++) log.information("{N}", i);
    await log.flush();
    const metrics = log.metrics().sinks[0];
    assert.equal(metrics.emitted, 3);
    assert.equal(metrics.failed, 2);
    assert.equal(metrics.fallback, 2);
    assert.deepEqual(fallback.events.map((e) => e.properties.N), [3, 4]);
  });
});

describe("a batch given up by a shutdown", () => {
  it("counts what the sink wrote of it as written and the rest as failed, once", async () => {
    const runtime = manualRuntime();
    const partial: Sink = {
      name: "partial",
      emit() {
        throw Object.assign(new Error("ENOSPC"), { eventsWritten: 3 });
      },
    };
    const hungFallback: Sink = { name: "hung", emit: () => new Promise<void>(() => {}) };
    const log = new LoggerConfiguration({ runtime }).withMetrics()
      .writeTo(partial, { queue: QUIET, fallback: hungFallback })
      .createLogger();
    for (let i = 0; i < 5; i++) log.information("{N}", i);
    const shutdown = log.shutdown({ timeoutMs: 200 });
    await runtime.scheduler.advanceAsync(200);
    const report = await shutdown;
    const metrics = log.metrics().sinks[0];
    assert.deepEqual({ flushed: report.flushed, failed: report.failed, dropped: report.dropped }, { flushed: 3, failed: 2, dropped: 0 });
    assert.deepEqual({ emitted: metrics.emitted, failed: metrics.failed, fallback: metrics.fallback }, { emitted: 3, failed: 2, fallback: 0 });
  });
});

describe("the loss report", () => {
  it("writes the first loss at once, then at most one line a minute per sink, and the rest at shutdown", async () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(recordingSink("small"), { queue: { maxSize: 2, batchSize: 100, flushIntervalMs: 600_000, overflow: "drop-newest" } })
      .createLogger();
    const line = (text: string) => `@logging/core: sink "small" ${text}; enable SelfLog or metrics for details`;
    for (let i = 0; i < 5; i++) log.information("{N}", i);
    assert.deepEqual(lossLines(runtime.written), [line("dropped 1 event (queueFull: the queue was full)")]);
    await runtime.scheduler.advanceAsync(30_000);
    log.information("{N}", 5);
    assert.equal(lossLines(runtime.written).length, 1, "within the minute: counted, not written");
    await runtime.scheduler.advanceAsync(30_000);
    assert.deepEqual(lossLines(runtime.written).slice(1), [line("dropped 3 events (queueFull: the queue was full)")]);
    log.information("{N}", 6);
    await log.shutdown({ strategy: "immediate" });
    assert.deepEqual(lossLines(runtime.written).slice(2), [
      line("dropped 1 event (queueFull: the queue was full)"),
      line("dropped 2 events (afterShutdown: logged after shutdown, or left when it ran out of time)"),
    ], "the rest at the end of the shutdown");
  });

  it("names the cause of a failed write", async () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime }).writeTo(failingSink(1, { name: "flaky" }), { queue: QUIET }).createLogger();
    log.information("a");
    await log.flush();
    assert.deepEqual(lossLines(runtime.written), [
      '@logging/core: sink "flaky" failed to write 1 event (Error: write failed (attempt 1)); enable SelfLog or metrics for details',
    ]);
  });

  it("goes to SelfLog instead when it is enabled (drops only: failures reach it with their errors)", async () => {
    const runtime = manualRuntime();
    const messages: string[] = [];
    SelfLog.enable((m) => messages.push(m));
    try {
      const log = new LoggerConfiguration({ runtime })
        .writeTo(recordingSink("small"), { queue: { maxSize: 1, batchSize: 100, flushIntervalMs: 600_000, overflow: "drop-newest" } })
        .writeTo(failingSink(1, { name: "failing" }), { queue: QUIET })
        .createLogger();
      log.information("a");
      log.information("b");
      await log.flush();
      assert.deepEqual(lossLines(runtime.written), []);
      assert.equal(messages.filter((m) => m.endsWith('Sink "small" dropped 1 event (queueFull: the queue was full)')).length, 1);
      assert.equal(messages.filter((m) => m.includes('Sink "failing" failed to write')).length, 1);
    } finally {
      SelfLog.disable();
    }
  });
});
