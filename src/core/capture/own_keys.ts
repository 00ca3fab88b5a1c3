/**
 * A bounded walk over an object's own enumerable string keys, so that no
 * capture reads more keys than it keeps. Internal.
 *
 * @module
 */
import { TRUNCATED_KEY } from "./capture_limits.ts";

/**
 * How many keys past the cap are counted for the marker. Counting is cheap
 * but not free (an object can have millions of keys), so past this the marker
 * says "at least".
 *
 * @example
 * ```ts
 * import { COUNT_AHEAD } from "./own_keys.ts";
 * COUNT_AHEAD; // 10000
 * ```
 */
export const COUNT_AHEAD = 10_000;

/**
 * What a {@link walkOwnKeys} visitor says about a key: `true` kept (counts
 * toward the cap), `false` skipped, `undefined` stop (this key and the rest
 * are left out).
 */
export type KeyVisit = boolean | undefined;

/**
 * Calls `visit` for the own enumerable string keys of `source`, in
 * `Object.keys` order, until it has kept `max` of them or asked to stop.
 * Returns the marker value for what was left out (`"[+N more]"`, or
 * `"[+10000+ more]"` when more than `countAhead` (10 000) keys were left out), or `undefined`
 * when nothing was. Iterates with `for…in` and stops early instead of
 * building the array of every key. May throw (Proxy traps); callers guard.
 *
 * @example
 * ```ts
 * import { walkOwnKeys } from "./own_keys.ts";
 * const kept: string[] = [];
 * walkOwnKeys({ a: 1, b: 2, c: 3 }, 2, (key) => (kept.push(key), true)); // "[+1 more]"
 * kept; // ["a", "b"]
 * ```
 */
export function walkOwnKeys(
  source: object,
  max: number,
  visit: (key: string) => KeyVisit,
  countAhead: number = COUNT_AHEAD,
): string | undefined {
  let kept = 0;
  let left = 0;
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    if (left === 0) {
      if (kept < max) {
        const verdict = visit(key);
        if (verdict === true) kept++;
        if (verdict !== undefined) continue;
      }
    }
    if (++left > countAhead) return "[+" + countAhead + "+ more]";
  }
  return left > 0 ? "[+" + left + " more]" : undefined;
}

/**
 * Adds the truncation marker (`"…": "[+N more]"`) to `target` when `marker`
 * is defined.
 *
 * @example
 * ```ts
 * import { markLeftOut } from "./own_keys.ts";
 * const target: Record<string, unknown> = {};
 * markLeftOut(target, "[+3 more]"); // target["…"] === "[+3 more]"
 * ```
 */
export function markLeftOut(target: Record<string, unknown>, marker: string | undefined): void {
  if (marker !== undefined) target[TRUNCATED_KEY] = marker;
}
