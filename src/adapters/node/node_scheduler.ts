/**
 * Node's scheduler.
 *
 * @module
 */
import type { Scheduler } from "../../core/runtime/runtime.ts";
import { webScheduler } from "../../core/runtime/web_scheduler.ts";

/**
 * A {@link Scheduler} over `performance.now()`, `Date.now()` and
 * `setTimeout`. A timer keeps the process alive unless it is set with
 * `{ keepAlive: false }` (then it is unref'd).
 *
 * @example
 * ```ts
 * import { nodeScheduler } from "@logging/core/node";
 * const s = nodeScheduler();
 * s.clearTimeout(s.setTimeout(() => console.log("flush"), 50));
 * ```
 */
export function nodeScheduler(): Scheduler {
  return webScheduler();
}
