/**
 * One sink's pipeline, composed of parts with one job each:
 * {@link BoundedQueue} (bounds, overflow, byte budget) → batches →
 * {@link deliverBatch} (breaker, write timeout, fallback; decides the outcome)
 * → {@link SinkMetrics.apply} (the one place that counts). The pipeline itself
 * only schedules: when to drain, one batch in flight, what `flush` waits for,
 * and giving up a write that will never settle.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import { levelSeverity } from "../levels/level.ts";
import type { Scheduler, TimerId } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { type DropReason, type SinkGauges, SinkMetrics } from "../metrics/sink_metrics.ts";
import { CircuitBreaker } from "./circuit_breaker.ts";
import { BoundedQueue } from "./bounded_queue.ts";
import { deliverBatch, type DeliveryOutcome, DeliveryTicket } from "./delivery.ts";
import { estimateEventSize } from "./estimate_size.ts";
import { resolveSinkOptions, type ResolvedSinkOptions, type SinkOptions } from "./sink_options.ts";


/**
 * The per-sink delivery machinery. Created by `LoggerConfiguration.writeTo`.
 *
 * @example
 * ```ts
 * import { memorySink, parseTemplate } from "@logging/core";
 * import { ManualScheduler } from "@logging/core/testing";
 * import { Pipeline } from "./pipeline.ts";
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
  /** Every count of this sink, always on; `received` and latency only with metrics. */
  readonly counters: SinkMetrics;
  /** Whether full metrics (received, latency) are collected. */
  readonly metricsEnabled: boolean;
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
  /**
   * The logger this pipeline belongs to. While the pipeline has work, its
   * timer or pending write reaches it, and through this field the logger (and
   * the logger's exit hooks, which the runtime holds only weakly) stays alive.
   */
  owner: unknown = undefined;

  readonly #scheduler: Scheduler;
  readonly #queue: BoundedQueue;
  readonly #batchSize: number;
  readonly #flushIntervalMs: number;
  /** Whether the flush-interval and write-timeout timers keep the process alive (see the constructor). */
  readonly #timerKeepsAlive: boolean;
  readonly #watchTimers: boolean;
  #timer: TimerId | undefined;
  /** When the pending timer should have fired; watched only where timers may be dropped. */
  #timerDue = 0;
  #draining: Promise<void> | undefined;
  #direct = new Set<Promise<void>>();
  #halted = false;
  /** `#accepted` when {@link Pipeline.suspend} was called: no drain until more events arrive. */
  #suspendedAt = -1;
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

  /**
   * Builds the queue, breaker and counters for `sink` from `options` (checked
   * by `resolveSinkOptions`: a `TypeError` names a wrong one).
   * `flushedWhenIdle`: the runtime tells the logger when the process is about
   * to go idle (and the logger flushes then), so the flush-interval timer need
   * not keep the process alive; otherwise it does, so queued events are written
   * before the process can end.
   */
  constructor(
    sink: Sink,
    options: SinkOptions | ResolvedSinkOptions,
    scheduler: Scheduler,
    metricsEnabled: boolean,
    flushedWhenIdle = false,
  ) {
    const o = isResolved(options) ? options : resolveSinkOptions(options);
    this.sink = sink;
    this.name = String(o.name ?? sink.name ?? "sink");
    this.fallback = o.fallback;
    this.#scheduler = scheduler;
    this.metricsEnabled = metricsEnabled;
    this.counters = new SinkMetrics(this.name);
    this.minimumSeverity = o.minimumLevel === undefined ? 0 : levelSeverity(o.minimumLevel);
    this.queued = o.queued;
    this.#batchSize = o.batchSize;
    this.#flushIntervalMs = o.flushIntervalMs;
    this.#queue = new BoundedQueue(o, (reason, count) => this.#evicted(reason, count));
    // Only the memory budget needs sizes as events arrive; the queuedBytes
    // gauge is summed when a snapshot asks (measured: sizing every event cost
    // metrics 3 % of end-to-end time).
    this.needsSize = this.#queue.needsSize;
    this.breaker = o.circuitBreaker === undefined ? undefined : new CircuitBreaker(scheduler, o.circuitBreaker);
    this.writeTimeoutMs = o.writeTimeoutMs;
    this.#timerKeepsAlive = !flushedWhenIdle;
    this.#watchTimers = scheduler.timersMayBeDropped === true;
    this.#bytesBase = typeof sink.bytesWritten === "number" ? sink.bytesWritten : 0;
    this.#discardedSeen = typeof sink.discardedEvents === "number" ? sink.discardedEvents : 0;
  }

  /** Events written so far by the sink or, in its place, by the fallback. */
  get handedOver(): number {
    return this.counters.emitted + this.counters.fallback;
  }

  /** Events waiting in the queue. */
  get depth(): number {
    return this.#queue.length;
  }

  /** Events of the batch being written right now (0 when idle). */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The current gauges for a metrics snapshot. */
  gauges(): SinkGauges {
    const queue = this.#queue;
    return {
      queueDepth: queue.length,
      queuedBytes: this.needsSize ? queue.bytes : queue.sum(estimateEventSize),
      breakerState: this.breaker ? this.breaker.state : "closed",
    };
  }

  /**
   * Accepts an event: never throws, never waits. `size` is the event's
   * estimated size (pass 0 when `needsSize` is false).
   */
  enqueue(event: LogEvent, size: number): void {
    const metrics = this.metricsEnabled;
    if (metrics) this.counters.received++;
    if (!this.queued) {
      this.#deliverDirect(event);
      return;
    }
    if (!this.#queue.offer(event, size)) {
      this.counters.drop("queueFull", 1);
      return;
    }
    this.#accepted++;
    if (this.#draining !== undefined && !(this.#watchTimers && this.#abandonIfStuck())) return;
    if (this.#queue.length >= this.#batchSize) this.#startDrain();
    else if (this.#timer === undefined) this.#armTimer();
    else if (this.#watchTimers && this.#scheduler.now() >= this.#timerDue + this.#flushIntervalMs) {
      // The runtime dropped our timer (a Workers request ended): deliver now.
      this.#startDrain();
    }
  }

  /** Resolves when the queue has room below `maxSize` (for the `block` policy). */
  ready(): Promise<void> {
    if (this.#queue.hasRoom || this.#halted) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Drains the queue and waits for the sink's own flush; the sink stays usable. */
  async flush(): Promise<void> {
    // Wait for the events accepted so far, not for an empty queue: under steady
    // logging the queue is never empty, and a flush must still return.
    const target = this.#accepted;
    if (this.#direct.size > 0) await Promise.all([...this.#direct]);
    while (!this.#halted && this.#retired < target && this.#suspendedAt !== this.#accepted) {
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

  /** Resolves when no batch is being written (after `halt()`, once the current one settles). */
  idle(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  /** Stops delivering and discards what is queued, counted as dropped (`afterShutdown`). Returns how many. */
  halt(): number {
    this.#halted = true;
    this.#cancelTimer();
    const discarded = this.#queue.clear();
    if (discarded > 0) this.#evicted("afterShutdown", discarded);
    this.#releaseWaiters();
    this.#notifyProgress();
    return discarded;
  }

  /**
   * Stops delivering what is queued now (the process is about to end and the
   * sink did not keep up: what is left goes to the synchronous exit path);
   * delivery resumes by itself when another event arrives.
   */
  suspend(): void {
    this.#suspendedAt = this.#accepted;
    this.#cancelTimer();
    this.abandonInFlight();
  }

  /**
   * Gives up the batch being written (a shutdown out of time, or a write the
   * runtime will never time out): its events count as failed now, and its
   * write settling later changes nothing. Returns how many events it had.
   */
  abandonInFlight(): number {
    const stuck = this.#inFlight;
    if (stuck === 0) return 0;
    const written = this.#ticket?.written ?? 0;
    this.#ticket?.abandon();
    const failed = stuck - written;
    this.counters.apply({ written, failed, rescued: 0, lost: failed, breakerDropped: 0 }, undefined, 0);
    this.#inFlight = 0;
    this.#retired += stuck;
    this.#generation++;
    this.#draining = undefined;
    this.#notifyProgress();
    return stuck;
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
    queue.take(queue.length, batch);
    this.#retired += batch.length;
    const counters = this.counters;
    for (const target of [this.sink, this.fallback]) {
      if (target?.emitSync === undefined) continue;
      try {
        target.emitSync(batch);
        const fromSink = target === this.sink;
        const n = batch.length;
        counters.apply({ written: fromSink ? n : 0, failed: 0, rescued: fromSink ? 0 : n, lost: 0, breakerDropped: 0 }, undefined, 0);
        return n;
      } catch (error) {
        SelfLog.write(`Sink "${this.name}" failed its synchronous last-chance write of ${batch.length} events`, error);
      }
    }
    counters.apply({ written: 0, failed: batch.length, rescued: 0, lost: batch.length, breakerDropped: 0 }, undefined, 0);
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
    this.counters.drop("afterShutdown", 1);
  }

  /** Queued events the queue let go (overflow, budget, halt): they leave for good. */
  #evicted(reason: DropReason, count: number): void {
    this.#retired += count;
    this.counters.drop(reason, count);
  }


  #armTimer(): void {
    this.#timer = this.#scheduler.setTimeout(this.#onTimer, this.#flushIntervalMs, { keepAlive: this.#timerKeepsAlive });
    if (this.#watchTimers) this.#timerDue = this.#scheduler.now() + this.#flushIntervalMs;
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

  async #drain(generation: number): Promise<void> {
    const queue = this.#queue;
    const current = (): boolean => generation === this.#generation;
    try {
      while (queue.length > 0 && !this.#halted && this.#suspendedAt !== this.#accepted && current()) {
        const batch: LogEvent[] = [];
        queue.take(this.#batchSize, batch);
        const times = this.metricsEnabled ? enqueueTimes(batch, this.#scheduler) : undefined;
        if (this.#readyWaiters.length > 0 && queue.hasRoom) this.#releaseWaiters();
        this.#inFlight = batch.length;
        if (this.#watchTimers) this.#batchStartedAt = this.#scheduler.now();
        const ticket = (this.#ticket = new DeliveryTicket(this.#scheduler, this.#timerKeepsAlive));
        const outcome = await deliverBatch(this, batch, ticket);
        if (!current()) return; // given up meanwhile: already counted
        this.#settled(outcome, times);
        this.#inFlight = 0;
        this.#retired += batch.length;
        this.#notifyProgress();
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

  /** Counts a batch's outcome, then what the sink reports of its own (bytes, events it discarded). */
  #settled(outcome: DeliveryOutcome, times: readonly number[] | undefined): void {
    const counters = this.counters;
    counters.apply(outcome, times, times === undefined ? 0 : this.#scheduler.now());
    const sink = this.sink;
    const written = sink.bytesWritten;
    if (typeof written === "number") counters.bytesWritten = written - this.#bytesBase;
    const discarded = sink.discardedEvents;
    if (typeof discarded === "number" && discarded > this.#discardedSeen) {
      const newly = discarded - this.#discardedSeen;
      this.#discardedSeen = discarded;
      counters.emitted -= newly;
      counters.drop("sinkLimit", newly);
    }
  }

  #deliverDirect(event: LogEvent): void {
    const times = this.metricsEnabled ? [this.#scheduler.now()] : undefined;
    const outcome = deliverBatch(this, [event], new DeliveryTicket(this.#scheduler, this.#timerKeepsAlive));
    if (!(outcome instanceof Promise)) {
      this.#settled(outcome, times);
      return;
    }
    const pending = outcome.then((o) => this.#settled(o, times));
    this.#direct.add(pending);
    pending.then(() => this.#direct.delete(pending));
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

function isResolved(options: SinkOptions | ResolvedSinkOptions): options is ResolvedSinkOptions {
  return typeof (options as ResolvedSinkOptions).batchSize === "number" && "queued" in options;
}

/**
 * The monotonic time each event of `batch` was logged at, for the latency
 * metric: read from its timestamp (the wall clock at the call) against one
 * reading of both clocks now, when the batch leaves the queue. The caller's
 * path reads no clock for metrics (a monotonic read is ~40 ns on Node and
 * Bun, ~80 ns on Deno). Whole-millisecond stamps make a latency up to 1 ms
 * off; a wall clock that stepped while the event waited moves it by the
 * step, and a stamp in the future counts as now (never negative).
 */
function enqueueTimes(batch: readonly LogEvent[], scheduler: Scheduler): number[] {
  const mono = scheduler.now();
  const wall = scheduler.wallClock();
  const times: number[] = new Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const waited = wall - batch[i].timestamp;
    times[i] = waited > 0 && waited < Infinity ? mono - waited : mono;
  }
  return times;
}
