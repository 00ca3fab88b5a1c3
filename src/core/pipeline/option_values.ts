/**
 * Validation of numeric options: bad values fall back to the default instead
 * of throwing, since configuration mistakes must not take the application down.
 *
 * @module
 */

/**
 * `value` floored when it is a finite number ≥ 1, else `fallback`.
 *
 * @example
 * ```ts
 * import { positiveInteger } from "@logging/core";
 * positiveInteger(2.7, 5); // 2
 * positiveInteger(-1, 5); // 5
 * ```
 */
export function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/**
 * `value` when it is a finite number ≥ 0, else `fallback`.
 *
 * @example
 * ```ts
 * import { nonNegative } from "@logging/core";
 * nonNegative(0, 50); // 0
 * nonNegative(Number.NaN, 50); // 50
 * ```
 */
export function nonNegative(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}
