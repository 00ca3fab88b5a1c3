/**
 * Deno's scheduler: web timers, unref'd with `Deno.unrefTimer`.
 *
 * @module
 */
import type { Scheduler, TimerId } from "../../core/runtime.ts";
import { denoApi } from "./deno_api.ts";

/**
 * A {@link Scheduler} over `performance.now()`, `Date.now()` and
 * `setTimeout`, with every timer unref'd (`Deno.unrefTimer`) so a pending
 * flush never keeps the process alive.
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
    setTimeout(fn: () => void, ms: number): TimerId {
      const id = setTimeout(fn, ms) as unknown as number;
      deno.unrefTimer(id);
      return id;
    },
    clearTimeout(id: TimerId): void {
      clearTimeout(id as number);
    },
  };
}
