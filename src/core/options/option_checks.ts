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

/**
 * A finite number > 0, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { positiveNumber } from "./option_checks.ts";
 * positiveNumber("requestTimeoutMs", undefined, 5_000); // 5000
 * ```
 */
export function positiveNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw optionError(name, "a finite number > 0", value);
  return value;
}

/**
 * An integer ≥ `min`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { integerAtLeast } from "./option_checks.ts";
 * integerAtLeast("maxMessageBytes", 480, 64, 2048); // 480
 * ```
 */
export function integerAtLeast(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) throw optionError(name, `an integer ≥ ${min}`, value);
  return value;
}

/**
 * `null` (no limit) or what `check` accepts; `fallback` when absent.
 *
 * @example
 * ```ts
 * import { orNull, positiveInteger } from "./option_checks.ts";
 * orNull("retainedFileCountLimit", null, 31, positiveInteger); // null
 * ```
 */
export function orNull(
  name: string,
  value: unknown,
  fallback: number | null,
  check: (name: string, value: unknown, fallback: number) => number,
): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  try {
    return check(name, value, 0);
  } catch (error) {
    throw new TypeError(`${(error as Error).message.replace(/, not .*$/s, "")} or null, not ${shown(value)}`);
  }
}

/**
 * A boolean, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { booleanOption } from "./option_checks.ts";
 * booleanOption("rollOnFileSizeLimit", undefined, true); // true
 * ```
 */
export function booleanOption(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw optionError(name, "true or false", value);
  return value;
}

/**
 * A non-empty string, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { nonEmptyString } from "./option_checks.ts";
 * nonEmptyString("name", undefined, "file"); // "file"
 * ```
 */
export function nonEmptyString(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.length === 0) throw optionError(name, "a non-empty string", value);
  return value;
}

/**
 * A function, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { functionOption } from "./option_checks.ts";
 * functionOption("random", undefined, Math.random) === Math.random; // true
 * ```
 */
export function functionOption<F extends (...args: never[]) => unknown>(name: string, value: unknown, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw optionError(name, "a function", value);
  return value as F;
}

/**
 * A formatter (an object with a `format(event)` method), or `fallback()` when absent.
 *
 * @example
 * ```ts
 * import { textFormatter } from "@logging/core";
 * import { formatterOption } from "./option_checks.ts";
 * formatterOption("formatter", undefined, () => textFormatter()).format.length; // 1
 * ```
 */
export function formatterOption<F extends { format(event: never): string }>(name: string, value: unknown, fallback: () => F): F {
  if (value === undefined) return fallback();
  if (value === null || typeof value !== "object" || typeof (value as { format?: unknown }).format !== "function") {
    throw optionError(name, "a formatter (an object with a format(event) method)", value);
  }
  return value as F;
}

/**
 * A finite number ≥ `min`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { numberAtLeast } from "./option_checks.ts";
 * numberAtLeast("fileSizeLimitBytes", 1.5, 1, 0); // 1.5
 * ```
 */
export function numberAtLeast(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) throw optionError(name, `a finite number ≥ ${min}`, value);
  return value;
}

/**
 * A required absolute URL (a string `new URL` accepts).
 *
 * @example
 * ```ts
 * import { urlOption } from "./option_checks.ts";
 * urlOption("seqSink: url", "http://localhost:5341"); // "http://localhost:5341"
 * ```
 */
export function urlOption(name: string, value: unknown): string {
  if (typeof value === "string") {
    try {
      new URL(value);
      return value;
    } catch {
      // reported below
    }
  }
  throw optionError(name, "an absolute URL", value);
}
