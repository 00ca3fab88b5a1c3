/**
 * One sink's pipeline: level gate → memory budget → ring-buffer queue → batch →
 * circuit breaker → sink (+ fallback), with metrics on every edge.
 *
 * @module
 */
import type { LogEvent } from "../log_event.ts";
import { levelSeverity } from "../level.ts";
import type { Scheduler, TimerId } from "../runtime.ts";
import type { Sink } from "../sink.ts";
import { SelfLog } from "../self_log.ts";
import { type BreakerState, type DropReason, SinkMetrics } from "../metrics/sink_metrics.ts";
import type { SinkGauges } from "../metrics/sink_metrics.ts";
import { CircuitBreaker } from "./circuit_breaker.ts";
import { RingBuffer } from "./ring_buffer.ts";
import { nonNegative, positiveInteger } from "./option_values.ts";
import type { OverflowPolicy, SinkOptions } from "./sink_options.ts";
import { deliverBatch, DeliveryTicket } from "./deliver_batch.ts";
import { estimateEventSize } from "./estimate_size.ts";

const DEFAULT_MAX_SIZE = 10_000;
const DEFAULT_BATCH_SIZE = 512;
const DEFAULT_FLUSH_INTERVAL_MS = 50;
const DEFAULT_WRITE_TIMEOUT_MS = 30_000;
/** With `block`, how far past `maxSize` the queue may grow before it drops. */
const BLOCK_HEADROOM = 2;
/**
 * With metrics on, one reading of the monotonic clock serves as the enqueue
 * time of at most this many consecutive events, and only of events stamped
 * with the same wall-clock millisecond: the latency error stays below both
 * 1 ms and the time of 16 log calls, while the clock costs a sixteenth
 * (measured: a read is ~45 ns on Node and Bun, ~120 ns on Deno).
 */
const CLOCK_REUSE = 16;

/**
 * The per-sink delivery machinery. Created by `LoggerConfiguration.writeTo`;
 * exported for custom composition and tests.
 *
 * @example
 * ```ts
 * import { ManualScheduler, Pipeline, memorySink, parseTemplate } from "@logging/core";
 * const sink = memorySink();
 * const pipeline = new Pipeline(sink, { queue: { batchSize: 2 } }, new ManualScheduler(), true);
 * pipeline.enqueue({ timestamp: 0, level: "information", template: parseTemplate("hi"), properties: {} }, 0);
 * await pipeline.flush();
 * sink.events.length; // 1
 * ```
 */
export class Pipeline {
  /** The name in metrics and SelfLog: `options.name`, else the sink's, else `"sink"`. */
  readonly name: string;
  /** The destination batches are delivered to. */
  readonly sink: Sink;
  /** Receives batches while the breaker is open and batches the sink failed to write. */
  readonly fallback: Sink | undefined;
  /** Counters and latency; present only when metrics are enabled. */
  readonly metrics: SinkMetrics | undefined;
  /** Always-on drop and failure counts, so reports need no metrics. */
  readonly losses: SinkMetrics;
  /** Events below this severity (verbose 0 … fatal 5) are not sent here; 0 without a per-sink minimum. */
  readonly minimumSeverity: number;
  /** Whether enqueue needs each event's estimated size (for the memory budget). */
  readonly needsSize: boolean;
  /** The sink's circuit breaker; `undefined` when none was configured. */
  readonly breaker: CircuitBreaker | undefined;
  /** False when `queue: false`: each event is delivered to the sink as it is logged. */
  readonly queued: boolean;
  /** A batch not settled within this many ms counts as failed. */
  readonly writeTimeoutMs: number;
  /** Events the sink wrote, counted even with metrics off. */
  delivered = 0;
  /** Events in failed batches that no fallback wrote, counted even with metrics off. */
  failedWithoutFallback = 0;

  #scheduler: Scheduler;
  #queue: RingBuffer<LogEvent>;
  #maxSize: number;
  #hardLimit: number;
  #batchSize: number;
  #flushIntervalMs: number;
  #overflow: OverflowPolicy;
  #memoryLimit: number;
  #timer: TimerId | undefined;
  /** Whether the flush-interval timer keeps the process alive (see the constructor). */
  readonly #timerKeepsAlive: boolean;
  /** When the pending timer should have fired; watched only where timers may be dropped. */
  #timerDue = 0;
  readonly #watchTimers: boolean;
  #draining: Promise<void> | undefined;
  #direct = new Set<Promise<void>>();
  #halted = false;
  #readyWaiters: (() => void)[] = [];
  /** Events pushed into the queue, and those that left it for good (written, failed or dropped). */
  #accepted = 0;
  #retired = 0;
  /** Events of the batch being written now, and its delivery. */
  #inFlight = 0;
  #ticket: DeliveryTicket | undefined;
  /** Flushes waiting for `#retired` to move. */
  #progressWaiters: (() => void)[] = [];
  /** Which drain is current: an abandoned drain that wakes up later must not touch state. */
  #generation = 0;
  /** When the batch in flight was handed to the sink (watched where timers may be dropped). */
  #batchStartedAt = 0;
  #bytesBase = 0;
  #discardedSeen = 0;
  /** The last monotonic clock reading, the event timestamp it was taken for, and its reuses. */
  #clockAt = 0;
  #clockStamp = Number.NaN;
  #clockReuses = 0;

  /**
   * Builds the queue, breaker and counters for `sink` from `options`; invalid
   * numbers fall back to defaults. `flushedWhenIdle`: the runtime tells the
   * logger when the process is about to go idle (and the logger flushes then),
   * so the flush-interval timer need not keep the process alive; otherwise it
   * does, so queued events are written before the process can end.
   */
  constructor(sink: Sink, options: SinkOptions, scheduler: Scheduler, metricsEnabled: boolean, flushedWhenIdle = false) {
    this.#timerKeepsAlive = !flushedWhenIdle;
    this.sink = sink;
    this.name = String(options.name ?? sink.name ?? "sink");
    this.fallback = options.fallback;
    this.#scheduler = scheduler;
    this.metrics = metricsEnabled ? new SinkMetrics(this.name) : undefined;
    this.losses = this.metrics ?? new SinkMetrics(this.name);
    this.minimumSeverity = options.minimumLevel ? levelSeverity(options.minimumLevel) : 0;
    const queue = options.queue === undefined || options.queue === true ? {} : options.queue;
    this.queued = queue !== false;
    const q = queue === false ? {} : queue;
    this.#maxSize = positiveInteger(q.maxSize, DEFAULT_MAX_SIZE);
    this.#batchSize = positiveInteger(q.batchSize, DEFAULT_BATCH_SIZE);
    this.#flushIntervalMs = nonNegative(q.flushIntervalMs, DEFAULT_FLUSH_INTERVAL_MS);
    this.#overflow = q.overflow === "drop-newest" || q.overflow === "block" ? q.overflow : "drop-oldest";
    this.#hardLimit = this.#overflow === "block" ? this.#maxSize * BLOCK_HEADROOM : this.#maxSize;
    this.#queue = new RingBuffer<LogEvent>(Math.min(this.#maxSize, 1024));
    this.#memoryLimit = nonNegative(options.memoryLimitBytes, 0);
    // Only the memory budget needs sizes as events arrive; the queuedBytes
    // gauge is summed when a snapshot asks (measured: sizing every event cost
    // metrics 3 % of end-to-end time).
    this.needsSize = this.#memoryLimit > 0;
    const breaker = options.circuitBreaker;
    this.breaker = breaker ? new CircuitBreaker(scheduler, breaker === true ? {} : breaker) : undefined;
    this.writeTimeoutMs = positiveInteger(options.writeTimeoutMs, this.breaker?.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS);
    this.#watchTimers = scheduler.timersMayBeDropped === true;
    this.#bytesBase = typeof sink.bytesWritten === "number" ? sink.bytesWritten : 0;
    this.#discardedSeen = typeof sink.discardedEvents === "number" ? sink.discardedEvents : 0;
  }

  /** Events written so far by the sink or, in its place, by the fallback. */
  get handedOver(): number {
    return this.delivered + this.losses.fallback;
  }

  /** Events waiting in the queue. */
  get depth(): number {
    return this.#queue.length;
  }

  /** The current gauges for a metrics snapshot. */
  gauges(): SinkGauges {
    const breakerState: BreakerState = this.breaker ? this.breaker.state : "closed";
    const queue = this.#queue;
    const queuedBytes = this.needsSize ? queue.bytes : queue.sum(estimateEventSize);
    return { queueDepth: queue.length, queuedBytes, breakerState };
  }

  /**
   * Accepts an event: never throws, never waits. `size` is the event's
   * estimated size (pass 0 when `needsSize` is false).
   */
  enqueue(event: LogEvent, size: number): void {
    const metrics = this.metrics;
    if (metrics !== undefined) metrics.received++;
    if (!this.queued) {
      this.#deliverDirect(event);
      return;
    }
    const queue = this.#queue;
    if (queue.length >= this.#maxSize) {
      if (this.#overflow === "drop-oldest") {
        queue.shift();
        this.#retired++;
        this.#drop("queueFull", 1);
      } else if (this.#overflow === "drop-newest" || queue.length >= this.#hardLimit) {
        this.#drop("queueFull", 1);
        return;
      }
    }
    queue.push(event, metrics !== undefined ? this.#enqueueTime(event.timestamp) : 0, size);
    this.#accepted++;
    if (this.#memoryLimit > 0 && queue.bytes > this.#memoryLimit) this.#trimToBudget();
    if (this.#draining !== undefined && !(this.#watchTimers && this.#abandonIfStuck())) return;
    if (queue.length >= this.#batchSize) this.#startDrain();
    else if (this.#timer === undefined) this.#armTimer();
    else if (this.#watchTimers && this.#scheduler.now() >= this.#timerDue + this.#flushIntervalMs) {
      // The runtime dropped our timer (a Workers request ended): deliver now.
      this.#startDrain();
    }
  }

  /** The enqueue time for latency: a fresh clock reading, or the last one (see CLOCK_REUSE). */
  #enqueueTime(stamp: number): number {
    if (stamp === this.#clockStamp && ++this.#clockReuses < CLOCK_REUSE) return this.#clockAt;
    this.#clockStamp = stamp;
    this.#clockReuses = 0;
    return (this.#clockAt = this.#scheduler.now());
  }

  #armTimer(): void {
    this.#timer = this.#scheduler.setTimeout(this.#onTimer, this.#flushIntervalMs, { keepAlive: this.#timerKeepsAlive });
    if (this.#watchTimers) this.#timerDue = this.#scheduler.now() + this.#flushIntervalMs;
  }

  /** Resolves when the queue has room below `maxSize` (for the `block` policy). */
  ready(): Promise<void> {
    if (this.#queue.length < this.#maxSize || this.#halted) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Drains the queue and waits for the sink's own flush; the sink stays usable. */
  async flush(): Promise<void> {
    // Wait for the events accepted so far, not for an empty queue: under steady
    // logging the queue is never empty, and a flush must still return.
    const target = this.#accepted;
    if (this.#direct.size > 0) await Promise.all([...this.#direct]);
    while (!this.#halted && this.#retired < target) {
      if (this.#watchTimers) this.#abandonIfStuck();
      if (this.#draining === undefined) {
        if (this.#queue.length === 0) break;
        this.#startDrain();
      }
      await this.#progress();
    }
    await this.#guard("flush", () => this.sink.flush?.());
    if (this.fallback !== undefined) await this.#guard("flush fallback", () => this.fallback?.flush?.());
  }

  /** Events of the batch being written right now (0 when idle). */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when no batch is being written (after `halt()`, once the current one settles). */
  idle(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  /**
   * Stops delivering and discards what is queued, counting it as dropped
   * (`afterShutdown`). Returns how many were discarded.
   */
  halt(): number {
    this.#halted = true;
    this.#cancelTimer();
    const discarded = this.#queue.clear();
    this.#retired += discarded;
    if (discarded > 0) this.#drop("afterShutdown", discarded);
    this.#releaseWaiters();
    this.#notifyProgress();
    return discarded;
  }

  /**
   * Last-chance synchronous flush for a process that is exiting: writes every
   * queued event with the sink's (or fallback's) `emitSync`. Returns how many
   * were written.
   */
  flushSync(): number {
    this.#cancelTimer();
    const queue = this.#queue;
    if (queue.length === 0) return 0;
    const batch: LogEvent[] = [];
    queue.takeInto(queue.length, batch, []);
    this.#retired += batch.length;
    for (const target of [this.sink, this.fallback]) {
      if (target?.emitSync === undefined) continue;
      try {
        target.emitSync(batch);
        if (target === this.sink) {
          this.delivered += batch.length;
          if (this.metrics !== undefined) this.metrics.emitted += batch.length;
        } else {
          this.losses.fallback += batch.length;
        }
        return batch.length;
      } catch (error) {
        SelfLog.write(`Sink "${this.name}" failed its synchronous last-chance write of ${batch.length} events`, error);
      }
    }
    this.losses.fail(batch.length);
    this.failedWithoutFallback += batch.length;
    return 0;
  }

  /** Asks the sink and the fallback to reopen their destinations (log rotation); failures go to SelfLog. */
  async reopen(): Promise<void> {
    await this.#guard("reopen", () => this.sink.reopen?.());
    if (this.fallback !== undefined) await this.#guard("reopen fallback", () => this.fallback?.reopen?.());
  }

  /** Closes the sink and the fallback. */
  async close(): Promise<void> {
    await this.#guard("close", () => this.sink.close?.());
    if (this.fallback !== undefined) await this.#guard("close fallback", () => this.fallback?.close?.());
  }

  /** Counts an event refused because the logger has shut down. */
  dropAfterShutdown(): void {
    this.#drop("afterShutdown", 1);
  }

  #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#draining === undefined && this.#queue.length > 0) this.#startDrain();
  };

  #startDrain(): void {
    this.#cancelTimer();
    const generation = ++this.#generation;
    // Deferred by one microtask so formatting and I/O never run on the caller's stack.
    this.#draining = Promise.resolve().then(() => this.#drain(generation));
  }

  /** Resolves when `#retired` moves; where timers may be dropped, also when a batch in flight becomes overdue. */
  #progress(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#progressWaiters.push(resolve);
      if (this.#watchTimers && this.#inFlight > 0) {
        const overdueIn = this.#batchStartedAt + this.writeTimeoutMs - this.#scheduler.now();
        this.#scheduler.setTimeout(resolve, Math.max(0, overdueIn) + 1);
      }
    });
  }

  /**
   * Where the runtime drops timers (Workers, when the request that started a
   * write ends), a write that never settles would never time out and would hold
   * the drain forever. Past the write timeout, give its batch up as failed and
   * let a new drain take over. Returns whether it did.
   */
  #abandonIfStuck(): boolean {
    if (this.#inFlight === 0 || this.#scheduler.now() - this.#batchStartedAt < this.writeTimeoutMs) return false;
    SelfLog.write(`Sink "${this.name}" did not settle a batch of ${this.#inFlight} events within ${this.writeTimeoutMs} ms; giving it up`);
    this.breaker?.recordFailure();
    this.abandonInFlight();
    return true;
  }

  /**
   * Gives up the batch being written (a shutdown out of time): its events
   * count as failed now, and its write settling later changes nothing.
   * Returns how many events it had.
   */
  abandonInFlight(): number {
    const stuck = this.#inFlight;
    if (stuck === 0) return 0;
    this.#ticket?.abandon();
    this.losses.fail(stuck);
    this.failedWithoutFallback += stuck;
    this.#inFlight = 0;
    this.#retired += stuck;
    this.#generation++;
    this.#draining = undefined;
    this.#notifyProgress();
    return stuck;
  }

  async #drain(generation: number): Promise<void> {
    const queue = this.#queue;
    const current = (): boolean => generation === this.#generation;
    try {
      while (queue.length > 0 && !this.#halted && current()) {
        const batch: LogEvent[] = [];
        const times: number[] = [];
        queue.takeInto(this.#batchSize, batch, times);
        if (this.#readyWaiters.length > 0 && queue.length < this.#maxSize) this.#releaseWaiters();
        this.#inFlight = batch.length;
        if (this.#watchTimers) this.#batchStartedAt = this.#scheduler.now();
        const ticket = (this.#ticket = new DeliveryTicket(this.#scheduler));
        try {
          await deliverBatch(this, batch, times, this.#scheduler, ticket);
        } finally {
          if (current()) {
            this.#inFlight = 0;
            this.#retired += batch.length;
            this.#notifyProgress();
          }
        }
        this.#syncSinkCounters();
      }
    } catch (error) {
      SelfLog.write(`Pipeline "${this.name}" failed unexpectedly`, error);
    } finally {
      if (current()) {
        this.#draining = undefined;
        this.#notifyProgress();
      }
    }
  }

  #deliverDirect(event: LogEvent): void {
    const times = this.metrics !== undefined ? [this.#scheduler.now()] : [];
    const pending = deliverBatch(this, [event], times, this.#scheduler);
    if (pending === undefined) {
      this.#syncSinkCounters();
      return;
    }
    this.#direct.add(pending);
    pending.then(() => {
      this.#direct.delete(pending);
      this.#syncSinkCounters();
    });
  }

  #syncSinkCounters(): void {
    const sink = this.sink;
    const written = sink.bytesWritten;
    if (this.metrics !== undefined && typeof written === "number") this.metrics.bytesWritten = written - this.#bytesBase;
    const discarded = sink.discardedEvents;
    if (typeof discarded === "number" && discarded > this.#discardedSeen) {
      const newly = discarded - this.#discardedSeen;
      this.#discardedSeen = discarded;
      this.#drop("sinkLimit", newly);
      this.delivered -= newly;
      if (this.metrics !== undefined) this.metrics.emitted -= newly;
    }
  }


  #trimToBudget(): void {
    const queue = this.#queue;
    let trimmed = 0;
    while (queue.length > 0 && queue.bytes > this.#memoryLimit) {
      queue.shift();
      trimmed++;
    }
    this.#retired += trimmed;
    if (trimmed > 0) this.#drop("memoryLimit", trimmed);
  }

  #drop(reason: DropReason, count: number): void {
    this.losses.drop(reason, count);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) {
      this.#scheduler.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #notifyProgress(): void {
    if (this.#progressWaiters.length === 0) return;
    const waiters = this.#progressWaiters;
    this.#progressWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #releaseWaiters(): void {
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #guard(what: string, fn: () => Promise<void> | void | undefined): Promise<void> {
    try {
      await fn();
    } catch (error) {
      SelfLog.write(`Sink "${this.name}" failed to ${what}`, error);
    }
  }
}
