/**
 * ISO 8601 UTC timestamps (`2026-11-22T12:00:00.000Z`) without calling
 * `Date.prototype.toISOString` for every event: the `YYYY-MM-DDTHH:MM:SS`
 * prefix is recomputed only when the second changes, and the `.mmmZ` suffix
 * comes from a table. Events of a batch are nearly always within one second.
 *
 * @module
 */

const MS_SUFFIX: readonly string[] = Array.from(
  { length: 1000 },
  (_, i) => "." + String(i).padStart(3, "0") + "Z",
);

// 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: outside, toISOString uses
// the extended-year form, which the cache does not handle.
const MIN_CACHEABLE = -62_167_219_200_000;
const MAX_CACHEABLE = 253_402_300_800_000;

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/**
 * Formats epoch milliseconds as `Date.prototype.toISOString` does (UTC,
 * milliseconds, `Z`), caching the per-second prefix. Fractions of a
 * millisecond are truncated. Never throws: a non-finite or out-of-range value
 * is written as `String(ms)` (e.g. `"NaN"`).
 *
 * @example
 * ```ts
 * import { formatIsoTimestamp } from "./iso_timestamp.ts";
 * formatIsoTimestamp(Date.UTC(2026, 10, 22, 12, 0, 0, 7)); // "2026-11-22T12:00:00.007Z"
 * ```
 */
export function formatIsoTimestamp(ms: number): string {
  if (!(ms >= MIN_CACHEABLE && ms < MAX_CACHEABLE)) return uncached(ms);
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    cachedSecond = second;
  }
  return cachedPrefix + MS_SUFFIX[whole - second * 1000];
}

function uncached(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
