/**
 * The one way options are checked: each check returns the value (or the
 * default when the option is absent) and throws a `TypeError` naming the
 * option when it is present but wrong. Configuration mistakes then fail at
 * configuration time, never during a log call.
 *
 * @module
 */

/** `String(value)` that cannot throw (a Symbol, a hostile object). */
function shown(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return "an unprintable value";
  }
}

/**
 * A `TypeError` saying that option `name` must be `what`, showing the value.
 *
 * @example
 * ```ts
 * import { optionError } from "./option_checks.ts";
 * optionError("queue.maxSize", "a positive integer", -1).message; // "queue.maxSize must be a positive integer, not -1"
 * ```
 */
export function optionError(name: string, what: string, value: unknown): TypeError {
  return new TypeError(`${name} must be ${what}, not ${shown(value)}`);
}

/**
 * An integer ≥ 1, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { positiveInteger } from "./option_checks.ts";
 * positiveInteger("queue.batchSize", undefined, 512); // 512
 * ```
 */
export function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw optionError(name, "a positive integer", value);
  return value;
}

/**
 * A finite number ≥ 0, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { nonNegativeNumber } from "./option_checks.ts";
 * nonNegativeNumber("queue.flushIntervalMs", 0, 50); // 0
 * ```
 */
export function nonNegativeNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw optionError(name, "a finite number ≥ 0", value);
  return value;
}

/**
 * One of `choices`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { oneOf } from "./option_checks.ts";
 * oneOf("queue.overflow", "block", ["drop-oldest", "drop-newest", "block"] as const, "drop-oldest"); // "block"
 * ```
 */
export function oneOf<T extends string>(name: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw optionError(name, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, value);
  }
  return value as T;
}

/**
 * An object of options (a plain object, not null or an array), or `{}` when absent.
 *
 * @example
 * ```ts
 * import { optionsObject } from "./option_checks.ts";
 * optionsObject("queue", undefined); // {}
 * ```
 */
export function optionsObject<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw optionError(name, "an object", value);
  return value;
}
