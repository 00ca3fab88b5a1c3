/**
 * Rolling intervals: which period of time a timestamp belongs to, and the key
 * that names that period in a file name. Periods are computed in UTC, so the
 * same event lands in the same file whatever the host's time zone.
 *
 * @module
 */

/**
 * How often a rolling file sink starts a new file.
 *
 * @example
 * ```ts
 * import type { RollingInterval } from "./rolling_interval.ts";
 * const interval: RollingInterval = "day"; // logs/app.log → logs/app-20261122.log
 * ```
 */
export type RollingInterval = "infinite" | "minute" | "hour" | "day" | "month";

/**
 * A span of time `[start, end)` in epoch milliseconds and the text that names
 * it in a file name (`""` for the infinite interval).
 *
 * @example
 * ```ts
 * import { rollingPeriod, type RollingPeriod } from "./rolling_interval.ts";
 * const p: RollingPeriod = rollingPeriod(Date.UTC(2026, 10, 22, 12, 30), "hour");
 * p.key; // "2026112212"
 * ```
 */
export interface RollingPeriod {
  /** The period's name in file names, e.g. `"2026112212"` for an hour (`""` for infinite). */
  readonly key: string;
  /** Inclusive start, in milliseconds since the Unix epoch. */
  readonly start: number;
  /** Exclusive end, in milliseconds since the Unix epoch. */
  readonly end: number;
}

const INFINITE: RollingPeriod = Object.freeze({ key: "", start: -Infinity, end: Infinity });

/** The number of digits of each interval's key: `yyyyMMdd` is 8. */
const KEY_LENGTH: Readonly<Record<RollingInterval, number>> = Object.freeze({
  infinite: 0,
  minute: 12,
  hour: 10,
  day: 8,
  month: 6,
});

/**
 * The period of `interval` that contains `timestamp` (UTC).
 *
 * @example
 * ```ts
 * import { rollingPeriod } from "./rolling_interval.ts";
 * rollingPeriod(Date.UTC(2026, 10, 22, 23, 59), "day").key;   // "20261122"
 * rollingPeriod(Date.UTC(2026, 10, 22, 12, 30), "minute").key; // "202611221230"
 * rollingPeriod(Date.UTC(2026, 10, 22), "month").key;         // "202611"
 * ```
 */
export function rollingPeriod(timestamp: number, interval: RollingInterval): RollingPeriod {
  if (interval === "infinite") return INFINITE;
  const d = new Date(timestamp);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  let start: number;
  let end: number;
  switch (interval) {
    case "month":
      start = Date.UTC(y, mo, 1);
      end = Date.UTC(y, mo + 1, 1);
      break;
    case "day":
      start = Date.UTC(y, mo, d.getUTCDate());
      end = start + 86_400_000;
      break;
    case "hour":
      start = Date.UTC(y, mo, d.getUTCDate(), d.getUTCHours());
      end = start + 3_600_000;
      break;
    default:
      start = Date.UTC(y, mo, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
      end = start + 60_000;
  }
  const key = (
    pad(y, 4) + pad(mo + 1, 2) + pad(d.getUTCDate(), 2) + pad(d.getUTCHours(), 2) + pad(d.getUTCMinutes(), 2)
  ).slice(0, KEY_LENGTH[interval]);
  return { key, start, end };
}

/**
 * The number of characters in the period key of `interval` (0 for infinite).
 *
 * @example
 * ```ts
 * import { periodKeyLength } from "./rolling_interval.ts";
 * periodKeyLength("day"); // 8
 * ```
 */
export function periodKeyLength(interval: RollingInterval): number {
  return KEY_LENGTH[interval];
}

/**
 * Whether `value` names a rolling interval.
 *
 * @example
 * ```ts
 * import { isRollingInterval } from "./rolling_interval.ts";
 * isRollingInterval("hour"); // true
 * isRollingInterval("week"); // false
 * ```
 */
export function isRollingInterval(value: unknown): value is RollingInterval {
  return typeof value === "string" && Object.hasOwn(KEY_LENGTH, value);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
