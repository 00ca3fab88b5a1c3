import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type LogEvent, LoggerConfiguration, type Scheduler, type Sink } from "../mod.ts";
import { controllableSink, recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

/** A sink that reports bytes like a file sink: one byte per character of the template. */
function byteCountingSink(): Sink & { bytesWritten: number } {
  const sink = {
    name: "bytes",
    bytesWritten: 0,
    emit(batch: readonly LogEvent[]) {
      for (const e of batch) sink.bytesWritten += e.template.text.length;
    },
  };
  return sink;
}

describe("metrics through the pipeline", () => {
  it("counts events, batches and bytes, and measures enqueue → written latency", async () => {
    const runtime = manualRuntime();
    const clock = runtime.scheduler;
    const sink = controllableSink("slow");
    const bytes = byteCountingSink();
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, { queue: { batchSize: 4, flushIntervalMs: 1_000 } })
      .writeTo(bytes, { queue: { batchSize: 4, flushIntervalMs: 1_000 } })
      .createLogger();
    for (let i = 0; i < 4; i++) log.information("abcd");
    await clock.advanceAsync(10);
    sink.pending[0].resolve(); // written 10 ms after enqueue
    await clock.advanceAsync(0);
    for (let i = 0; i < 4; i++) log.information("abcd");
    await clock.advanceAsync(30);
    sink.pending[1].resolve(); // written 30 ms after enqueue
    await clock.advanceAsync(0);

    const [slow, counted] = log.metrics().sinks;
    assert.equal(slow.sink, "slow");
    assert.equal(slow.received, 8);
    assert.equal(slow.emitted, 8);
    assert.equal(slow.batches, 2);
    assert.equal(slow.latencyMs.count, 8);
    assert.ok(Math.abs(slow.latencyMs.p50 - 10) <= 0.2, `p50 ${slow.latencyMs.p50}`);
    assert.ok(Math.abs(slow.latencyMs.p99 - 30) <= 0.5, `p99 ${slow.latencyMs.p99}`);
    assert.equal(slow.latencyMs.max, 30);
    assert.equal(counted.bytesWritten, 32, "taken from the sink's own bytesWritten");
    assert.equal(counted.latencyMs.max, 0, "a synchronous sink writes at the enqueue instant of the drain");

    const totals = log.metrics().totals;
    assert.equal(totals.received, 16);
    assert.equal(totals.emitted, 16);
    const text = log.metrics().toPrometheus();
    assert.match(text, /^logging_events_emitted_total\{sink="slow"\} 8$/m);
    assert.match(text, /^logging_bytes_written_total\{sink="bytes"\} 32$/m);
    assert.deepEqual(JSON.parse(JSON.stringify(log.metrics())).sinks[0].received, 8);
  });

  it("with metrics off: counters stay zero, drops and gauges are still reported", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(sink, { queue: { maxSize: 2, batchSize: 100, flushIntervalMs: 1_000, overflow: "drop-newest" } })
      .createLogger();
    for (let i = 0; i < 5; i++) log.information("x");
    const snapshot = log.metrics();
    assert.equal(snapshot.enabled, false);
    assert.equal(snapshot.sinks[0].received, 0);
    assert.equal(snapshot.sinks[0].queueDepth, 2);
    assert.equal(snapshot.sinks[0].dropped.queueFull, 3);
    await log.flush();
    assert.equal(sink.events.length, 2);
  });

  it("events a sink discards under its own limits are counted as dropped (sinkLimit), not emitted", async () => {
    const runtime = manualRuntime();
    const kept: LogEvent[] = [];
    const full = {
      name: "full",
      discardedEvents: 0,
      emit(batch: readonly LogEvent[]) {
        kept.push(...batch.slice(0, 1));
        full.discardedEvents += batch.length - 1;
      },
    };
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(full, { queue: { batchSize: 4 } }).createLogger();
    for (let i = 0; i < 8; i++) log.information("x");
    await log.flush();
    const m = log.metrics().sinks[0];
    assert.equal(kept.length, 2);
    assert.equal(m.emitted, 2);
    assert.equal(m.dropped.sinkLimit, 6);
    assert.equal(m.dropped.total, 6);
    assert.match(log.metrics().toPrometheus(), /^logging_events_dropped_total\{sink="full",reason="sinkLimit"\} 6$/m);
  });

  it("latency: every written event is timed, within 1 ms of its true wait (whole-ms stamps), never negative (a wall clock that steps back)", async () => {
    // A fractional monotonic clock and whole-millisecond wall stamps (as Date.now gives).
    let mono = 0.9;
    let wall = 1_700_000_000_000.9;
    const runtime = manualRuntime();
    const scheduler = runtime.scheduler;
    const clock: Scheduler = {
      now: () => mono,
      wallClock: () => Math.floor(wall),
      setTimeout: (fn, ms) => scheduler.setTimeout(fn, ms),
      clearTimeout: (id) => scheduler.clearTimeout(id),
    };
    const sink: Sink = { name: "sync", emit: () => {} };
    const log = new LoggerConfiguration({ runtime: { ...runtime, scheduler: clock } })
      .withMetrics()
      .writeTo(sink, { queue: { batchSize: 1_000, flushIntervalMs: 10_000 } })
      .createLogger();
    const loggedAt: number[] = [];
    for (const step of [0, 0.15, 0.6, 0.3, 1.7, 0.2, 2.45]) {
      mono += step;
      wall += step;
      loggedAt.push(mono);
      log.information("tick");
    }
    mono += 0.05;
    wall += 0.05;
    await log.flush();
    const m = log.metrics().sinks[0];
    assert.equal(m.emitted, loggedAt.length);
    assert.equal(m.latencyMs.count, loggedAt.length, "every written event is timed");
    const waits = loggedAt.map((t) => mono - t);
    assert.ok(m.latencyMs.max <= Math.max(...waits) + 1 && m.latencyMs.max >= Math.max(...waits) - 1, `max ${m.latencyMs.max} vs ${Math.max(...waits)}`);
    assert.ok(Math.abs(m.latencyMs.sum - waits.reduce((a, b) => a + b, 0)) <= loggedAt.length, `sum ${m.latencyMs.sum}`);
    // The wall clock steps back 5 s while events wait: their stamps are "in the future", counted as 0, not dropped.
    log.information("before the step");
    wall -= 5_000;
    mono += 0.2;
    await log.flush();
    const after = log.metrics().sinks[0];
    assert.equal(after.latencyMs.count, loggedAt.length + 1);
    assert.ok(after.latencyMs.sum >= m.latencyMs.sum);
    await log.shutdown();
  });
});
