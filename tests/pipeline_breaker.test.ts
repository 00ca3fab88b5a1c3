import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, SelfLog } from "../mod.ts";
import { ManualScheduler } from "../src/testing/mod.ts";
import { CircuitBreaker } from "../src/core/pipeline/circuit_breaker.ts";
import { failingSink, hungSink, recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures, not before", () => {
    const clock = new ManualScheduler();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 3, resetTimeoutMs: 100 });
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    assert.equal(breaker.state, "closed", "a success resets the count");
    breaker.recordFailure();
    assert.equal(breaker.state, "open");
    assert.equal(breaker.allowRequest(), false);
  });

  it("goes half-open after the reset timeout, closes on a good probe", () => {
    const clock = new ManualScheduler();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, resetTimeoutMs: 100 });
    breaker.recordFailure();
    clock.advance(99);
    assert.equal(breaker.state, "open");
    clock.advance(1);
    assert.equal(breaker.state, "half-open");
    assert.equal(breaker.allowRequest(), true);
    breaker.recordSuccess();
    assert.equal(breaker.state, "closed");
    assert.equal(breaker.transitions, 3);
  });

  it("re-opens on a failed probe and waits a full reset timeout again", () => {
    const clock = new ManualScheduler();
    const breaker = new CircuitBreaker(clock, { failureThreshold: 5, resetTimeoutMs: 100 });
    for (let i = 0; i < 5; i++) breaker.recordFailure();
    clock.advance(100);
    assert.equal(breaker.state, "half-open");
    breaker.recordFailure();
    assert.equal(breaker.state, "open", "one failed probe is enough");
    clock.advance(99);
    assert.equal(breaker.state, "open");
    clock.advance(1);
    assert.equal(breaker.state, "half-open");
  });

  it("nonsense options are a TypeError at writeTo, naming the option", () => {
    const config = new LoggerConfiguration();
    const sink = recordingSink();
    assert.throws(() => config.writeTo(sink, { circuitBreaker: { failureThreshold: -3 } }), /circuitBreaker.failureThreshold must be a positive integer, not -3/);
    assert.throws(() => config.writeTo(sink, { circuitBreaker: { resetTimeoutMs: Number.NaN } }), /circuitBreaker.resetTimeoutMs must be/);
    assert.throws(() => config.writeTo(sink, { circuitBreaker: { writeTimeoutMs: 5 } as never }), /set writeTimeoutMs in the writeTo options/);
  });
});

describe("breaker in a pipeline", () => {
  it("routes batches to the fallback while open, probes after the reset timeout", async () => {
    const runtime = manualRuntime();
    const clock = runtime.scheduler;
    const sink = failingSink(3, { async: true });
    const fallback = recordingSink("fallback");
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, {
        queue: { batchSize: 1, flushIntervalMs: 10 },
        circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 1_000 },
        fallback,
      })
      .createLogger();
    const state = () => log.metrics().sinks[0].breakerState;

    log.information("{N}", 1);
    await clock.advanceAsync(0);
    assert.equal(state(), "closed");
    log.information("{N}", 2);
    await clock.advanceAsync(0);
    assert.equal(state(), "open");
    assert.equal(sink.attempts, 2);

    log.information("{N}", 3);
    await clock.advanceAsync(0);
    assert.equal(sink.attempts, 2, "no attempt while open");
    assert.deepEqual(fallback.events.map((e) => e.properties.N), [1, 2, 3]);

    await clock.advanceAsync(1_000);
    assert.equal(state(), "half-open");
    log.information("{N}", 4);
    await clock.advanceAsync(0);
    assert.equal(sink.attempts, 3, "the probe");
    assert.equal(state(), "open", "the probe failed");

    await clock.advanceAsync(1_000);
    log.information("{N}", 5);
    await clock.advanceAsync(0);
    assert.equal(state(), "closed", "a good probe closes the circuit");
    assert.deepEqual(sink.events.map((e) => e.properties.N), [5]);

    const m = log.metrics().sinks[0];
    assert.equal(m.failed, 3);
    assert.equal(m.fallback, 4);
    assert.equal(m.emitted, 1);
    assert.equal(m.dropped.breakerOpen, 0);
  });

  it("without a fallback, batches refused by an open breaker are dropped and counted", async () => {
    const runtime = manualRuntime();
    const sink = failingSink(100);
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, { queue: { batchSize: 2 }, circuitBreaker: { failureThreshold: 1, resetTimeoutMs: 60_000 } })
      .createLogger();
    for (let i = 0; i < 6; i++) log.information("{N}", i);
    await log.flush();
    const m = log.metrics().sinks[0];
    assert.equal(m.failed, 2);
    assert.equal(m.dropped.breakerOpen, 4);
    assert.equal(sink.attempts, 1);
  });

  it("a batch that exceeds the write timeout counts as a failure", async () => {
    const messages: string[] = [];
    SelfLog.enable((m) => messages.push(m));
    try {
      const runtime = manualRuntime();
      const sink = hungSink();
      const fallback = recordingSink("fallback");
      const log = new LoggerConfiguration({ runtime })
        .withMetrics()
        .writeTo(sink, {
          queue: { batchSize: 1 },
          circuitBreaker: { failureThreshold: 1, resetTimeoutMs: 60_000 },
          writeTimeoutMs: 500,
          fallback,
        })
        .createLogger();
      log.information("stuck");
      await runtime.scheduler.advanceAsync(499);
      assert.equal(log.metrics().sinks[0].failed, 0);
      await runtime.scheduler.advanceAsync(1);
      const m = log.metrics().sinks[0];
      assert.equal(m.failed, 1);
      assert.equal(m.breakerState, "open");
      assert.equal(fallback.events.length, 1);
      assert.ok(messages.some((x) => x.includes("did not finish writing a batch within 500 ms")));
    } finally {
      SelfLog.disable();
    }
  });

  it("without a breaker, a hung sink still times out, so the queue, flush and shutdown move on", async () => {
    const runtime = manualRuntime();
    let calls = 0;
    const delivered: unknown[] = [];
    const sometimesHung = {
      name: "sometimes-hung",
      emit(batch: readonly { properties: Record<string, unknown> }[]) {
        calls++;
        if (calls === 1) return new Promise<void>(() => {});
        delivered.push(...batch.map((e) => e.properties.N));
      },
    };
    const fallback = recordingSink("fallback");
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sometimesHung, { queue: { batchSize: 1 }, fallback, writeTimeoutMs: 2_000 })
      .createLogger();
    log.information("{N}", 1);
    log.information("{N}", 2);
    let flushed = false;
    log.flush().then(() => (flushed = true));
    await runtime.scheduler.advanceAsync(1_999);
    assert.equal(flushed, false);
    await runtime.scheduler.advanceAsync(1);
    assert.equal(flushed, true, "flush returns once the hung batch times out");
    assert.deepEqual(fallback.events.map((e) => e.properties.N), [1]);
    assert.deepEqual(delivered, [2]);
    assert.equal(log.metrics().sinks[0].failed, 1);
  });
});
