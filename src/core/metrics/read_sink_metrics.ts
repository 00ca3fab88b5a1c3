/**
 * Reads one sink's live counters and gauges into a plain snapshot.
 *
 * @module
 */
import type { MetricsTotals, SinkMetricsSnapshot } from "./metrics_snapshot.ts";
import type { SinkGauges, SinkMetrics } from "./sink_metrics.ts";

/**
 * Zero counters (all but the queue gauges), as a fresh object (internal
 * helper, not re-exported from the package).
 *
 * @example
 * ```ts
 * import { zeroCounters } from "./read_sink_metrics.ts";
 * zeroCounters().dropped.total; // 0
 * ```
 */
export function zeroCounters(): Omit<MetricsTotals, "queueDepth" | "queuedBytes"> {
  return {
    received: 0,
    emitted: 0,
    failed: 0,
    bytesWritten: 0,
    batches: 0,
    fallback: 0,
    dropped: { queueFull: 0, memoryLimit: 0, breakerOpen: 0, afterShutdown: 0, sinkLimit: 0, total: 0 },
  };
}

/**
 * Reads one sink's counters and gauges into a snapshot (internal: the
 * logger's `metrics()` calls it for each sink). With `metrics`
 * undefined (metrics off) the counters and latency are 0 and only the gauges
 * are filled in. `name` is used as the `sink` label.
 *
 * @example
 * ```ts
 * import { SinkMetrics } from "./sink_metrics.ts";
 * import { readSinkMetrics } from "./read_sink_metrics.ts";
 * const m = new SinkMetrics("file");
 * m.received = 10; m.emitted = 7; m.drop("queueFull", 3);
 * const s = readSinkMetrics(m, { queueDepth: 0, queuedBytes: 0, breakerState: "closed" }, "file");
 * s.dropped.total; // 3
 * ```
 */
export function readSinkMetrics(metrics: SinkMetrics | undefined, gauges: SinkGauges, name: string): SinkMetricsSnapshot {
  const base = {
    sink: name,
    queueDepth: gauges.queueDepth,
    queuedBytes: gauges.queuedBytes,
    breakerState: gauges.breakerState,
  };
  if (metrics === undefined) {
    return { ...base, ...zeroCounters(), latencyMs: { count: 0, p50: 0, p95: 0, p99: 0, max: 0, sum: 0 } };
  }
  const h = metrics.latency;
  return {
    ...base,
    received: metrics.received,
    emitted: metrics.emitted,
    failed: metrics.failed,
    bytesWritten: metrics.bytesWritten,
    batches: metrics.batches,
    fallback: metrics.fallback,
    dropped: {
      queueFull: metrics.droppedQueueFull,
      memoryLimit: metrics.droppedMemoryLimit,
      breakerOpen: metrics.droppedBreakerOpen,
      afterShutdown: metrics.droppedAfterShutdown,
      sinkLimit: metrics.droppedSinkLimit,
      total: metrics.droppedTotal,
    },
    latencyMs: {
      count: h.count,
      p50: h.percentile(50),
      p95: h.percentile(95),
      p99: h.percentile(99),
      max: h.max,
      sum: h.sum,
    },
  };
}
