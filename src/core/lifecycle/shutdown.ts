/**
 * Shutdown strategies and the report a shutdown returns.
 *
 * @module
 */
import type { Scheduler } from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { beforeDeadline, TIMED_OUT } from "./deadline.ts";
import type { Pipeline } from "../pipeline/pipeline.ts";

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
 * const options: ShutdownOptions = { strategy: "graceful", timeoutMs: 5_000, handleSignals: true, reopenOn: "SIGHUP" };
 * ```
 */
export interface ShutdownOptions {
  /** Default `graceful`. */
  strategy?: ShutdownStrategy;
  /** The budget for all four phases: handlers, draining, closing sinks. Default 5 000 ms. */
  timeoutMs?: number;
  /**
   * Let the runtime adapter shut the logger down on SIGTERM, SIGINT and SIGHUP
   * and then exit with 143/130/129 (unless the application listens for the
   * signal too: then it decides when to exit). A second signal during the
   * shutdown writes what is queued synchronously and exits at once. Default
   * false: signals keep their default effect. (Flushing when the program ends
   * or calls `exit()` needs no option: it is always on where the runtime
   * reports it.)
   */
  handleSignals?: boolean;
  /**
   * With `handleSignals`: on this signal, reopen every file sink (what
   * logrotate's `postrotate kill -HUP` expects) and keep running, instead of
   * shutting down.
   */
  reopenOn?: "SIGHUP";
}

/**
 * What a shutdown did. The counts are differences of the sinks' counters
 * over the shutdown, so they add up with `log.metrics()`.
 *
 * @example
 * ```ts
 * import type { ShutdownReport } from "@logging/core";
 * function ok(r: ShutdownReport): boolean { return r.dropped === 0 && r.failed === 0 && !r.timedOut; }
 * ```
 */
export interface ShutdownReport {
  /** Events written during shutdown by the sinks or, in their place, their fallbacks. */
  readonly flushed: number;
  /** Events dropped during shutdown, whatever the reason (the strategy, the timeout, an open breaker, a full queue…). */
  readonly dropped: number;
  /** Events in batches that failed during shutdown and that no fallback wrote. */
  readonly failed: number;
  /** Whether the timeout cut a handler, draining or a sink's close short. */
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


/**
 * What {@link runShutdown} needs of the logger it shuts down.
 *
 * @example
 * ```ts
 * import type { ShutdownSubject } from "./shutdown.ts";
 * const subject: ShutdownSubject = { pipelines: [], runHandlers: async () => {}, stopAccepting: () => {} };
 * ```
 */
export interface ShutdownSubject {
  /** One per sink. */
  readonly pipelines: readonly Pipeline[];
  /** Phase 1: the `onShutdown` handlers, while events are still accepted. */
  runHandlers(): Promise<void>;
  /** Phase 2: later log calls are refused (counted `afterShutdown`). */
  stopAccepting(): void;
}

/**
 * Runs a shutdown in four phases within one deadline measured on
 * `scheduler`: (1) the handlers, while the logger still accepts and delivers
 * events; (2) stop accepting; (3) drain by the strategy; (4) close the sinks.
 *
 * @example
 * ```ts
 * import { ManualScheduler } from "@logging/core/testing";
 * import { runShutdown } from "./shutdown.ts";
 * const report = await runShutdown(
 *   { pipelines: [], runHandlers: async () => {}, stopAccepting: () => {} },
 *   { strategy: "immediate" },
 *   new ManualScheduler(),
 * );
 * report.dropped; // 0
 * ```
 */
export async function runShutdown(
  subject: ShutdownSubject,
  options: ShutdownOptions,
  scheduler: Scheduler,
): Promise<ShutdownReport> {
  const pipelines = subject.pipelines;
  const started = scheduler.now();
  const timeoutMs = typeof options.timeoutMs === "number" && options.timeoutMs >= 0 ? options.timeoutMs : 5_000;
  const deadline = started + timeoutMs;
  const strategy = options.strategy ?? "graceful";
  const before = totals(pipelines);
  let timedOut = false;
  const giveUp = (): void => {
    timedOut = true;
    for (const p of pipelines) {
      p.halt();
      p.abandonInFlight();
    }
  };

  // Phase 1: handlers run while their own events (and in-flight work's) are still accepted and delivered.
  if ((await beforeDeadline(subject.runHandlers(), deadline, scheduler)) === TIMED_OUT) {
    timedOut = true;
    SelfLog.write(`Shutdown handlers did not finish within ${timeoutMs} ms`);
  }
  // Phase 2.
  subject.stopAccepting();
  // Phase 3.
  if (strategy === "immediate") {
    for (const p of pipelines) p.halt();
  } else {
    const drained = Promise.all(pipelines.map((p) => p.flush()));
    const outcome = strategy === "flush" ? await drained : await beforeDeadline(drained, deadline, scheduler);
    if (outcome === TIMED_OUT) giveUp();
  }
  // A batch already being written finishes (within the deadline) before the sinks close.
  const writing = Promise.all(pipelines.map((p) => p.idle()));
  if ((await beforeDeadline(writing, Math.max(deadline, scheduler.now()), scheduler)) === TIMED_OUT) giveUp();
  // Phase 4.
  const closing = Promise.all(pipelines.map((p) => p.close()));
  if ((await beforeDeadline(closing, Math.max(deadline, scheduler.now()), scheduler)) === TIMED_OUT) {
    timedOut = true;
    SelfLog.write(`Closing the sinks did not finish within ${timeoutMs} ms`);
  }
  const after = totals(pipelines);
  return {
    flushed: after.written - before.written,
    dropped: after.dropped - before.dropped,
    failed: after.lost - before.lost,
    timedOut,
    durationMs: scheduler.now() - started,
  };
}

interface Totals {
  written: number;
  dropped: number;
  lost: number;
}

function totals(pipelines: readonly Pipeline[]): Totals {
  const sum: Totals = { written: 0, dropped: 0, lost: 0 };
  for (const p of pipelines) {
    sum.written += p.handedOver;
    sum.dropped += p.counters.droppedTotal;
    sum.lost += p.counters.failedLost;
  }
  return sum;
}

/**
 * Runs `handlers` concurrently; a throwing handler is reported to SelfLog.
 *
 * @example
 * ```ts
 * import { runShutdownHandlers } from "./shutdown.ts";
 * await runShutdownHandlers([async () => {}]);
 * ```
 */
export async function runShutdownHandlers(handlers: readonly ShutdownHandler[]): Promise<void> {
  await Promise.all(handlers.map((h) => guarded(h)));
}

async function guarded(fn: ShutdownHandler): Promise<void> {
  try {
    await fn();
  } catch (error) {
    SelfLog.write("A shutdown handler failed", error);
  }
}
