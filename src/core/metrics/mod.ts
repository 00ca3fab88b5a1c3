/**
 * Metrics: per-sink counters, an O(1) latency histogram, immutable snapshots
 * with JSON and Prometheus text output.
 *
 * @example
 * ```ts
 * import { createMetricsSnapshot, SinkMetrics, snapshotSink } from "@logging/core";
 * const m = new SinkMetrics("file");
 * m.received++;
 * const s = snapshotSink(m, { queueDepth: 1, queuedBytes: 120, breakerState: "closed" }, "file");
 * console.log(createMetricsSnapshot([s], { timestamp: Date.now(), enabled: true }).toPrometheus());
 * ```
 *
 * @module
 */
export { LATENCY_HISTOGRAM_BUCKETS, LATENCY_HISTOGRAM_PRECISION, LatencyHistogram } from "./latency_histogram.ts";
export {
  DROP_REASONS,
  type DropReason,
  type SinkGauges,
  SinkMetrics,
} from "./sink_metrics.ts";
export {
  createMetricsSnapshot,
  type DroppedCounts,
  type LatencySummary,
  type MetricsSnapshot,
  type MetricsSnapshotJSON,
  type MetricsTotals,
  type SinkMetricsSnapshot,
  snapshotSink,
} from "./metrics_snapshot.ts";
export { metricsToPrometheus } from "./metrics_prometheus.ts";
export {
  escapeHelpText,
  escapeLabelValue,
  formatSampleValue,
  PROMETHEUS_CONTENT_TYPE,
  type PrometheusLabels,
  type PrometheusMetricType,
  PrometheusTextWriter,
  sanitizeMetricName,
} from "./prometheus_text.ts";
