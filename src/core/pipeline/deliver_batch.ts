/**
 * Delivery of one batch: breaker check, the sink's `emit` under a write
 * timeout, success and failure accounting, and the fallback route.
 *
 * @module
 */
import type { LogEvent } from "../log_event.ts";
import type { Scheduler } from "../runtime.ts";
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
): Promise<void> | undefined {
  const breaker = target.breaker;
  if (breaker !== undefined && !breaker.allowRequest()) return routeAroundOpenBreaker(target, batch, scheduler);
  let result: void | Promise<void>;
  try {
    result = target.sink.emit(batch);
  } catch (error) {
    return onFailure(target, batch, error, scheduler);
  }
  if (!isThenable(result)) {
    onSuccess(target, batch, enqueuedAt, scheduler);
    return undefined;
  }
  return settle(target, result, batch, enqueuedAt, scheduler);
}

async function settle(
  target: DeliveryTarget,
  pending: Promise<void>,
  batch: LogEvent[],
  enqueuedAt: readonly number[],
  scheduler: Scheduler,
): Promise<void> {
  try {
    await withTimeout(pending, target.writeTimeoutMs, target.name, scheduler);
  } catch (error) {
    await onFailure(target, batch, error, scheduler);
    return;
  }
  onSuccess(target, batch, enqueuedAt, scheduler);
}

function onSuccess(target: DeliveryTarget, batch: LogEvent[], enqueuedAt: readonly number[], scheduler: Scheduler): void {
  target.breaker?.recordSuccess();
  target.delivered += batch.length;
  const metrics = target.metrics;
  if (metrics === undefined) return;
  metrics.emitted += batch.length;
  metrics.batches++;
  const now = scheduler.now();
  for (let i = 0; i < enqueuedAt.length; i++) metrics.latency.record(now - enqueuedAt[i]);
}

function onFailure(
  target: DeliveryTarget,
  batch: LogEvent[],
  error: unknown,
  scheduler: Scheduler,
): Promise<void> | undefined {
  target.losses.failed += batch.length;
  target.breaker?.recordFailure();
  const state = target.breaker ? ` (breaker ${target.breaker.state})` : "";
  SelfLog.write(`Sink "${target.name}" failed to write a batch of ${batch.length} events${state}: ${describe(error)}`, error);
  if (target.fallback === undefined) return undefined;
  return emitToFallback(target, batch, scheduler, undefined);
}

function routeAroundOpenBreaker(target: DeliveryTarget, batch: LogEvent[], scheduler: Scheduler): Promise<void> | undefined {
  if (target.fallback === undefined) {
    target.losses.drop("breakerOpen", batch.length);
    return undefined;
  }
  return emitToFallback(target, batch, scheduler, "breakerOpen");
}

/** Hands a batch to the fallback; if that fails too, the events are counted as lost. */
function emitToFallback(
  target: DeliveryTarget,
  batch: LogEvent[],
  scheduler: Scheduler,
  dropReason: "breakerOpen" | undefined,
): Promise<void> | undefined {
  const fallback = target.fallback as Sink;
  const lost = (error: unknown): void => {
    if (dropReason !== undefined) target.losses.drop(dropReason, batch.length);
    SelfLog.write(`Fallback of sink "${target.name}" failed; ${batch.length} events lost: ${describe(error)}`, error);
  };
  const counted = (): void => {
    target.losses.fallback += batch.length;
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
  const guarded = withTimeout(result, target.writeTimeoutMs, `${target.name} fallback`, scheduler);
  return guarded.then(counted, lost);
}

function withTimeout(pending: Promise<void>, ms: number, name: string, scheduler: Scheduler): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = scheduler.setTimeout(() => reject(new WriteTimeoutError(name, ms)), ms);
    pending.then(
      () => {
        scheduler.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        scheduler.clearTimeout(timer);
        reject(error);
      },
    );
  });
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
