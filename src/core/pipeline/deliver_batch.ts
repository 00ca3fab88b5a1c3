/**
 * Delivery of one batch: breaker check, the sink's `emit` under a write
 * timeout, success and failure accounting, and the fallback route.
 *
 * @module
 */
import type { LogEvent } from "../log_event.ts";
import type { Scheduler, TimerId } from "../runtime.ts";
import type { Sink } from "../sink.ts";
import { SelfLog } from "../self_log.ts";
import type { SinkMetrics } from "../metrics/sink_metrics.ts";
import type { CircuitBreaker } from "./circuit_breaker.ts";

/**
 * What delivery needs to know of a pipeline.
 *
 * @example
 * ```ts
 * import type { DeliveryTarget } from "@logging/core";
 * function describe(t: DeliveryTarget): string { return t.name; }
 * ```
 */
export interface DeliveryTarget {
  /** The pipeline's name, used in SelfLog messages and timeout errors. */
  readonly name: string;
  /** The destination of each batch. */
  readonly sink: Sink;
  /** Where batches go while the breaker is open or when the sink fails them. */
  readonly fallback: Sink | undefined;
  /** Guards the sink and supplies the write timeout; `undefined` for none. */
  readonly breaker: CircuitBreaker | undefined;
  /** A batch (or fallback write) not settled within this many ms counts as failed. */
  readonly writeTimeoutMs: number;
  /** Events the sink wrote, counted even with metrics off (shutdown reports use it). */
  delivered: number;
  /** Events in failed batches that no fallback wrote, counted even with metrics off. */
  failedWithoutFallback: number;
  /** Full counters and latency, when metrics are enabled. */
  readonly metrics: SinkMetrics | undefined;
  /** Always-on drop and failure counts. */
  readonly losses: SinkMetrics;
}

/**
 * Thrown (to SelfLog, never to the application) when a sink does not settle a
 * batch within the pipeline's write timeout.
 *
 * @example
 * ```ts
 * import { WriteTimeoutError } from "@logging/core";
 * new WriteTimeoutError("file", 10_000).message;
 * ```
 */
export class WriteTimeoutError extends Error {
  /** Creates the error for sink `sink` after a timeout of `ms` milliseconds. */
  constructor(sink: string, ms: number) {
    super(`Sink "${sink}" did not finish writing a batch within ${ms} ms`);
    this.name = "WriteTimeoutError";
  }
}

/**
 * One batch's delivery, so the pipeline can give it up (a shutdown out of
 * time): then its write timeout is cancelled (it no longer keeps the process
 * alive) and its settling later counts nothing.
 *
 * @example
 * ```ts
 * import { DeliveryTicket, ManualScheduler } from "@logging/core";
 * const ticket = new DeliveryTicket(new ManualScheduler());
 * ticket.abandon();
 * ticket.abandoned; // true
 * ```
 */
export class DeliveryTicket {
  /** True once {@link DeliveryTicket.abandon} was called. */
  abandoned = false;
  readonly #scheduler: Scheduler;
  #timer: TimerId | undefined;

  /** A ticket whose timers run on `scheduler`. */
  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  /** Gives the delivery up: cancels its pending write timeout; nothing more is counted for it. */
  abandon(): void {
    this.abandoned = true;
    this.#clear();
  }

  /** Waits for `pending` at most `ms`; rejects with a {@link WriteTimeoutError} after that. */
  withTimeout(pending: Promise<void>, ms: number, name: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#timer = this.#scheduler.setTimeout(() => reject(new WriteTimeoutError(name, ms)), ms);
      pending.then(
        () => {
          this.#clear();
          resolve();
        },
        (error: unknown) => {
          this.#clear();
          reject(error);
        },
      );
    });
  }

  #clear(): void {
    if (this.#timer === undefined) return;
    this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Sends `batch` through the breaker to the sink. Returns `undefined` when the
 * batch was settled synchronously, so synchronous sinks cost no promise.
 * Never throws or rejects.
 *
 * @example
 * ```ts
 * import { ManualScheduler, Pipeline, deliverBatch, memorySink } from "@logging/core";
 * const clock = new ManualScheduler();
 * const pipeline = new Pipeline(memorySink(), {}, clock, false);
 * deliverBatch(pipeline, [], [], clock);
 * ```
 */
export function deliverBatch(
  target: DeliveryTarget,
  batch: LogEvent[],
  enqueuedAt: readonly number[],
  scheduler: Scheduler,
  ticket?: DeliveryTicket,
): Promise<void> | undefined {
  const breaker = target.breaker;
  if (breaker !== undefined && !breaker.allowRequest()) {
    return routeAroundOpenBreaker(target, batch, ticket ?? new DeliveryTicket(scheduler));
  }
  let result: void | Promise<void>;
  try {
    result = target.sink.emit(batch);
  } catch (error) {
    return onFailure(target, batch, enqueuedAt, error, scheduler, ticket ?? new DeliveryTicket(scheduler));
  }
  if (!isThenable(result)) {
    onSuccess(target, batch.length, enqueuedAt, scheduler);
    return undefined;
  }
  return settle(target, result, batch, enqueuedAt, scheduler, ticket ?? new DeliveryTicket(scheduler));
}

async function settle(
  target: DeliveryTarget,
  pending: Promise<void>,
  batch: LogEvent[],
  enqueuedAt: readonly number[],
  scheduler: Scheduler,
  ticket: DeliveryTicket,
): Promise<void> {
  try {
    await ticket.withTimeout(pending, target.writeTimeoutMs, target.name);
  } catch (error) {
    if (!ticket.abandoned) await onFailure(target, batch, enqueuedAt, error, scheduler, ticket);
    return;
  }
  if (!ticket.abandoned) onSuccess(target, batch.length, enqueuedAt, scheduler);
}

/** Counts the first `count` events of a batch as written. */
function onSuccess(target: DeliveryTarget, count: number, enqueuedAt: readonly number[], scheduler: Scheduler): void {
  target.breaker?.recordSuccess();
  target.delivered += count;
  const metrics = target.metrics;
  if (metrics === undefined) return;
  metrics.emitted += count;
  metrics.batches++;
  const now = scheduler.now();
  const timed = Math.min(count, enqueuedAt.length);
  for (let i = 0; i < timed; i++) metrics.latency.record(now - enqueuedAt[i]);
}

/**
 * How many leading events of a failed batch the sink did write, from the
 * error's `eventsWritten` (see `Sink.emit`); 0 when it does not say.
 */
function writtenBefore(error: unknown, size: number): number {
  const written = (error as { eventsWritten?: unknown } | null)?.eventsWritten;
  return typeof written === "number" && Number.isInteger(written) && written > 0 ? Math.min(written, size) : 0;
}

function onFailure(
  target: DeliveryTarget,
  batch: LogEvent[],
  enqueuedAt: readonly number[],
  error: unknown,
  scheduler: Scheduler,
  ticket: DeliveryTicket,
): Promise<void> | undefined {
  // A sink that wrote part of the batch says how much: those events are
  // emitted, and only the rest fails and goes to the fallback.
  const written = writtenBefore(error, batch.length);
  if (written > 0) onSuccess(target, written, enqueuedAt, scheduler);
  const rest = written > 0 ? batch.slice(written) : batch;
  if (rest.length === 0) return undefined;
  target.losses.fail(rest.length);
  target.breaker?.recordFailure();
  const state = target.breaker ? ` (breaker ${target.breaker.state})` : "";
  SelfLog.write(`Sink "${target.name}" failed to write a batch of ${rest.length} events${state}: ${describe(error)}`, error);
  if (target.fallback === undefined) {
    target.failedWithoutFallback += rest.length;
    return undefined;
  }
  return emitToFallback(target, rest, undefined, ticket);
}

function routeAroundOpenBreaker(target: DeliveryTarget, batch: LogEvent[], ticket: DeliveryTicket): Promise<void> | undefined {
  if (target.fallback === undefined) {
    target.losses.drop("breakerOpen", batch.length);
    return undefined;
  }
  return emitToFallback(target, batch, "breakerOpen", ticket);
}

/** Hands a batch to the fallback; if that fails too, the events are counted as lost. */
function emitToFallback(
  target: DeliveryTarget,
  batch: LogEvent[],
  dropReason: "breakerOpen" | undefined,
  ticket: DeliveryTicket,
): Promise<void> | undefined {
  const fallback = target.fallback as Sink;
  const lost = (error: unknown): void => {
    if (ticket.abandoned) return;
    if (dropReason !== undefined) target.losses.drop(dropReason, batch.length);
    else target.failedWithoutFallback += batch.length;
    SelfLog.write(`Fallback of sink "${target.name}" failed; ${batch.length} events lost: ${describe(error)}`, error);
  };
  const counted = (): void => {
    if (!ticket.abandoned) target.losses.fallback += batch.length;
  };
  let result: void | Promise<void>;
  try {
    result = fallback.emit(batch);
  } catch (error) {
    lost(error);
    return undefined;
  }
  if (!isThenable(result)) {
    counted();
    return undefined;
  }
  return ticket.withTimeout(result, target.writeTimeoutMs, `${target.name} fallback`).then(counted, lost);
}

function isThenable(value: unknown): value is Promise<void> {
  return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return "unprintable error";
  }
}
