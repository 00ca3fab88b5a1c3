/**
 * The scheduler over web-standard timers that every runtime can use.
 *
 * @module
 */
import type { Scheduler, TimerId, TimerOptions } from "./runtime.ts";

interface UnrefableTimer {
  unref?: () => void;
}

interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  performance?: { now(): number };
}

const web = globalThis as unknown as TimerGlobals;

/**
 * A scheduler over `setTimeout`/`performance.now()`. A timer keeps the
 * process alive unless it is set with `{ keepAlive: false }` (then it is
 * unref'd, where the runtime supports that).
 *
 * @example
 * ```ts
 * import { webScheduler } from "@logging/core";
 * const s = webScheduler();
 * const started = s.now();
 * ```
 */
export function webScheduler(): Scheduler {
  const perf = web.performance;
  return {
    now: perf ? () => perf.now() : () => Date.now(),
    wallClock: () => Date.now(),
    setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerId {
      const id = web.setTimeout(fn, ms) as UnrefableTimer;
      if (options?.keepAlive === false && id !== null && typeof id === "object" && typeof id.unref === "function") {
        id.unref();
      }
      return id;
    },
    clearTimeout(id: TimerId): void {
      web.clearTimeout(id);
    },
  };
}

