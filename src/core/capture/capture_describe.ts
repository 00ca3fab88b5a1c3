/**
 * Leaf conversions used by capture: values that become a single scalar.
 * Internal to the capture module.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";
import { ownCopy } from "./capture_limits.ts";

/**
 * A BigInt as a number when it is a safe integer, otherwise as its decimal
 * digits (a string), so no precision is lost.
 *
 * @example
 * ```ts
 * import { bigintValue } from "./capture_describe.ts";
 * bigintValue(42n); // 42
 * bigintValue(2n ** 64n); // "18446744073709551616"
 * ```
 */
export function bigintValue(value: bigint): number | string {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : String(value);
}

/**
 * `"[Function name]"`, or `"[Function (anonymous)]"`. Never throws.
 *
 * @example
 * ```ts
 * import { describeFunction } from "./capture_describe.ts";
 * describeFunction(function handler() {}); // "[Function handler]"
 * ```
 */
export function describeFunction(fn: unknown): string {
  let name: unknown;
  try {
    name = (fn as { name?: unknown }).name;
  } catch {
    name = undefined;
  }
  return typeof name === "string" && name.length > 0
    ? "[Function " + (name.length > 200 ? ownCopy(name.slice(0, 200) + "…") : name) + "]"
    : "[Function (anonymous)]";
}

/**
 * The constructor name of an object's prototype, or `undefined` for plain and
 * null-prototype objects. May throw (Proxy traps); callers guard.
 *
 * @example
 * ```ts
 * import { className } from "./capture_describe.ts";
 * className(new (class Point {})()); // "Point"
 * className({}); // undefined
 * ```
 */
export function className(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype || typeof proto !== "object") return undefined;
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  if (typeof ctor !== "function") return undefined;
  const name: unknown = (ctor as { name?: unknown }).name;
  if (typeof name !== "string" || name.length === 0 || name === "Object") return undefined;
  return name.length > 200 ? ownCopy(name.slice(0, 200) + "…") : name;
}

/**
 * A Date as its ISO 8601 text, `"Invalid Date"` when it holds no time.
 * Uses the intrinsic methods, so an overridden `toISOString` is not called.
 *
 * @example
 * ```ts
 * import { dateValue } from "./capture_describe.ts";
 * dateValue(new Date(0)); // "1970-01-01T00:00:00.000Z"
 * ```
 */
export function dateValue(date: Date): string {
  const time = Date.prototype.getTime.call(date);
  return time === time ? Date.prototype.toISOString.call(date) : "Invalid Date";
}

/**
 * The value inside a boxed primitive (`new Number(1)`, `Object("x")`), or
 * `undefined` when `value` is not one. May throw (Proxy traps); callers guard.
 *
 * @example
 * ```ts
 * import { unboxPrimitive } from "./capture_describe.ts";
 * unboxPrimitive(new Number(5)); // 5
 * ```
 */
export function unboxPrimitive(value: object): LogValue | undefined {
  if (value instanceof Number) return Number.prototype.valueOf.call(value);
  if (value instanceof String) return String.prototype.valueOf.call(value);
  if (value instanceof Boolean) return Boolean.prototype.valueOf.call(value);
  if (value instanceof BigInt) return bigintValue(BigInt.prototype.valueOf.call(value));
  if (value instanceof Symbol) return String(Symbol.prototype.valueOf.call(value));
  return undefined;
}

/**
 * The marker for an opaque object that capture does not look into, or
 * `undefined`: `"[Promise]"`, `"[WeakMap]"`, `"[WeakSet]"`, `"[WeakRef]"`.
 *
 * @example
 * ```ts
 * import { opaqueMarker } from "./capture_describe.ts";
 * opaqueMarker(Promise.resolve(1)); // "[Promise]"
 * ```
 */
export function opaqueMarker(value: object): string | undefined {
  if (value instanceof Promise) return "[Promise]";
  if (value instanceof WeakMap) return "[WeakMap]";
  if (value instanceof WeakSet) return "[WeakSet]";
  if (typeof WeakRef === "function" && value instanceof WeakRef) return "[WeakRef]";
  return undefined;
}
