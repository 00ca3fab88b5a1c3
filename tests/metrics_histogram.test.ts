import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  LATENCY_HISTOGRAM_BUCKETS,
  LATENCY_HISTOGRAM_PRECISION,
  LatencyHistogram,
} from "../src/core/metrics/latency_histogram.ts";
import { SinkMetrics } from "../src/core/metrics/sink_metrics.ts";

/** The documented bound: within 1.5625 % of the exact value, or 0.5 µs. */
function assertNear(actual: number, expected: number, message?: string): void {
  const tolerance = Math.max(expected * LATENCY_HISTOGRAM_PRECISION, 0.0005) + 1e-9;
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${message ?? ""} expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

/** Exact nearest-rank percentile of sorted samples, for comparison. */
function exactPercentile(sorted: readonly number[], p: number): number {
  if (p <= 0) return sorted[0];
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1];
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("LatencyHistogram", () => {
  it("is empty at first: percentiles, min, max, sum and count are 0", () => {
    const h = new LatencyHistogram();
    assert.equal(h.count, 0);
    assert.equal(h.sum, 0);
    assert.equal(h.min, 0);
    assert.equal(h.max, 0);
    assert.equal(h.mean, 0);
    for (const p of [0, 50, 95, 99, 100]) assert.equal(h.percentile(p), 0);
  });

  it("uniform 1..1000 ms: p50≈500, p95≈950, p99≈990 within the documented precision", () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    assert.equal(h.count, 1000);
    assert.equal(h.sum, 500500);
    assert.equal(h.min, 1);
    assert.equal(h.max, 1000);
    assertNear(h.percentile(50), 500, "p50");
    assertNear(h.percentile(95), 950, "p95");
    assertNear(h.percentile(99), 990, "p99");
    assertNear(h.percentile(99.9), 999, "p99.9");
    assert.equal(h.percentile(0), 1);
    assert.equal(h.percentile(100), 1000);
  });

  it("shuffled insertion order gives the same answers (no sorting of samples)", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const random = rng(7);
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) a.record(ms);
    for (const v of values) b.record(v);
    for (const p of [1, 25, 50, 75, 95, 99]) assert.equal(b.percentile(p), a.percentile(p));
  });

  it("a constant gives that constant exactly at every percentile (clamped to [min, max])", () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 500; i++) h.record(5);
    for (const p of [0, 1, 50, 95, 99, 100]) assert.equal(h.percentile(p), 5);
    assert.equal(h.min, 5);
    assert.equal(h.max, 5);
  });

  it("a single sample is every percentile", () => {
    const h = new LatencyHistogram();
    h.record(12.345);
    for (const p of [0, 50, 99, 100]) assert.equal(h.percentile(p), 12.345);
    assert.equal(h.count, 1);
  });

  it("bimodal: 90 % near 2 ms, 10 % near 800 ms", () => {
    const h = new LatencyHistogram();
    const random = rng(42);
    const samples: number[] = [];
    for (let i = 0; i < 9000; i++) samples.push(1.9 + random() * 0.2);
    for (let i = 0; i < 1000; i++) samples.push(790 + random() * 20);
    for (const s of samples) h.record(s);
    const sorted = [...samples].sort((x, y) => x - y);
    for (const p of [10, 50, 89, 90, 91, 95, 99]) {
      assertNear(h.percentile(p), exactPercentile(sorted, p), `p${p}`);
    }
    assert.ok(h.percentile(90) < 3, "p90 is still in the low mode");
    assert.ok(h.percentile(91) > 700, "p91 is in the high mode");
    assert.equal(h.max, sorted[sorted.length - 1]);
    assert.equal(h.min, sorted[0]);
  });

  it("stays within the documented precision across 1 µs .. 1 h (log-uniform samples)", () => {
    const h = new LatencyHistogram();
    const random = rng(1);
    const samples: number[] = [];
    for (let i = 0; i < 20000; i++) samples.push(0.001 * 3.6e9 ** random());
    for (const s of samples) h.record(s);
    const sorted = [...samples].sort((x, y) => x - y);
    for (let p = 1; p < 100; p += 7) assertNear(h.percentile(p), exactPercentile(sorted, p), `p${p}`);
    assert.equal(h.max, sorted[sorted.length - 1]);
  });

  it("sub-microsecond values land in the first bucket and report within 0.5 µs", () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(0.0004);
    h.record(0.0002);
    assert.equal(h.count, 3);
    assert.equal(h.min, 0);
    assert.equal(h.max, 0.0004);
    const p50 = h.percentile(50);
    assert.ok(p50 >= 0 && p50 <= 0.0004, `p50 ${p50}`);
  });

  it("ignores negatives, NaN and infinities", () => {
    const h = new LatencyHistogram();
    for (const v of [-1, -0.001, Number.NaN, Infinity, -Infinity, Number.NEGATIVE_INFINITY]) h.record(v);
    assert.equal(h.count, 0);
    assert.equal(h.sum, 0);
    h.record(3);
    h.record(-5);
    assert.equal(h.count, 1);
    assert.equal(h.min, 3);
  });

  it("clamps values above the range (~71.6 min) to the last bucket but keeps max exact", () => {
    const h = new LatencyHistogram();
    const day = 86_400_000;
    h.record(1);
    h.record(day);
    h.record(Number.MAX_VALUE);
    assert.equal(h.count, 3);
    assert.equal(h.max, Number.MAX_VALUE);
    assert.equal(h.percentile(100), Number.MAX_VALUE);
    // p50 is the clamped bucket's midpoint, near 2^32 µs, not the exact value.
    const p50 = h.percentile(50);
    assert.ok(p50 > 4.2e6 && p50 <= Number.MAX_VALUE, `p50 ${p50}`);
    assert.equal(h.percentile(1), 1);
  });

  it("one hour is inside the range and precise", () => {
    const h = new LatencyHistogram();
    const hour = 3_600_000;
    h.record(hour);
    h.record(hour + 1);
    h.record(hour + 2);
    assertNear(h.percentile(50), hour + 1);
  });

  it("clamps p outside [0, 100] and treats NaN as 0", () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 10; ms++) h.record(ms);
    assert.equal(h.percentile(-5), 1);
    assert.equal(h.percentile(Number.NaN), 1);
    assert.equal(h.percentile(250), 10);
  });

  it("reset forgets everything", () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) h.record(ms);
    h.reset();
    assert.equal(h.count, 0);
    assert.equal(h.sum, 0);
    assert.equal(h.max, 0);
    assert.equal(h.min, 0);
    assert.equal(h.percentile(50), 0);
    h.record(7);
    assert.equal(h.min, 7);
    assert.equal(h.max, 7);
    assert.equal(h.percentile(50), 7);
  });

  it("percentiles are monotonic in p", () => {
    const h = new LatencyHistogram();
    const random = rng(99);
    for (let i = 0; i < 5000; i++) h.record(random() * random() * 10_000);
    let previous = -1;
    for (let p = 0; p <= 100; p += 0.5) {
      const value = h.percentile(p);
      assert.ok(value >= previous, `p${p}: ${value} < ${previous}`);
      previous = value;
    }
  });

  it("record(ms, n) counts as n records of ms; SinkMetrics.apply groups equal enqueue times", () => {
    const random = rng(7);
    const once = new LatencyHistogram();
    const grouped = new LatencyHistogram();
    for (let i = 0; i < 500; i++) {
      const ms = random() * 50;
      const n = 1 + Math.floor(random() * 20);
      for (let k = 0; k < n; k++) once.record(ms);
      grouped.record(ms, n);
    }
    assert.equal(grouped.count, once.count);
    assert.ok(Math.abs(grouped.sum - once.sum) < 1e-6 * once.sum);
    assert.equal(grouped.min, once.min);
    assert.equal(grouped.max, once.max);
    for (const p of [1, 25, 50, 75, 95, 99, 100]) assert.equal(grouped.percentile(p), once.percentile(p), `p${p}`);
    const metrics = new SinkMetrics("file");
    metrics.apply({ written: 6, failed: 0, rescued: 0, lost: 0, breakerDropped: 0 }, [1, 1, 1, 2, 2, 5], 10);
    assert.equal(metrics.latency.count, 6);
    assert.equal(metrics.latency.sum, 9 * 3 + 8 * 2 + 5);
    metrics.apply({ written: 2, failed: 1, rescued: 0, lost: 0, breakerDropped: 0 }, [3, 3, 3], 4);
    assert.equal(metrics.latency.count, 8, "only the written events are timed");
  });

  it("has a fixed, small bucket count", () => {
    assert.equal(LATENCY_HISTOGRAM_BUCKETS, 896);
    assert.equal(LATENCY_HISTOGRAM_PRECISION, 1 / 64);
  });
});
