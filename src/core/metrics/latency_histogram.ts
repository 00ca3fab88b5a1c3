/**
 * An O(1), fixed-memory latency histogram with log-linear (HDR-style) buckets.
 *
 * @module
 */

/** Sub-bucket bits: each power of two is split into 2^5 = 32 linear sub-buckets. */
const SUB_BITS = 5;
const SUB_COUNT = 1 << SUB_BITS;
/** Largest recordable value in microseconds (2^32 − 1 µs ≈ 71.6 minutes). */
const MAX_MICROS = 4294967295;
/** Highest bucket index is reached by 2^32 − 1: shift 31 − SUB_BITS, sub-bucket 2·SUB_COUNT − 1. */
const BUCKET_COUNT = ((31 - SUB_BITS) << SUB_BITS) + 2 * SUB_COUNT;

/**
 * The number of buckets a {@link LatencyHistogram} holds (896), so the memory
 * cost is fixed: one `Float64Array` of this length (about 7 KiB).
 *
 * @example
 * ```ts
 * import { LATENCY_HISTOGRAM_BUCKETS } from "./latency_histogram.ts";
 * console.log(LATENCY_HISTOGRAM_BUCKETS); // 896
 * ```
 */
export const LATENCY_HISTOGRAM_BUCKETS: number = BUCKET_COUNT;

/**
 * The worst-case relative error of {@link LatencyHistogram.percentile} above
 * 32 µs: half a bucket width, 2^-6 = 1.5625 %. (Below 32 µs buckets are 1 µs
 * wide and the error is at most 0.5 µs.)
 *
 * @example
 * ```ts
 * import { LATENCY_HISTOGRAM_PRECISION } from "./latency_histogram.ts";
 * const p50 = 100; // a percentile read from a histogram
 * const low = p50 / (1 + LATENCY_HISTOGRAM_PRECISION); // true value is at least this
 * ```
 */
export const LATENCY_HISTOGRAM_PRECISION: number = 1 / (2 * SUB_COUNT);

/** max(a, 0) for an int32, without a branch. */
function nonNegative(a: number): number {
  return a & ~(a >> 31);
}

/**
 * Records durations in milliseconds and answers percentiles without keeping or
 * sorting samples.
 *
 * **Buckets.** A value is converted to whole microseconds (truncated) and
 * placed in a log-linear bucket: 0–63 µs have one bucket per microsecond; above
 * that each power of two `[2^e, 2^(e+1))` is split into 32 equal buckets, so a
 * bucket is at most 1/32 (3.125 %) of its lower bound wide. The range is 0 to
 * 2^32 − 1 µs (≈ 71.6 minutes) in 896 buckets; `record` is a handful of integer
 * operations (`Math.clz32`, shifts) and one typed-array increment.
 *
 * **Percentiles** use the nearest-rank definition (the smallest recorded value
 * with at least `p %` of samples at or below it) and report the **midpoint** of
 * the bucket that holds it, clamped to `[min, max]`. The result is within
 * {@link LATENCY_HISTOGRAM_PRECISION} (1.5625 %) of the exact nearest-rank value,
 * or 0.5 µs below 32 µs. `percentile(0)` is `min` and `percentile(100)` is `max`,
 * both exact.
 *
 * **Edge values.** Negative numbers, `NaN` and ±`Infinity` are ignored. Values
 * above the range are counted in the last bucket, while `max`, `min` and `sum`
 * keep the exact value.
 *
 * @example
 * ```ts
 * import { LatencyHistogram } from "./latency_histogram.ts";
 * const h = new LatencyHistogram();
 * for (let ms = 1; ms <= 1000; ms++) h.record(ms);
 * h.percentile(50); // ≈ 500 (within 1.6 %)
 * h.percentile(99); // ≈ 990
 * h.max;            // 1000, exact
 * ```
 */
export class LatencyHistogram {
  #counts: Float64Array = new Float64Array(BUCKET_COUNT);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = 0;

  /**
   * Adds a duration in milliseconds, `times` times (default once: several
   * events that waited alike count in one call). O(1); ignores negatives,
   * `NaN` and infinities.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(12.5);
   * ```
   */
  record(ms: number, times: number = 1): void {
    // One comparison pair rejects NaN (all comparisons false), negatives and ±Infinity.
    if (!(ms >= 0 && ms < Infinity)) return;
    let micros = ms * 1000;
    if (micros > MAX_MICROS) micros = MAX_MICROS;
    const x = micros >>> 0;
    // shift = max(floor(log2 x) − SUB_BITS, 0); clz32(0) = 32 gives a negative, clamped to 0.
    const shift = nonNegative(31 - Math.clz32(x) - SUB_BITS);
    this.#counts[(shift << SUB_BITS) + (x >>> shift)] += times;
    this.#count += times;
    this.#sum += ms * times;
    if (ms > this.#max) this.#max = ms;
    if (ms < this.#min) this.#min = ms;
  }

  /**
   * The `p`-th percentile (`p` in [0, 100], clamped) in milliseconds: the
   * midpoint of the bucket holding the nearest-rank sample, clamped to
   * `[min, max]`. Walks the buckets once (O(buckets)); never sorts. 0 when empty.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(5); h.record(5); h.record(5);
   * h.percentile(95); // 5
   * ```
   */
  percentile(p: number): number {
    const count = this.#count;
    if (count === 0) return 0;
    if (!(p > 0)) return this.#min; // p <= 0 or NaN
    if (p >= 100) return this.#max;
    const rank = Math.max(1, Math.ceil((p * count) / 100));
    const counts = this.#counts;
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += counts[i];
      if (seen >= rank) {
        const shift = nonNegative((i >> SUB_BITS) - 1);
        const width = 2 ** shift;
        const lower = (i - (shift << SUB_BITS)) * width;
        const mid = (lower + width / 2) / 1000;
        return mid < this.#min ? this.#min : mid > this.#max ? this.#max : mid;
      }
    }
    return this.#max; // unreachable: the buckets sum to count
  }

  /**
   * Number of recorded values.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(1); h.record(-1);
   * h.count; // 1 (the negative was ignored)
   * ```
   */
  get count(): number {
    return this.#count;
  }

  /**
   * Largest recorded value in ms, exact (also above the bucket range); 0 when empty.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(1e9);
   * h.max; // 1e9
   * ```
   */
  get max(): number {
    return this.#max;
  }

  /**
   * Smallest recorded value in ms, exact; 0 when empty.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(3); h.record(2);
   * h.min; // 2
   * ```
   */
  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }

  /**
   * Sum of recorded values in ms (for a Prometheus summary's `_sum`).
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(1.5); h.record(2.5);
   * h.sum; // 4
   * ```
   */
  get sum(): number {
    return this.#sum;
  }

  /**
   * Mean of recorded values in ms; 0 when empty.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(1); h.record(3);
   * h.mean; // 2
   * ```
   */
  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  /**
   * Forgets every recorded value.
   *
   * @example
   * ```ts
   * import { LatencyHistogram } from "./latency_histogram.ts";
   * const h = new LatencyHistogram();
   * h.record(1);
   * h.reset();
   * h.count; // 0
   * ```
   */
  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Infinity;
    this.#max = 0;
  }
}
