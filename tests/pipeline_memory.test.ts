import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Logger, LoggerConfiguration, parseTemplate } from "../mod.ts";
import { estimateEventSize } from "../src/core/pipeline/estimate_size.ts";
import { hungSink } from "./_helpers/sinks.ts";
import { type ManualRuntime, manualRuntime } from "./_helpers/clock.ts";

/** Immediate shutdown; a hung sink's batch in flight is given up at once (timeout 0). */
async function shutDownNow(log: Logger, runtime: ManualRuntime): Promise<void> {
  const done = log.shutdown({ strategy: "immediate", timeoutMs: 0 });
  await runtime.scheduler.advanceAsync(0);
  await done;
}

describe("memory budget", () => {
  it("estimates sizes from the captured properties", () => {
    const template = parseTemplate("{A}");
    const small = estimateEventSize({ timestamp: 0, level: "information", template, properties: { A: "x" } });
    const large = estimateEventSize({ timestamp: 0, level: "information", template, properties: { A: "x".repeat(10_000) } });
    assert.ok(large - small >= 19_990 && large - small <= 20_010, `10 000 more UTF-16 chars ≈ 20 000 bytes, got ${large - small}`);
  });

  it("a burst of large events never exceeds the budget; the oldest are dropped first", async () => {
    const runtime = manualRuntime();
    const budget = 200_000;
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(hungSink(), { queue: { maxSize: 100_000, batchSize: 1_000_000, flushIntervalMs: 60_000 }, memoryLimitBytes: budget })
      .createLogger();
    const payload = "p".repeat(10_000);
    let maxSeen = 0;
    for (let i = 0; i < 500; i++) {
      log.information("Blob {N} {Payload}", i, payload);
      maxSeen = Math.max(maxSeen, log.metrics().sinks[0].queuedBytes);
    }
    const m = log.metrics().sinks[0];
    assert.ok(maxSeen <= budget, `queued bytes peaked at ${maxSeen}`);
    assert.ok(m.queuedBytes > budget * 0.8, "the budget is used, not left empty");
    assert.equal(m.dropped.memoryLimit + m.queueDepth, 500);
    assert.ok(m.queueDepth >= 9 && m.queueDepth <= 10, `about 9 events of ~20 KB fit, got ${m.queueDepth}`);
    await shutDownNow(log, runtime);
  });

  it("an event larger than the whole budget is dropped, not kept", () => {
    const runtime = manualRuntime();
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(hungSink(), { queue: { flushIntervalMs: 60_000 }, memoryLimitBytes: 1_000 })
      .createLogger();
    log.information("{Big}", "b".repeat(5_000));
    const m = log.metrics().sinks[0];
    assert.equal(m.queueDepth, 0);
    assert.equal(m.dropped.memoryLimit, 1);
    assert.equal(m.queuedBytes, 0);
  });

  it("a stalled sink under 1,000,000 log calls keeps depth and bytes within their limits", async () => {
    const runtime = manualRuntime();
    const maxSize = 10_000;
    const budget = 1 << 20;
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(hungSink(), { queue: { maxSize, batchSize: 512, flushIntervalMs: 10 }, memoryLimitBytes: budget })
      .createLogger();
    let peakDepth = 0;
    let peakBytes = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 10_000; i++) log.information("Order {OrderId} for {Customer} costs {Total}", i, "customer-" + round, i * 1.5);
      await runtime.scheduler.advanceAsync(10);
      const m = log.metrics().sinks[0];
      peakDepth = Math.max(peakDepth, m.queueDepth);
      peakBytes = Math.max(peakBytes, m.queuedBytes);
    }
    const m = log.metrics().sinks[0];
    assert.equal(m.received, 1_000_000);
    assert.ok(peakDepth <= maxSize, `depth peaked at ${peakDepth}`);
    assert.ok(peakBytes <= budget, `bytes peaked at ${peakBytes}`);
    const inFlight = 512;
    assert.equal(m.dropped.total + m.queueDepth + inFlight, 1_000_000, "every event is accounted for");
    await shutDownNow(log, runtime);
  });
});
