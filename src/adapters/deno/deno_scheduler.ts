/**
 * Deno's scheduler: web timers; background ones unref'd with `Deno.unrefTimer`.
 *
 * @module
 */
import type { Scheduler, TimerId, TimerOptions } from "../../core/runtime/runtime.ts";
import { denoApi } from "./deno_api.ts";

/**
 * A {@link Scheduler} over `performance.now()`, `Date.now()` and
 * `setTimeout`. A timer keeps the process alive unless it is set with
 * `{ keepAlive: false }` (then `Deno.unrefTimer`).
 *
 * @example
 * ```ts
 * import { denoScheduler } from "@logging/core/deno";
 * const s = denoScheduler();
 * s.setTimeout(() => console.log("flush"), 50);
 * ```
 */
export function denoScheduler(): Scheduler {
  const deno = denoApi();
  return {
    now: () => performance.now(),
    wallClock: () => Date.now(),
    setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerId {
      const id = setTimeout(fn, ms) as unknown as number;
      if (options?.keepAlive === false) deno.unrefTimer(id);
      return id;
    },
    clearTimeout(id: TimerId): void {
      clearTimeout(id as number);
    },
  };
}
