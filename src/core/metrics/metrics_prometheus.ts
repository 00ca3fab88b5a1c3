/**
 * Renders a {@link MetricsSnapshot} as Prometheus text exposition format 0.0.4.
 *
 * @module
 */
import type { MetricsSnapshot } from "./metrics_snapshot.ts";
import { PrometheusTextWriter, sanitizeMetricName } from "./prometheus_text.ts";
import { DROP_REASONS } from "./sink_metrics.ts";
import { BREAKER_STATES } from "../pipeline/circuit_breaker.ts";

type Counter = "received" | "emitted" | "failed" | "bytesWritten" | "batches" | "fallback";
const COUNTERS: readonly (readonly [string, Counter, string])[] = [
  ["events_received_total", "received", "Events accepted by the sink's pipeline."],
  ["events_emitted_total", "emitted", "Events the sink wrote successfully."],
  ["events_failed_total", "failed", "Events in batches whose write failed."],
  ["bytes_written_total", "bytesWritten", "Bytes the sink reported writing."],
  ["batches_total", "batches", "Batches the sink wrote successfully."],
  ["events_fallback_total", "fallback", "Events the fallback sink wrote instead of this sink."],
];
const QUANTILES = [["0.5", "p50"], ["0.95", "p95"], ["0.99", "p99"]] as const;

/**
 * Renders a snapshot as Prometheus text exposition format 0.0.4 (what
 * `MetricsSnapshot.toPrometheus` returns). Families, all labelled by `sink`:
 *
 * - `<prefix>metrics_enabled` gauge (no labels): 1 when `withMetrics()` is on;
 * - counters `<prefix>events_received_total`, `events_emitted_total`,
 *   `events_failed_total`, `bytes_written_total`, `batches_total`,
 *   `events_fallback_total`, and `events_dropped_total` (also labelled `reason`);
 * - gauges `<prefix>queue_depth`, `queued_bytes`, and `breaker_state`, which is
 *   one-hot: one sample per state (`state="closed"|"open"|"half-open"`), 1 for
 *   the current state and 0 for the others;
 * - summary `<prefix>latency_ms` with `quantile="0.5"|"0.95"|"0.99"` (NaN while
 *   empty, as Prometheus client libraries do), `_sum` and `_count`;
 * - gauge `<prefix>latency_max_ms`.
 *
 * The prefix (default `"logging_"`) is sanitized to a valid metric name.
 *
 * @example
 * ```ts
 * import { createMetricsSnapshot } from "./metrics_snapshot.ts";
 * import { metricsToPrometheus } from "./metrics_prometheus.ts";
 * const snap = createMetricsSnapshot([], { timestamp: Date.now(), enabled: true });
 * metricsToPrometheus(snap, "app_"); // "# HELP app_metrics_enabled ..."
 * ```
 */
export function metricsToPrometheus(snapshot: MetricsSnapshot, prefix = "logging_"): string {
  const p = sanitizeMetricName(prefix);
  const w = new PrometheusTextWriter();
  const sinks = snapshot.sinks;
  w.family(
    `${p}metrics_enabled`,
    "gauge",
    "1 when withMetrics() is on; when 0, counters stay 0 and only gauges are real.",
  );
  w.sample(`${p}metrics_enabled`, {}, snapshot.enabled ? 1 : 0);
  for (const [suffix, key, help] of COUNTERS) {
    const name = p + suffix;
    w.family(name, "counter", help);
    for (const s of sinks) w.sample(name, { sink: s.sink }, s[key]);
  }
  const dropped = `${p}events_dropped_total`;
  w.family(dropped, "counter", "Events dropped before reaching the sink, by reason.");
  for (const s of sinks) {
    for (const reason of DROP_REASONS) w.sample(dropped, { sink: s.sink, reason }, s.dropped[reason]);
  }
  const depth = `${p}queue_depth`;
  w.family(depth, "gauge", "Events waiting in the sink's queue.");
  for (const s of sinks) w.sample(depth, { sink: s.sink }, s.queueDepth);
  const bytes = `${p}queued_bytes`;
  w.family(bytes, "gauge", "Estimated bytes of the events waiting in the sink's queue.");
  for (const s of sinks) w.sample(bytes, { sink: s.sink }, s.queuedBytes);
  const breaker = `${p}breaker_state`;
  w.family(breaker, "gauge", "Circuit breaker state, one-hot: 1 for the current state, 0 for the others.");
  for (const s of sinks) {
    for (const state of BREAKER_STATES) w.sample(breaker, { sink: s.sink, state }, s.breakerState === state ? 1 : 0);
  }
  const latency = `${p}latency_ms`;
  w.family(latency, "summary", "Enqueue-to-written latency in milliseconds (quantiles NaN until the first event).");
  for (const s of sinks) {
    const l = s.latencyMs;
    for (const [quantile, key] of QUANTILES) {
      w.sample(latency, { sink: s.sink, quantile }, l.count === 0 ? NaN : l[key]);
    }
    w.sample(`${latency}_sum`, { sink: s.sink }, l.sum);
    w.sample(`${latency}_count`, { sink: s.sink }, l.count);
  }
  const max = `${p}latency_max_ms`;
  w.family(max, "gauge", "Largest enqueue-to-written latency in milliseconds since the last reset.");
  for (const s of sinks) w.sample(max, { sink: s.sink }, s.latencyMs.max);
  return w.toString();
}
