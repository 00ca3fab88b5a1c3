/**
 * Waiting for work with a deadline on the logger's scheduler.
 *
 * @module
 */
import type { Scheduler } from "../runtime/runtime.ts";

/**
 * What {@link beforeDeadline} resolves with when the deadline came first.
 *
 * @example
 * ```ts
 * import { TIMED_OUT } from "./deadline.ts";
 * typeof TIMED_OUT; // "symbol"
 * ```
 */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/**
 * Resolves with `work`'s value, or with {@link TIMED_OUT} at `deadline`
 * (scheduler time) or when `work` rejects. The deadline's timer keeps the
 * process alive: whoever waits gets its answer.
 *
 * @example
 * ```ts
 * import { beforeDeadline, TIMED_OUT } from "./deadline.ts";
 * import { ManualScheduler } from "../runtime/manual_scheduler.ts";
 * const clock = new ManualScheduler();
 * const outcome = beforeDeadline(new Promise(() => {}), 100, clock);
 * clock.advance(100);
 * (await outcome) === TIMED_OUT; // true
 * ```
 */
export function beforeDeadline<T>(work: Promise<T>, deadline: number, scheduler: Scheduler): Promise<T | typeof TIMED_OUT> {
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
