/**
 * Values computed only when an event is actually logged.
 *
 * @module
 */

/**
 * A value computed at capture time, only for events whose level is enabled.
 * Create one with {@link lazy}.
 *
 * @example
 * ```ts
 * import { lazy, type Lazy } from "@logging/core";
 * const report: Lazy<number> = lazy(() => 6 * 7);
 * ```
 */
export class Lazy<T = unknown> {
  readonly #compute: () => T;

  /** Wraps `compute`; prefer {@link lazy}. */
  constructor(compute: () => T) {
    this.#compute = compute;
  }

  /**
   * Whether `value` is a {@link Lazy}, without touching it otherwise (a
   * Proxy's traps are not called, unlike `instanceof`).
   */
  static is(value: unknown): value is Lazy {
    return typeof value === "object" && value !== null && #compute in value;
  }

  /** Runs the computation now (capture does this once per log call). */
  evaluate(): T {
    return this.#compute();
  }
}

/**
 * A template value or property computed only when the event is enabled: at
 * capture, once per log call. A throw inside becomes a captured `[Threw: …]`
 * value, never the caller's exception. Passing something that is not a
 * function is a `TypeError`.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, lazy } from "@logging/core";
 * const log = new LoggerConfiguration().minimumLevel("information").createLogger();
 * const expensive = () => ({ rows: 10_000 });
 * log.debug("Report {@Data}", lazy(expensive)); // expensive() is not called: debug is off
 * log.information("Report {@Data}", lazy(expensive)); // called once, captured
 * ```
 */
export function lazy<T>(compute: () => T): Lazy<T> {
  if (typeof compute !== "function") throw new TypeError("lazy takes a function: lazy(() => value)");
  return new Lazy(compute);
}
