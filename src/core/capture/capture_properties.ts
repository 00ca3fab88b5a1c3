/**
 * Capturing a whole record of properties at once (a pino-style properties
 * object, `forContext({...})`, `LogContext.run({...})`, `enrich({...})`),
 * bounded as one value is.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";
import { type CaptureLimits, TRUNCATED_KEY, truncateString } from "./capture_limits.ts";
import { captureAny } from "./capture_engine.ts";
import { createCaptureState, threw } from "./capture_state.ts";
import { markLeftOut, walkOwnKeys } from "./own_keys.ts";

/**
 * Captures the own enumerable properties of `source` into `target`, sharing
 * one capture budget (`maxNodes`) across all of them. `target` ends with at
 * most `maxProperties` keys (default 1 000, counting the keys it already had);
 * what is left out is named by a `"…": "[+N more]"` marker. A key already in
 * `target` is replaced when `replace` is true and left alone otherwise.
 * `undefined` values are left out. Never throws: a source whose keys cannot be
 * read becomes one `"…"` property saying why.
 *
 * @example
 * ```ts
 * import { captureProperties } from "./capture_properties.ts";
 * const target: Record<string, unknown> = Object.create(null);
 * captureProperties({ a: 1, b: 2, c: 3 }, target as never, false, { maxDepth: 8, maxStringLength: 100, maxCollectionItems: 2 });
 * // target: { a: 1, b: 2, "…": "[+1 more]" }
 * ```
 */
export function captureProperties(
  source: object,
  target: Record<string, LogValue>,
  replace: boolean,
  limits?: CaptureLimits,
): void {
  try {
    const state = createCaptureState(limits);
    let count = 0;
    for (const _ in target) count++;
    markLeftOut(
      target,
      walkOwnKeys(source, Infinity, (key) => {
        const name = key.length > state.maxString ? truncateString(key, state.maxString) : key;
        const present = name in target;
        if (present && !replace) return false;
        if (!present && (count >= state.maxProps || state.nodes >= state.maxNodes)) return undefined;
        let item: unknown;
        try {
          item = (source as Record<string, unknown>)[key];
        } catch (error) {
          item = threw(error);
        }
        if (item === undefined) return false;
        target[name] = captureAny(item, 0, state);
        if (!present) count++;
        return true;
      }),
    );
  } catch (error) {
    target[TRUNCATED_KEY] = threw(error);
  }
}
