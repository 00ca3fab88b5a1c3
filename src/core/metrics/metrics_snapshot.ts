/**
 * Immutable, point-in-time metrics for all sinks, with JSON and Prometheus output.
 *
 * @module
 */
import type { BreakerState } from "../pipeline/circuit_breaker.ts";
import { metricsToPrometheus } from "./metrics_prometheus.ts";
import { zeroCounters } from "./read_sink_metrics.ts";

export { readSinkMetrics } from "./read_sink_metrics.ts";

/**
 * Dropped-event counts by reason, plus their total.
 *
 * @example
 * ```ts
 * import type { DroppedCounts } from "@logging/core";
 * const d: DroppedCounts = { queueFull: 3, memoryLimit: 0, breakerOpen: 1, afterShutdown: 0, sinkLimit: 0, total: 4 };
 * ```
 */
export interface DroppedCounts {
  /** The bounded queue overflowed. */
  queueFull: number;
  /** The per-sink memory budget trimmed them. */
  memoryLimit: number;
  /** The breaker was open and there was no fallback (or the fallback failed). */
  breakerOpen: number;
  /** Logged after shutdown, or discarded by it. */
  afterShutdown: number;
  /** Discarded by the sink itself (its own limits). */
  sinkLimit: number;
  /** Sum of the reasons. */
  total: number;
}

/**
 * Enqueue→emitted latency of one sink, in milliseconds. Percentiles are the
 * histogram's bucket midpoints (within 1.6 %, see `LatencyHistogram`); 0 when
 * `count` is 0. `sum` feeds the Prometheus summary's `_sum`.
 *
 * @example
 * ```ts
 * import type { LatencySummary } from "@logging/core";
 * const l: LatencySummary = { count: 2, p50: 1, p95: 3, p99: 3, max: 3, sum: 4 };
 * ```
 */
export interface LatencySummary {
  /** Events measured. */
  count: number;
  /** Median, ms. */
  p50: number;
  /** 95th percentile, ms. */
  p95: number;
  /** 99th percentile, ms. */
  p99: number;
  /** Largest, ms (exact). */
  max: number;
  /** Sum of all measured latencies, ms. */
  sum: number;
}

/**
 * One sink's counters (zero when metrics are off) and gauges (always real).
 *
 * @example
 * ```ts
 * import type { MetricsSnapshot, SinkMetricsSnapshot } from "@logging/core";
 * declare const snapshot: MetricsSnapshot;
 * const file: SinkMetricsSnapshot | undefined = snapshot.sinks.find((s) => s.sink === "file");
 * ```
 */
export interface SinkMetricsSnapshot extends MetricsTotals {
  /** The sink's name (the `sink` label). */
  sink: string;
  /** Gauge: the circuit breaker's state. */
  breakerState: BreakerState;
  /** Enqueue→emitted latency. */
  latencyMs: LatencySummary;
}

/**
 * The counters and queue gauges of one sink ({@link SinkMetricsSnapshot}), and
 * their sums over all sinks (`MetricsSnapshot.totals`).
 *
 * @example
 * ```ts
 * import type { MetricsSnapshot, MetricsTotals } from "@logging/core";
 * declare const snapshot: MetricsSnapshot;
 * const totals: MetricsTotals = snapshot.totals;
 * const lossRate = totals.dropped.total / Math.max(1, totals.received);
 * ```
 */
export interface MetricsTotals {
  /** Events accepted by the sink's pipeline. */
  received: number;
  /** Events the sink wrote. */
  emitted: number;
  /** Events in batches whose write failed. */
  failed: number;
  /** Bytes the sink reported writing. */
  bytesWritten: number;
  /** Batches the sink wrote. */
  batches: number;
  /** Events the fallback sink wrote instead of this one. */
  fallback: number;
  /** Events dropped, by reason. */
  dropped: DroppedCounts;
  /** Gauge: events waiting in the queue. */
  queueDepth: number;
  /** Gauge: estimated bytes waiting in the queue. */
  queuedBytes: number;
}

/**
 * The plain data of a {@link MetricsSnapshot}, as `toJSON()` returns it.
 *
 * @example
 * ```ts
 * import type { MetricsSnapshot, MetricsSnapshotJSON } from "@logging/core";
 * declare const snapshot: MetricsSnapshot;
 * const data: MetricsSnapshotJSON = JSON.parse(JSON.stringify(snapshot));
 * ```
 */
export interface MetricsSnapshotJSON {
  /** When the snapshot was taken, epoch ms. */
  timestamp: number;
  /** Whether metrics were enabled. */
  enabled: boolean;
  /** Sums over all sinks. */
  totals: MetricsTotals;
  /** One entry per sink, in configuration order. */
  sinks: SinkMetricsSnapshot[];
}

/**
 * What `log.metrics()` returns: frozen, point-in-time metrics for every sink.
 *
 * @example
 * ```ts
 * import type { Logger, MetricsSnapshot } from "@logging/core";
 * declare const log: Logger;
 * const m: MetricsSnapshot = log.metrics();
 * console.log(JSON.stringify(m));   // uses toJSON()
 * const body = m.toPrometheus();    // serve with PROMETHEUS_CONTENT_TYPE
 * ```
 */
export interface MetricsSnapshot {
  /** When the snapshot was taken, epoch ms. */
  readonly timestamp: number;
  /** False when `withMetrics()` was not called: counters are 0, gauges are still real. */
  readonly enabled: boolean;
  /** Sums over all sinks. */
  readonly totals: Readonly<MetricsTotals>;
  /** One entry per sink, in configuration order. */
  readonly sinks: readonly SinkMetricsSnapshot[];
  /** Plain data, safe for `JSON.stringify` and structured clone. */
  toJSON(): MetricsSnapshotJSON;
  /**
   * Prometheus text exposition format 0.0.4, newline-terminated. Metric names
   * start with `prefix` (default `"logging_"`, sanitized to a valid name).
   */
  toPrometheus(prefix?: string): string;
}

function copySink(s: SinkMetricsSnapshot): SinkMetricsSnapshot {
  return { ...s, dropped: { ...s.dropped }, latencyMs: { ...s.latencyMs } };
}

function freezeSink(s: SinkMetricsSnapshot): SinkMetricsSnapshot {
  Object.freeze(s.dropped);
  Object.freeze(s.latencyMs);
  return Object.freeze(s);
}

function sumTotals(sinks: readonly SinkMetricsSnapshot[]): MetricsTotals {
  const t: MetricsTotals = { ...zeroCounters(), queueDepth: 0, queuedBytes: 0 };
  for (const s of sinks) {
    t.received += s.received;
    t.emitted += s.emitted;
    t.failed += s.failed;
    t.bytesWritten += s.bytesWritten;
    t.batches += s.batches;
    t.fallback += s.fallback;
    t.queueDepth += s.queueDepth;
    t.queuedBytes += s.queuedBytes;
    t.dropped.queueFull += s.dropped.queueFull;
    t.dropped.memoryLimit += s.dropped.memoryLimit;
    t.dropped.breakerOpen += s.dropped.breakerOpen;
    t.dropped.afterShutdown += s.dropped.afterShutdown;
    t.dropped.sinkLimit += s.dropped.sinkLimit;
    t.dropped.total += s.dropped.total;
  }
  return t;
}

class FrozenMetricsSnapshot implements MetricsSnapshot {
  readonly timestamp: number;
  readonly enabled: boolean;
  readonly totals: Readonly<MetricsTotals>;
  readonly sinks: readonly SinkMetricsSnapshot[];

  constructor(sinks: readonly SinkMetricsSnapshot[], timestamp: number, enabled: boolean) {
    const own = sinks.map((s) => freezeSink(copySink(s)));
    const totals = sumTotals(own);
    Object.freeze(totals.dropped);
    this.timestamp = timestamp;
    this.enabled = enabled;
    this.totals = Object.freeze(totals);
    this.sinks = Object.freeze(own);
    Object.freeze(this);
  }

  toJSON(): MetricsSnapshotJSON {
    return {
      timestamp: this.timestamp,
      enabled: this.enabled,
      totals: { ...this.totals, dropped: { ...this.totals.dropped } },
      sinks: this.sinks.map(copySink),
    };
  }

  toPrometheus(prefix = "logging_"): string {
    return metricsToPrometheus(this, prefix);
  }
}

/**
 * Builds a frozen {@link MetricsSnapshot} from per-sink snapshots (copied, so
 * later changes to the inputs do not show), computing the totals.
 *
 * @example
 * ```ts
 * import { createMetricsSnapshot, readSinkMetrics } from "./metrics_snapshot.ts";
 * import { SinkMetrics } from "./sink_metrics.ts";
 * const m = new SinkMetrics("console");
 * m.received = 1;
 * const sink = readSinkMetrics(m, { queueDepth: 0, queuedBytes: 0, breakerState: "closed" }, "console");
 * const snap = createMetricsSnapshot([sink], { timestamp: Date.now(), enabled: true });
 * snap.totals.received;  // 1
 * snap.toPrometheus();   // "# HELP logging_metrics_enabled ..."
 * ```
 */
export function createMetricsSnapshot(
  sinks: readonly SinkMetricsSnapshot[],
  options: { timestamp: number; enabled: boolean },
): MetricsSnapshot {
  return new FrozenMetricsSnapshot(sinks, options.timestamp, options.enabled);
}
