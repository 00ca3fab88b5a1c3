import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, SelfLog } from "../mod.ts";
import { RingBuffer } from "../src/core/pipeline/ring_buffer.ts";
import { controllableSink, failingSink, recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

function numbers(events: { properties: Record<string, unknown> }[]): unknown[] {
  return events.map((e) => e.properties.N);
}

describe("RingBuffer", () => {
  it("keeps FIFO order across wrap-around and growth", () => {
    const ring = new RingBuffer<number>(2);
    const out: number[] = [];
    for (let i = 0; i < 5; i++) ring.push(i, 10);
    out.push(ring.shift()!, ring.shift()!);
    for (let i = 5; i < 12; i++) ring.push(i, 10);
    assert.equal(ring.length, 10);
    assert.equal(ring.bytes, 100);
    const items: number[] = [];
    assert.equal(ring.takeInto(4, items), 4);
    assert.deepEqual(items, [2, 3, 4, 5]);
    assert.equal(ring.bytes, 60);
    while (ring.length > 0) out.push(ring.shift()!);
    assert.deepEqual(out, [0, 1, 6, 7, 8, 9, 10, 11]);
    assert.equal(ring.bytes, 0);
    assert.equal(ring.shift(), undefined);
  });
});

describe("queue", () => {
  it("delivers in order, one emit per batch, on size", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(sink, { queue: { batchSize: 3, flushIntervalMs: 1000 } })
      .createLogger();
    for (let i = 0; i < 7; i++) log.information("Event {N}", i);
    assert.equal(sink.batches.length, 0, "nothing is written on the caller's stack");
    await runtime.scheduler.advanceAsync(0);
    assert.deepEqual(sink.batches.map((b) => b.length), [3, 3, 1]);
    assert.deepEqual(numbers(sink.events), [0, 1, 2, 3, 4, 5, 6]);
  });

  it("flushes a partial batch when the interval passes, not before", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(sink, { queue: { batchSize: 100, flushIntervalMs: 50 } })
      .createLogger();
    log.information("one");
    log.information("two");
    await runtime.scheduler.advanceAsync(49);
    assert.equal(sink.events.length, 0);
    await runtime.scheduler.advanceAsync(1);
    assert.deepEqual(sink.batches.map((b) => b.length), [2]);
    assert.equal(runtime.scheduler.pendingTimers, 0, "no timer is left once the queue is empty");
  });

  it("keeps one batch in flight per sink and preserves order", async () => {
    const runtime = manualRuntime();
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime })
      .writeTo(sink, { queue: { batchSize: 2, flushIntervalMs: 10 } })
      .createLogger();
    for (let i = 0; i < 6; i++) log.information("E {N}", i);
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.calls, 1);
    await runtime.scheduler.advanceAsync(100);
    assert.equal(sink.calls, 1, "no second emit while the first is pending");
    sink.pending[0].resolve();
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.calls, 2);
    sink.pending[1].resolve();
    await runtime.scheduler.advanceAsync(0);
    sink.pending[2].resolve();
    await runtime.scheduler.advanceAsync(0);
    assert.deepEqual(numbers(sink.delivered), [0, 1, 2, 3, 4, 5]);
  });

  it("interleaved producers keep their relative order", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 4 } }).createLogger();
    const a = log.forContext("Producer", "a");
    const b = log.forContext("Producer", "b");
    for (let i = 0; i < 10; i++) {
      a.information("{N}", i);
      b.information("{N}", i);
    }
    await log.flush();
    const from = (p: string) => sink.events.filter((e) => e.properties.Producer === p).map((e) => e.properties.N);
    assert.deepEqual(from("a"), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(from("b"), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(sink.events[0].properties.Producer, "a");
    assert.equal(sink.events[1].properties.Producer, "b");
  });

  it("flush returns once the events logged before it are written, even while logging goes on", async () => {
    const runtime = manualRuntime();
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 2, flushIntervalMs: 10 } }).createLogger();
    log.information("{N}", 0);
    log.information("{N}", 1);
    let flushed = false;
    log.flush().then(() => (flushed = true));
    for (let round = 0; round < 5; round++) {
      await runtime.scheduler.advanceAsync(0);
      log.information("{N}", 2 + round * 2);
      log.information("{N}", 3 + round * 2);
      sink.pending[round].resolve();
      await runtime.scheduler.advanceAsync(0);
      if (round === 0) assert.equal(flushed, true, "the flush's own batch was written; later events don't hold it");
    }
    assert.equal(flushed, true);
  });

  it("flush empties the queue and the sink stays usable", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink, { queue: { batchSize: 1000, flushIntervalMs: 60_000 } }).createLogger();
    for (let i = 0; i < 10; i++) log.information("{N}", i);
    assert.equal(log.metrics().sinks[0].queueDepth, 10);
    await log.flush();
    assert.equal(log.metrics().sinks[0].queueDepth, 0);
    assert.equal(sink.events.length, 10);
    log.information("after {N}", 10);
    await log.flush();
    assert.equal(sink.events.length, 11);
  });
});

describe("dropped timers (Workers)", () => {
  it("re-arms delivery when the runtime silently dropped the flush timer", async () => {
    const runtime = manualRuntime();
    runtime.scheduler.timersMayBeDropped = true;
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 100, flushIntervalMs: 50 } }).createLogger();
    log.information("{N}", 1);
    runtime.scheduler.dropPendingTimers();
    await runtime.scheduler.advanceAsync(100);
    assert.equal(sink.events.length, 0, "the timer is gone");
    log.information("{N}", 2);
    await runtime.scheduler.advanceAsync(0);
    assert.deepEqual(numbers(sink.events), [1, 2], "the next event notices the overdue timer and delivers");
  });

  it("gives up a write whose timeout timer was dropped, so later requests still get their logs", async () => {
    const runtime = manualRuntime();
    runtime.scheduler.timersMayBeDropped = true;
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, { queue: { batchSize: 1, flushIntervalMs: 10 }, writeTimeoutMs: 1_000 })
      .createLogger();
    // Request A: its batch's write never settles, and A's timers die with it.
    log.information("{N}", 1);
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.calls, 1);
    runtime.scheduler.dropPendingTimers();
    // Request B, after the write timeout: its event and its flush must not wait on A's dead write.
    await runtime.scheduler.advanceAsync(1_500);
    log.information("{N}", 2);
    let flushed = false;
    log.flush().then(() => (flushed = true));
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.calls, 2, "a new drain took over");
    sink.pending[1].resolve();
    await runtime.scheduler.advanceAsync(0);
    assert.equal(flushed, true);
    assert.deepEqual(numbers(sink.delivered), [2]);
    const m = log.metrics().sinks[0];
    assert.equal(m.failed, 1, "A's batch is counted as failed");
    // A's write settling late changes nothing.
    sink.pending[0].resolve();
    await runtime.scheduler.advanceAsync(0);
    assert.equal(log.metrics().sinks[0].failed, 1);
  });

  it("a flush waiting on a write whose timer was dropped returns at the write timeout", async () => {
    const runtime = manualRuntime();
    runtime.scheduler.timersMayBeDropped = true;
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 1 }, writeTimeoutMs: 1_000 }).createLogger();
    log.information("{N}", 1);
    await runtime.scheduler.advanceAsync(0);
    runtime.scheduler.dropPendingTimers();
    await runtime.scheduler.advanceAsync(200);
    let flushed = false;
    log.flush().then(() => (flushed = true));
    await runtime.scheduler.advanceAsync(799);
    assert.equal(flushed, false);
    await runtime.scheduler.advanceAsync(2);
    assert.equal(flushed, true, "the flush's own timer noticed the overdue write");
  });

  it("without the flag, an armed timer is trusted (no clock read per event)", async () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 100, flushIntervalMs: 50 } }).createLogger();
    log.information("{N}", 1);
    await runtime.scheduler.advanceAsync(40);
    log.information("{N}", 2);
    await runtime.scheduler.advanceAsync(0);
    assert.equal(sink.events.length, 0);
    await runtime.scheduler.advanceAsync(10);
    assert.deepEqual(numbers(sink.events), [1, 2]);
  });
});

describe("overflow", () => {
  async function overflow(policy: "drop-oldest" | "drop-newest" | "block") {
    const runtime = manualRuntime();
    const sink = controllableSink();
    const log = new LoggerConfiguration({ runtime })
      .withMetrics()
      .writeTo(sink, { queue: { maxSize: 4, batchSize: 2, flushIntervalMs: 10, overflow: policy } })
      .createLogger();
    // The first two events leave the queue as a batch that stays in flight.
    log.information("{N}", 0);
    log.information("{N}", 1);
    await runtime.scheduler.advanceAsync(0);
    for (let i = 2; i < 12; i++) log.information("{N}", i);
    const snapshot = log.metrics().sinks[0];
    return { runtime, sink, log, snapshot };
  }

  const dropping = [
    { policy: "drop-oldest", keeps: "newest", delivered: [0, 1, 8, 9, 10, 11] },
    { policy: "drop-newest", keeps: "oldest", delivered: [0, 1, 2, 3, 4, 5] },
  ] as const;
  for (const { policy, keeps, delivered } of dropping) {
    it(`${policy} keeps the ${keeps} maxSize events and counts the rest`, async () => {
      const { sink, snapshot, runtime, log } = await overflow(policy);
      assert.equal(snapshot.queueDepth, 4);
      assert.equal(snapshot.dropped.queueFull, 6);
      const flushed = log.flush();
      for (let i = 0; i < 3; i++) {
        sink.pending[i].resolve();
        await runtime.scheduler.advanceAsync(0);
      }
      await flushed;
      assert.deepEqual(numbers(sink.delivered), delivered);
    });
  }

  it("block keeps events up to twice maxSize and ready() waits for room", async () => {
    const { sink, snapshot, runtime, log } = await overflow("block");
    assert.equal(snapshot.queueDepth, 8, "room for 2 × maxSize while producers should wait");
    assert.equal(snapshot.dropped.queueFull, 2);
    let ready = false;
    log.ready().then(() => (ready = true));
    await runtime.scheduler.advanceAsync(0);
    assert.equal(ready, false);
    sink.pending[0].resolve();
    await runtime.scheduler.advanceAsync(0);
    sink.pending[1].resolve();
    await runtime.scheduler.advanceAsync(0);
    sink.pending[2].resolve();
    await runtime.scheduler.advanceAsync(0);
    assert.equal(ready, true, "ready() resolves once the queue is below maxSize");
    const flushed = log.flush();
    for (let i = 3; i < 5; i++) {
      sink.pending[i].resolve();
      await runtime.scheduler.advanceAsync(0);
    }
    await flushed;
    assert.deepEqual(numbers(sink.delivered), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("failures", () => {
  it("a throwing or rejecting sink is reported through SelfLog, never to the caller", async () => {
    const messages: string[] = [];
    SelfLog.enable((m) => messages.push(m));
    try {
      for (const async of [false, true]) {
        messages.length = 0;
        const runtime = manualRuntime();
        const sink = failingSink(1, { async, name: async ? "rejecting" : "throwing" });
        const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink, { queue: { batchSize: 2 } }).createLogger();
        assert.doesNotThrow(() => {
          for (let i = 0; i < 4; i++) log.information("{N}", i);
        });
        await log.flush();
        assert.deepEqual(numbers(sink.events), [2, 3], "the second batch is written");
        const m = log.metrics().sinks[0];
        assert.equal(m.failed, 2);
        assert.equal(m.emitted, 2);
        assert.equal(messages.length, 1);
        assert.match(messages[0], new RegExp(`Sink "${sink.name}" failed to write a batch of 2 events: Error: write failed`));
      }
    } finally {
      SelfLog.disable();
    }
  });

  it("a failed batch goes to the fallback so nothing is lost", async () => {
    const runtime = manualRuntime();
    const sink = failingSink(1);
    const fallback = recordingSink("fallback");
    const log = new LoggerConfiguration({ runtime }).withMetrics().writeTo(sink, { fallback, queue: { batchSize: 2 } }).createLogger();
    for (let i = 0; i < 4; i++) log.information("{N}", i);
    await log.flush();
    assert.deepEqual(numbers(fallback.events), [0, 1]);
    assert.deepEqual(numbers(sink.events), [2, 3]);
    assert.equal(log.metrics().sinks[0].failed, 2);
  });

  it("flush also flushes the fallback", async () => {
    const runtime = manualRuntime();
    let fallbackFlushes = 0;
    const fallback = { ...recordingSink("fallback"), flush: async () => void fallbackFlushes++ };
    const log = new LoggerConfiguration({ runtime }).writeTo(failingSink(1), { fallback, queue: { batchSize: 1 } }).createLogger();
    log.information("saved by the fallback");
    await log.flush();
    assert.equal(fallback.events.length, 1);
    assert.equal(fallbackFlushes, 1);
  });

  it("a slow sink does not delay another sink", async () => {
    const runtime = manualRuntime();
    const slow = controllableSink("slow");
    const fast = recordingSink("fast");
    const log = new LoggerConfiguration({ runtime }).writeTo(slow).writeTo(fast).createLogger();
    log.information("one");
    await runtime.scheduler.advanceAsync(50);
    assert.equal(fast.events.length, 1);
    assert.equal(slow.delivered.length, 0);
    slow.pending[0].resolve();
    await log.flush();
    assert.equal(slow.delivered.length, 1);
  });
});

describe("queue: false", () => {
  it("calls the sink on the caller's stack, one event at a time", () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: false }).createLogger();
    log.information("a");
    assert.equal(sink.events.length, 1);
    log.information("b");
    assert.deepEqual(sink.batches.map((b) => b.length), [1, 1]);
  });
});

describe("sink options are checked at writeTo", () => {
  const sink = { name: "s", emit() {} };
  const cases: [string, object, RegExp][] = [
    ["queue.maxSize", { queue: { maxSize: -1 } }, /queue.maxSize must be a positive integer, not -1/],
    ["queue.batchSize", { queue: { batchSize: 1.5 } }, /queue.batchSize must be a positive integer, not 1.5/],
    ["queue.flushIntervalMs", { queue: { flushIntervalMs: -5 } }, /queue.flushIntervalMs must be a finite number ≥ 0, not -5/],
    ["queue.overflow", { queue: { overflow: "drop-all" } }, /queue.overflow must be one of "drop-oldest", "drop-newest", "block", not "drop-all"/],
    ["queue", { queue: "yes" }, /queue must be an object, not "yes"/],
    ["memoryLimitBytes", { memoryLimitBytes: "8MB" }, /memoryLimitBytes must be a finite number ≥ 0, not "8MB"/],
    ["writeTimeoutMs", { writeTimeoutMs: 0 }, /writeTimeoutMs must be a positive integer, not 0/],
    ["fallback", { fallback: {} }, /fallback must be a sink/],
    ["minimumLevel", { minimumLevel: "loud" }, /minimumLevel must be a level/],
  ];
  for (const [name, options, message] of cases) {
    it(`a wrong ${name} is a TypeError naming it`, () => {
      assert.throws(() => new LoggerConfiguration().writeTo(sink, options as never), (e: unknown) => e instanceof TypeError && message.test(e.message));
    });
  }
});
