/**
 * Shutdown strategies and the report a shutdown returns.
 *
 * @module
 */
import type { Scheduler } from "./runtime.ts";
import { SelfLog } from "./self_log.ts";
import type { Pipeline } from "./pipeline/pipeline.ts";

/**
 * - `immediate`: drop what is queued (counted) and close.
 * - `flush`: deliver everything queued, however long it takes (each batch is
 *   still bounded by the breaker's write timeout).
 * - `graceful` (default): deliver until `timeoutMs`, then drop the rest (counted).
 *
 * @example
 * ```ts
 * import type { ShutdownStrategy } from "@logging/core";
 * const strategy: ShutdownStrategy = "graceful";
 * ```
 */
export type ShutdownStrategy = "immediate" | "flush" | "graceful";

/**
 * Shutdown settings for `withShutdown()` and `log.shutdown()`.
 *
 * @example
 * ```ts
 * import type { ShutdownOptions } from "@logging/core";
 * const options: ShutdownOptions = { strategy: "graceful", timeoutMs: 5_000, handleSignals: true };
 * ```
 */
export interface ShutdownOptions {
  /** Default `graceful`. */
  strategy?: ShutdownStrategy;
  /** The budget for draining, handlers and closing sinks. Default 5 000 ms. */
  timeoutMs?: number;
  /**
   * Let the runtime adapter call shutdown on SIGTERM/SIGINT (then exit with
   * 143/130), flush on `beforeExit`, and write what is queued synchronously on
   * `exit`/`unload`. Default false.
   */
  handleSignals?: boolean;
}

/**
 * What a shutdown did.
 *
 * @example
 * ```ts
 * import type { ShutdownReport } from "@logging/core";
 * function ok(r: ShutdownReport): boolean { return r.dropped === 0 && !r.timedOut; }
 * ```
 */
export interface ShutdownReport {
  /** Events written during shutdown by the sinks or, in their place, their fallbacks. */
  readonly flushed: number;
  /** Queued events discarded by the strategy or the timeout. */
  readonly dropped: number;
  /** Whether the timeout cut draining, a handler or a sink's close short. */
  readonly timedOut: boolean;
  /** How long the shutdown took, in milliseconds (scheduler time). */
  readonly durationMs: number;
}

/**
 * A cleanup function registered with `log.onShutdown`; run concurrently with
 * the others under the shutdown timeout.
 *
 * @example
 * ```ts
 * import type { ShutdownHandler } from "@logging/core";
 * const closeDb: ShutdownHandler = async () => { /* pool.end() *\/ };
 * ```
 */
export type ShutdownHandler = () => void | Promise<void>;

const TIMED_OUT = Symbol("timed out");

/**
 * Runs a shutdown over the pipelines: strategy, then handlers, then closing
 * the sinks, all within one deadline measured on `scheduler`.
 *
 * @example
 * ```ts
 * import { ManualScheduler, runShutdown } from "@logging/core";
 * const report = await runShutdown([], [], { strategy: "immediate" }, new ManualScheduler());
 * report.dropped; // 0
 * ```
 */
export async function runShutdown(
  pipelines: readonly Pipeline[],
  handlers: readonly ShutdownHandler[],
  options: ShutdownOptions,
  scheduler: Scheduler,
): Promise<ShutdownReport> {
  const started = scheduler.now();
  const timeoutMs = typeof options.timeoutMs === "number" && options.timeoutMs >= 0 ? options.timeoutMs : 5_000;
  const deadline = started + timeoutMs;
  const strategy = options.strategy ?? "graceful";
  const handedOver = (): number => pipelines.reduce((sum, p) => sum + p.handedOver, 0);
  const handedOverAtStart = handedOver();
  let dropped = 0;
  let timedOut = false;

  if (strategy === "immediate") {
    for (const p of pipelines) dropped += p.halt();
  } else {
    const drained = Promise.all(pipelines.map((p) => p.flush()));
    const outcome = strategy === "flush" ? await drained : await beforeDeadline(drained, deadline, scheduler);
    if (outcome === TIMED_OUT) {
      timedOut = true;
      for (const p of pipelines) dropped += p.halt();
    }
  }

  // A batch already being written finishes (within the deadline) before the sinks close.
  const writing = Promise.all(pipelines.map((p) => p.idle()));
  if ((await beforeDeadline(writing, deadline, scheduler)) === TIMED_OUT) {
    timedOut = true;
    for (const p of pipelines) dropped += p.inFlight;
  }

  const cleanup = [
    ...handlers.map((h) => guarded("shutdown handler", h)),
    ...pipelines.map((p) => p.close()),
  ];
  if ((await beforeDeadline(Promise.all(cleanup), Math.max(deadline, scheduler.now()), scheduler)) === TIMED_OUT) {
    timedOut = true;
    SelfLog.write(`Shutdown handlers or sink close did not finish within ${timeoutMs} ms`);
  }
  return {
    flushed: handedOver() - handedOverAtStart,
    dropped,
    timedOut,
    durationMs: scheduler.now() - started,
  };
}

async function guarded(what: string, fn: ShutdownHandler): Promise<void> {
  try {
    await fn();
  } catch (error) {
    SelfLog.write(`A ${what} failed`, error);
  }
}

function beforeDeadline<T>(work: Promise<T>, deadline: number, scheduler: Scheduler): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve) => {
    const timer = scheduler.setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - scheduler.now()));
    work.then(
      (value) => {
        scheduler.clearTimeout(timer);
        resolve(value);
      },
      () => {
        scheduler.clearTimeout(timer);
        resolve(TIMED_OUT);
      },
    );
  });
}
