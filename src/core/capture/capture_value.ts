/**
 * Capture: turning any application value into an immutable, bounded,
 * JSON-like {@link LogValue} at call time.
 *
 * @module
 */
import { Lazy } from "./lazy.ts";
import type { LogValue } from "../events/log_value.ts";
import type { CaptureHint } from "../template/message_template.ts";
import { type CaptureLimits, DEFAULT_CAPTURE_LIMITS, truncateString } from "./capture_limits.ts";
import { captureAny } from "./capture_engine.ts";
import { createCaptureState } from "./capture_state.ts";
import { safeString, thrownMessage } from "./safe_string.ts";

const DEFAULT_MAX_STRING = DEFAULT_CAPTURE_LIMITS.maxStringLength;

/**
 * Snapshots `value` as a {@link LogValue}: later changes to the original do not
 * change the result. Never throws, whatever it is given.
 *
 * - strings are kept (cut with `…[+N chars]` past `maxStringLength`); numbers
 *   (`NaN`, `±Infinity` too) and booleans as they are; `null` and `undefined`
 *   become `null` (an object property whose value is `undefined` is left out,
 *   as JSON does);
 * - BigInt → a number when it is a safe integer, else its decimal digits as a
 *   string; Symbol → `"Symbol(desc)"`; function → `"[Function name]"`;
 * - Date → ISO 8601 string (`"Invalid Date"`); RegExp → `"/a/g"`; boxed
 *   primitives → the primitive; Promise, WeakMap, WeakSet, WeakRef →
 *   `"[Promise]"` etc.;
 * - arrays and Sets → arrays; typed arrays, ArrayBuffer, DataView → arrays of
 *   numbers; Map → a structure whose keys are the map keys as text (object keys
 *   as compact JSON);
 * - Error → its ErrorInfo as a structure (`name`, `message`, `stack`, `cause`,
 *   `properties`); an object with `toJSON` → its `toJSON()` result, captured;
 * - other objects → a null-prototype structure of their own enumerable
 *   string-keyed properties, with `$type` set to the class name for class
 *   instances (not for plain or null-prototype objects);
 * - a cycle → `"[Circular]"`; a getter, trap or `toJSON` that throws →
 *   `"[Threw: message]"`; limits as described by {@link CaptureLimits}.
 *
 * The `stringify` hint (`{$Name}`) captures `String(value)` instead (`null`
 * and `undefined` stay `null`); for a value whose `String` is the useless
 * default (arrays, Sets, Maps, typed arrays, plain objects: `"1,2,3"`,
 * `"[object Map]"`) it captures the compact JSON of its contents instead
 * (`"[1,2,3]"`, `"{"a":1}"`). `default` and `destructure` capture alike:
 * JavaScript objects have no useful `toString`, so both keep the structure.
 *
 * @example
 * ```ts
 * import { captureValue } from "./capture_value.ts";
 * const client = { ip: "10.0.0.1", tags: new Set(["a"]) };
 * const captured = captureValue(client, "destructure"); // { ip: "10.0.0.1", tags: ["a"] }
 * client.ip = "changed"; // captured.ip is still "10.0.0.1"
 * captureValue([1, 2], "stringify"); // "[1,2]"
 * captureValue(new Map([["a", 1]]), "stringify"); // "{\"a\":1}"
 * ```
 */
export function captureValue(
  value: unknown,
  hint?: CaptureHint,
  limits?: CaptureLimits,
  beforeText?: (captured: LogValue) => LogValue,
): LogValue {
  try {
    if (Lazy.is(value)) value = value.evaluate();
    if (hint === "stringify") {
      if (value === null || value === undefined) return null;
      const max = limits === undefined ? DEFAULT_MAX_STRING : limits.maxStringLength;
      return truncateString(hasOwnText(value) ? safeString(value) : contentsText(value, limits, beforeText), max);
    }
    switch (typeof value) {
      case "string": {
        const max = limits === undefined ? DEFAULT_MAX_STRING : limits.maxStringLength;
        return value.length > max ? truncateString(value, max) : value;
      }
      case "number":
      case "boolean":
        return value;
      case "undefined":
        return null;
      case "object":
        if (value === null) return null;
    }
    return captureAny(value, 0, createCaptureState(limits));
  } catch (error) {
    return "[Threw: " + thrownMessage(error) + "]";
  }
}

/**
 * `captureValue(value, hint)` when that is `value` itself (a number, a
 * boolean, or a string no longer than `maxString`, unless the hint is
 * `stringify`); `undefined` otherwise, for the caller to call
 * {@link captureValue}. Small and without a `try`, so engines inline it into
 * the binding loop (JavaScriptCore does not inline `captureValue` itself:
 * measured 15 ns per value on Bun, against ~1 ns here).
 *
 * @example
 * ```ts
 * import { capturePlain } from "./capture_value.ts";
 * capturePlain(42, "default", 1024); // 42
 * capturePlain({ a: 1 }, "default", 1024); // undefined: capture it
 * ```
 */
export function capturePlain(value: unknown, hint: CaptureHint, maxString: number): LogValue | undefined {
  if (hint === "stringify") return undefined;
  switch (typeof value) {
    case "number":
    case "boolean":
      return value;
    case "string":
      return value.length <= maxString ? value : undefined;
  }
  return undefined;
}

const OBJECT_TO_STRING = Object.prototype.toString;
const ARRAY_TO_STRING = Array.prototype.toString;

/** Whether `String(value)` says something about it (a primitive, or an object with its own `toString`). */
function hasOwnText(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  const toText = (value as { toString?: unknown }).toString;
  if (typeof toText === "function" && toText !== OBJECT_TO_STRING && toText !== ARRAY_TO_STRING) return true;
  return typeof (value as { [Symbol.toPrimitive]?: unknown })[Symbol.toPrimitive] === "function";
}

/** The compact JSON of a collection's or plain object's captured contents (passed through `beforeText` first: redaction). */
function contentsText(
  value: unknown,
  limits: CaptureLimits | undefined,
  beforeText: ((captured: LogValue) => LogValue) | undefined,
): string {
  const captured = captureAny(value, 0, createCaptureState(limits));
  return JSON.stringify(beforeText === undefined ? captured : beforeText(captured)) ?? "null";
}
