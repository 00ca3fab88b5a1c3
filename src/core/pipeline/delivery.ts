/**
 * Delivery of one batch: breaker check, the sink's `emit` under a write
 * timeout, and the fallback route. It decides what happened to the batch and
 * says so in a {@link DeliveryOutcome}; it counts nothing itself (the
 * pipeline's counters apply the outcome, in one place).
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { Scheduler, TimerId } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import type { CircuitBreaker } from "./circuit_breaker.ts";

/**
 * Where a batch goes: the sink, its breaker and fallback, and the write timeout.
 *
 * @example
 * ```ts
 * import type { DeliveryRoute } from "./delivery.ts";
 * const route: DeliveryRoute = { name: "file", sink: { emit() {} }, fallback: undefined, breaker: undefined, writeTimeoutMs: 30_000 };
 * ```
 */
export interface DeliveryRoute {
  /** The pipeline's name, used in SelfLog messages and timeout errors. */
  readonly name: string;
  /** The destination of each batch. */
  readonly sink: Sink;
  /** Where batches go while the breaker is open or when the sink fails them. */
  readonly fallback: Sink | undefined;
  /** Guards the sink; `undefined` for none. */
  readonly breaker: CircuitBreaker | undefined;
  /** A batch (or fallback write) not settled within this many ms counts as failed. */
  readonly writeTimeoutMs: number;
}

/**
 * What became of a batch. Every event of it is in exactly one of: `written`
 * (by the sink: always the leading events), `rescued` (by the fallback),
 * `lost` (failed, and no fallback wrote it) or `breakerDropped` (refused by
 * the open breaker, and no fallback wrote it). `failed` counts the events the
 * sink was given and did not write (rescued or lost).
 *
 * @example
 * ```ts
 * import type { DeliveryOutcome } from "./delivery.ts";
 * const partial: DeliveryOutcome = { written: 3, failed: 2, rescued: 2, lost: 0, breakerDropped: 0 };
 * ```
 */
export interface DeliveryOutcome {
  /** Leading events the sink wrote. */
  readonly written: number;
  /** Events the sink was given and did not write. */
  readonly failed: number;
  /** Events the fallback wrote (failed ones, or all while the breaker was open). */
  readonly rescued: number;
  /** Failed events no fallback wrote. */
  readonly lost: number;
  /** Events the open breaker refused that no fallback wrote. */
  readonly breakerDropped: number;
  /** Why the sink failed, when it did. */
  readonly error?: unknown;
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
 * alive) and its outcome never arrives.
 *
 * @example
 * ```ts
 * import { DeliveryTicket } from "./delivery.ts";
 * import { ManualScheduler } from "../runtime/manual_scheduler.ts";
 * const ticket = new DeliveryTicket(new ManualScheduler());
 * ticket.abandon();
 * ticket.abandoned; // true
 * ```
 */
export class DeliveryTicket {
  /** True once {@link DeliveryTicket.abandon} was called. */
  abandoned = false;
  /** Leading events the sink is known to have written (a partial write), while the rest is still on its way. */
  written = 0;
  readonly #scheduler: Scheduler;
  readonly #keepAlive: boolean;
  #timer: TimerId | undefined;

  /**
   * A ticket whose timers run on `scheduler`. `keepAlive`: whether a pending
   * write timeout holds the process (false where the runtime announces that
   * the process is going idle: the logger's flush then bounds the wait as a
   * whole, not per batch).
   */
  constructor(scheduler: Scheduler, keepAlive = true) {
    this.#scheduler = scheduler;
    this.#keepAlive = keepAlive;
  }

  /** Gives the delivery up: cancels its pending write timeout. */
  abandon(): void {
    this.abandoned = true;
    this.#clear();
  }

  /** Waits for `pending` at most `ms`; rejects with a {@link WriteTimeoutError} after that. */
  withTimeout(pending: Promise<void>, ms: number, name: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#timer = this.#scheduler.setTimeout(() => reject(new WriteTimeoutError(name, ms)), ms, { keepAlive: this.#keepAlive });
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
 * Sends `batch` through the breaker to the sink (and, where needed, the
 * fallback) and resolves with what happened. Synchronous sinks get a
 * synchronous outcome (no promise). Never throws or rejects.
 *
 * @example
 * ```ts
 * import { ManualScheduler } from "../runtime/manual_scheduler.ts";
 * import { deliverBatch, DeliveryTicket } from "./delivery.ts";
 * const scheduler = new ManualScheduler();
 * const route = { name: "x", sink: { emit() {} }, fallback: undefined, breaker: undefined, writeTimeoutMs: 1_000 };
 * deliverBatch(route, [], new DeliveryTicket(scheduler)); // { written: 0, … }
 * ```
 */
export function deliverBatch(
  route: DeliveryRoute,
  batch: readonly LogEvent[],
  ticket: DeliveryTicket,
): DeliveryOutcome | Promise<DeliveryOutcome> {
  const breaker = route.breaker;
  if (breaker !== undefined && !breaker.allowRequest()) return toFallback(route, batch, 0, 0, "breakerOpen", ticket);
  let result: void | Promise<void>;
  try {
    result = route.sink.emit(batch);
  } catch (error) {
    return onFailure(route, batch, error, ticket);
  }
  if (!isThenable(result)) return succeeded(route, batch.length);
  return ticket.withTimeout(result, route.writeTimeoutMs, route.name).then(
    () => succeeded(route, batch.length),
    (error: unknown) => onFailure(route, batch, error, ticket),
  );
}

function succeeded(route: DeliveryRoute, written: number): DeliveryOutcome {
  route.breaker?.recordSuccess();
  return { written, failed: 0, rescued: 0, lost: 0, breakerDropped: 0 };
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
  route: DeliveryRoute,
  batch: readonly LogEvent[],
  error: unknown,
  ticket: DeliveryTicket,
): DeliveryOutcome | Promise<DeliveryOutcome> {
  // A sink that wrote part of the batch says how much: those events are
  // written, and only the rest fails and goes to the fallback.
  const written = writtenBefore(error, batch.length);
  if (written === batch.length) return succeeded(route, written);
  ticket.written = written;
  route.breaker?.recordFailure();
  const failed = batch.length - written;
  const state = route.breaker ? ` (breaker ${route.breaker.state})` : "";
  const what = written > 0 ? `${failed} of a batch of ${batch.length} events` : `a batch of ${batch.length} events`;
  SelfLog.write(`Sink "${route.name}" failed to write ${what}${state}: ${describe(error)}`, error);
  return toFallback(route, written > 0 ? batch.slice(written) : batch, written, failed, "failed", ticket, error);
}

/** Hands the events the sink did not write to the fallback; if that fails too, they are lost. */
function toFallback(
  route: DeliveryRoute,
  rest: readonly LogEvent[],
  written: number,
  failed: number,
  why: "failed" | "breakerOpen",
  ticket: DeliveryTicket,
  cause?: unknown,
): DeliveryOutcome | Promise<DeliveryOutcome> {
  const rescued: DeliveryOutcome = { written, failed, rescued: rest.length, lost: 0, breakerDropped: 0, error: cause };
  const lost = (error?: unknown): DeliveryOutcome => {
    if (error !== undefined) {
      SelfLog.write(`Fallback of sink "${route.name}" failed; ${rest.length} events lost: ${describe(error)}`, error);
    }
    return why === "failed"
      ? { written, failed, rescued: 0, lost: rest.length, breakerDropped: 0, error: cause }
      : { written, failed, rescued: 0, lost: 0, breakerDropped: rest.length };
  };
  const fallback = route.fallback;
  if (fallback === undefined) return lost();
  let result: void | Promise<void>;
  try {
    result = fallback.emit(rest);
  } catch (error) {
    return lost(error);
  }
  if (!isThenable(result)) return rescued;
  return ticket.withTimeout(result, route.writeTimeoutMs, `${route.name} fallback`).then(() => rescued, lost);
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
