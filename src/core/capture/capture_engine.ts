/**
 * The recursive part of value capture, shared by `captureValue` and
 * `captureError`. Internal: the public entry points are in `capture_value.ts`
 * and `capture_error.ts`.
 *
 * @module
 */
import { Lazy } from "./lazy.ts";
import type { ErrorInfo } from "../events/log_event.ts";
import type { LogStructure, LogValue } from "../events/log_value.ts";
import { TRUNCATED_KEY, truncateString } from "./capture_limits.ts";
import { safeString } from "./safe_string.ts";
import { type CaptureState, isError, more, threw } from "./capture_state.ts";
import { COUNT_AHEAD } from "./own_keys.ts";
import { bigintValue, className, dateValue, describeFunction, opaqueMarker, unboxPrimitive } from "./capture_describe.ts";

/**
 * Captures any value at `depth` (the top level is 0). Never throws for the
 * value itself; counts every value against `state.maxNodes`.
 *
 * @example
 * ```ts
 * import { captureAny } from "./capture_engine.ts";
 * import { createCaptureState } from "./capture_state.ts";
 * captureAny(new Set([1, 2]), 0, createCaptureState(undefined)); // [1, 2]
 * ```
 */
export function captureAny(value: unknown, depth: number, state: CaptureState): LogValue {
  state.nodes++;
  switch (typeof value) {
    case "string":
      return captureString(value, state);
    case "number":
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "bigint":
      return bigintValue(value);
    case "symbol":
      return truncateString(String(value), state.maxString);
    case "function":
      return describeFunction(value);
  }
  if (value === null) return null;
  return captureObject(value as object, depth, state, false);
}

/** A string cut to `maxString` and to what is left of the call's character budget. */
function captureString(value: string, state: CaptureState): string {
  const left = state.charsLeft;
  const max = left < state.maxString ? (left > 0 ? left : 0) : state.maxString;
  const kept = value.length > max ? truncateString(value, max) : value;
  state.charsLeft = left - (kept.length < value.length ? max : kept.length);
  return kept;
}

function captureObject(value: object, depth: number, state: CaptureState, skipToJSON: boolean): LogValue {
  if (Lazy.is(value)) {
    // Each evaluation is a level of depth: a lazy that returns lazies ends at maxDepth.
    if (depth >= state.maxDepth) return "[Lazy]";
    let computed: unknown;
    try {
      computed = value.evaluate();
    } catch (error) {
      return threw(error);
    }
    return captureAny(computed, depth + 1, state);
  }
  const ancestors = state.ancestors;
  if (ancestors.indexOf(value) !== -1) return "[Circular]";
  try {
    let typeName: string | undefined;
    if (!Array.isArray(value)) {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const leaf = captureLeafObject(value, state);
        if (leaf !== undefined) return leaf;
        typeName = className(value);
      }
    }
    if (depth >= state.maxDepth) return "[" + (typeName ?? (Array.isArray(value) ? "Array" : "Object")) + "]";
    ancestors.push(value);
    try {
      return captureContainer(value, typeName, depth, state, skipToJSON);
    } finally {
      ancestors.pop();
    }
  } catch (error) {
    return threw(error);
  }
}

/** Objects that become one scalar whatever their depth; `undefined` for others. */
function captureLeafObject(value: object, state: CaptureState): LogValue | undefined {
  if (value instanceof Date) return dateValue(value);
  if (value instanceof RegExp) return truncateString(RegExp.prototype.toString.call(value), state.maxString);
  const boxed = unboxPrimitive(value);
  if (boxed !== undefined) return typeof boxed === "string" ? truncateString(boxed, state.maxString) : boxed;
  return opaqueMarker(value);
}

function captureContainer(
  value: object,
  typeName: string | undefined,
  depth: number,
  state: CaptureState,
  skipToJSON: boolean,
): LogValue {
  if (Array.isArray(value)) return captureItems(value, value.length, depth, state);
  if (typeName !== undefined) {
    if (ArrayBuffer.isView(value)) return captureBytes(value, state);
    if (value instanceof ArrayBuffer) return captureBytes(new Uint8Array(value), state);
    if (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer) {
      return captureBytes(new Uint8Array(value), state);
    }
    if (isError(value)) return captureErrorInfo(value, depth, state) as unknown as LogStructure;
    if (value instanceof Map) return captureMap(value, depth, state);
    if (value instanceof Set) return captureIterable(Set.prototype.values.call(value), value.size, depth, state);
  }
  if (!skipToJSON) {
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") {
      let result: unknown;
      try {
        result = toJSON.call(value, "");
      } catch (error) {
        return threw(error);
      }
      if (typeof result !== "object" || result === null) return captureAny(result, depth, state);
      if (result !== value) return captureObject(result, depth, state, true);
    }
  }
  return captureFields(value, typeName, depth, state);
}

function captureItems(value: ArrayLike<unknown>, length: number, depth: number, state: CaptureState): LogValue[] {
  const n = length < state.maxItems ? length : state.maxItems;
  const out: LogValue[] = [];
  for (let i = 0; i < n; i++) {
    if (state.nodes >= state.maxNodes) {
      out.push("…" + more(length - i));
      return out;
    }
    let item: unknown;
    try {
      item = value[i];
    } catch (error) {
      out.push(threw(error));
      continue;
    }
    out.push(captureAny(item, depth + 1, state));
  }
  if (length > n) out.push("…" + more(length - n));
  return out;
}

function captureIterable(values: Iterator<unknown>, size: number, depth: number, state: CaptureState): LogValue[] {
  const out: LogValue[] = [];
  for (let i = 0; ; i++) {
    const step = values.next();
    if (step.done === true) break;
    if (i >= state.maxItems || state.nodes >= state.maxNodes) {
      out.push("…" + more(size - i));
      break;
    }
    out.push(captureAny(step.value, depth + 1, state));
  }
  return out;
}

function captureBytes(view: ArrayBufferView, state: CaptureState): LogValue[] {
  const items = (view instanceof DataView
    ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
    : view) as unknown as ArrayLike<number | bigint>;
  const length = items.length;
  let n = length < state.maxItems ? length : state.maxItems;
  const budget = state.maxNodes - state.nodes;
  if (n > budget) n = budget > 0 ? budget : 0;
  state.nodes += n;
  const out: LogValue[] = [];
  for (let i = 0; i < n; i++) {
    const item = items[i];
    out.push(typeof item === "bigint" ? bigintValue(item) : item);
  }
  if (length > n) out.push("…" + more(length - n));
  return out;
}

function mapKey(key: unknown, depth: number, state: CaptureState): string {
  let text: string;
  if (typeof key === "string") text = key;
  else if (typeof key === "object" && key !== null) {
    try {
      text = JSON.stringify(captureAny(key, depth + 1, state));
    } catch (error) {
      text = threw(error);
    }
  } else text = safeString(key);
  return text.length > state.maxString ? truncateString(text, state.maxString) : text;
}

function captureMap(value: Map<unknown, unknown>, depth: number, state: CaptureState): LogStructure {
  const out: Record<string, LogValue> = Object.create(null);
  const size = value.size;
  const entries = Map.prototype.entries.call(value);
  for (let i = 0; ; i++) {
    const step = entries.next();
    if (step.done === true) break;
    if (i >= state.maxProps || state.nodes >= state.maxNodes) {
      out[TRUNCATED_KEY] = more(size - i);
      break;
    }
    const entry = step.value;
    out[mapKey(entry[0], depth, state)] = captureAny(entry[1], depth + 1, state);
  }
  return out;
}

/**
 * Own enumerable string-keyed properties into `out` (skipping `skip` keys and
 * `undefined` values), bounded by `maxProps` and the node budget. Reads no
 * more keys than it keeps (plus a bounded count of the rest for the marker).
 */
function copyFields(
  value: object,
  out: Record<string, LogValue>,
  skip: readonly string[] | undefined,
  depth: number,
  state: CaptureState,
): void {
  // Inlined rather than walkOwnKeys with a callback: this is on the path of every {@X}.
  const max = state.maxProps;
  let kept = 0;
  let left = 0;
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    if (left === 0) {
      if (skip !== undefined && skip.indexOf(key) !== -1) continue;
      if (kept < max && state.nodes < state.maxNodes) {
        if (copyField(value, key, out, depth, state)) kept++;
        continue;
      }
    }
    if (++left > COUNT_AHEAD) break;
  }
  if (left > 0) out[TRUNCATED_KEY] = left > COUNT_AHEAD ? "[+" + COUNT_AHEAD + "+ more]" : more(left);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Copies one property `key` of `value` into `out`; false when its value is `undefined`. */
function copyField(value: object, key: string, out: Record<string, LogValue>, depth: number, state: CaptureState): boolean {
  const name = key.length > state.maxString ? truncateString(key, state.maxString) : key;
  let item: unknown;
  try {
    item = (value as Record<string, unknown>)[key];
  } catch (error) {
    out[name] = threw(error);
    return true;
  }
  if (item === undefined) return false;
  out[name] = captureAny(item, depth + 1, state);
  return true;
}

function captureFields(value: object, typeName: string | undefined, depth: number, state: CaptureState): LogStructure {
  const out: Record<string, LogValue> = Object.create(null);
  if (typeName !== undefined) out.$type = typeName;
  copyFields(value, out, undefined, depth, state);
  return out;
}

const ERROR_OWN_KEYS: readonly string[] = ["name", "message", "stack", "cause"];
const ERROR_HIDDEN_KEYS: readonly string[] = ["errors", "error", "suppressed"];

function readString(value: object, key: string): string | undefined {
  try {
    const item: unknown = (value as Record<string, unknown>)[key];
    return typeof item === "string" ? item : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ErrorInfo of an error-like object at `depth`: `name` (own or inherited,
 * else the class name, else `"Error"`), `message`, `stack`, `cause` (captured
 * like any value, so an Error cause is an ErrorInfo and a cycle is
 * `"[Circular]"`), and the other own enumerable properties plus an
 * AggregateError's `errors` as `properties`. The caller has pushed `error` on
 * `state.ancestors`. Never throws.
 *
 * @example
 * ```ts
 * import { captureErrorInfo } from "./capture_engine.ts";
 * import { createCaptureState } from "./capture_state.ts";
 * captureErrorInfo(new TypeError("bad"), 0, createCaptureState(undefined)).name; // "TypeError"
 * ```
 */
export function captureErrorInfo(error: object, depth: number, state: CaptureState): ErrorInfo {
  const max = state.maxString;
  const out: { -readonly [K in keyof ErrorInfo]: ErrorInfo[K] } = Object.create(null);
  let name = readString(error, "name");
  if (name === undefined) {
    try {
      name = className(error);
    } catch {
      name = undefined;
    }
  }
  out.name = truncateString(name ?? "Error", max);
  out.message = captureString(readString(error, "message") ?? "", state);
  const stack = readString(error, "stack");
  if (stack !== undefined) out.stack = captureString(stack, state);
  try {
    const cause: unknown = (error as { cause?: unknown }).cause;
    if (cause !== undefined) out.cause = captureAny(cause, depth + 1, state);
  } catch (caught) {
    out.cause = threw(caught);
  }
  try {
    const properties: Record<string, LogValue> = Object.create(null);
    // `properties` is one level below the error, so its values are two below.
    copyFields(error, properties, ERROR_OWN_KEYS, depth + 1, state);
    for (let i = 0; i < ERROR_HIDDEN_KEYS.length; i++) {
      const key = ERROR_HIDDEN_KEYS[i];
      if (properties[key] === undefined && Object.hasOwn(error, key)) {
        copyField(error, key, properties, depth + 1, state);
      }
    }
    for (const _ in properties) {
      out.properties = properties;
      break;
    }
  } catch (caught) {
    const properties: Record<string, LogValue> = Object.create(null);
    properties[TRUNCATED_KEY] = threw(caught);
    out.properties = properties;
  }
  return out;
}
