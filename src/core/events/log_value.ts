/**
 * The shape of captured property values: what is left of an application value
 * after it has been snapshotted at call time.
 *
 * @module
 */

/**
 * A captured, immutable, JSON-like value. Capture turns every application value
 * into one of these (see `captureValue`), so formatters never meet getters,
 * cycles, BigInt or class instances.
 *
 * @example
 * ```ts
 * import type { LogValue } from "@logging/core";
 * const v: LogValue = { ip: "10.0.0.1", ports: [80, 443] };
 * ```
 */
export type LogValue =
  | null
  | boolean
  | number
  | string
  | readonly LogValue[]
  | LogStructure;

/**
 * A captured object: a null-prototype record of captured values. A `$type` key
 * may name the original class (`"Map"`, `"Date"`, a constructor name).
 *
 * @example
 * ```ts
 * import type { LogStructure } from "@logging/core";
 * const s: LogStructure = { $type: "Point", x: 1, y: 2 };
 * ```
 */
export interface LogStructure {
  /** A captured member value, keyed by its original property name. */
  readonly [key: string]: LogValue;
}

/**
 * The properties of an event: a record of captured values that inherits
 * nothing (its prototype is an empty, frozen object without a prototype: unlike
 * `Object.create(null)` it stays in fast mode on V8), so a key such as
 * `__proto__` or `toString` from user data is an ordinary property.
 *
 * @example
 * ```ts
 * import type { LogProperties } from "@logging/core";
 * const props: LogProperties = { UserId: 42 };
 * ```
 */
export type LogProperties = Record<string, LogValue>;
