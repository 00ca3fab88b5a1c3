/**
 * Structured logging with message templates for Deno, Bun, Node and Cloudflare
 * Workers, hardened for production.
 *
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * const log = new LoggerConfiguration().writeTo(consoleSink()).createLogger();
 * log.information("User {UserId} logged in", 42);
 * ```
 *
 * Runtime adapters live in `@logging/core/node`, `/deno`, `/bun` and `/workers`;
 * request logging for Hono in `/hono`; test helpers (`ManualScheduler`) in
 * `/testing`.
 *
 * This entry is a deliberate list: every name is exported by name (no
 * `export *`), and `tests/exports.test.ts` pins the list, so adding one is a
 * decision. Internals (the pipeline's parts, encoders, option checks) stay in
 * their source files.
 *
 * @module
 */

// The logger and its configuration.
export { LoggerConfiguration, type LoggerConfigurationOptions } from "./src/core/logger/logger_configuration.ts";
export type { LogMethod, Logger } from "./src/core/logger/logger.ts";
export type { Enricher, EventFilter } from "./src/core/logger/logger_core.ts";
export { LogContext } from "./src/core/context/log_context.ts";
export { SelfLog, type SelfLogListener } from "./src/core/diagnostics/self_log.ts";
export type { ShutdownHandler, ShutdownOptions, ShutdownReport, ShutdownStrategy } from "./src/core/lifecycle/shutdown.ts";
export { type CaptureLimits, DEFAULT_CAPTURE_LIMITS } from "./src/core/capture/capture_limits.ts";

// Library-first logging: categories and the global logger.
export { CategoryLogger, getGlobalLogger, getLogger, setGlobalLogger } from "./src/core/logger/global_logger.ts";

// Levels.
export { isLogLevel, LOG_LEVELS, type LogLevel, levelSeverity, parseLogLevel } from "./src/core/levels/level.ts";
export { LevelSwitch } from "./src/core/levels/level_switch.ts";
export { type EnvSource, levelFromEnv } from "./src/core/levels/level_from_env.ts";

// Redaction (configured with `LoggerConfiguration.redact`).
export { DEFAULT_REDACT_KEYS, REDACT_PATTERNS, type RedactOptions } from "./src/core/redaction/redaction_options.ts";

// Values computed only when the event is logged.
export { type Lazy, lazy } from "./src/core/capture/lazy.ts";

// Events, values and message templates.
export type { ErrorInfo, LogEvent } from "./src/core/events/log_event.ts";
export type { LogProperties, LogStructure, LogValue } from "./src/core/events/log_value.ts";
export type { CaptureHint, MessageTemplate, PropertyToken, TemplateToken, TextToken } from "./src/core/template/message_template.ts";
export { parseTemplate } from "./src/core/template/parse_template.ts";
export { type RenderOptions, renderTemplate } from "./src/core/template/render_template.ts";

// Sinks and formatters.
export type { Sink } from "./src/core/sinks/sink.ts";
export type { Formatter } from "./src/core/formatting/formatter.ts";
export { type ConsoleSink, consoleSink, type ConsoleSinkOptions } from "./src/core/sinks/console_sink.ts";
export { type MemorySink, memorySink, type MemorySinkOptions } from "./src/core/sinks/memory_sink.ts";
export { clefFormatter, type ClefFormatterOptions } from "./src/core/formatting/clef_formatter.ts";
export { DEFAULT_OUTPUT_TEMPLATE, textFormatter, type TextFormatterOptions } from "./src/core/formatting/text_formatter.ts";
export { eventId } from "./src/core/formatting/event_id.ts";

// Per-sink pipeline options (`writeTo(sink, options)`) and what a failed write reports.
export type { OverflowPolicy, QueueOptions, SinkOptions } from "./src/core/pipeline/sink_options.ts";
export type { BreakerState, CircuitBreakerOptions } from "./src/core/pipeline/circuit_breaker.ts";
export { WriteTimeoutError } from "./src/core/pipeline/delivery.ts";
export { FileSinkError } from "./src/core/rolling/file_sink_error.ts";

// Shipping sinks (syslog sinks come from the runtime adapters: they need sockets).
export { type OtlpSink, otlpSink, type OtlpSinkOptions } from "./src/core/shipping/otlp_sink.ts";
export { type SeqSink, seqSink, type SeqSinkOptions } from "./src/core/shipping/seq_sink.ts";
export type { HttpTransportOptions } from "./src/core/shipping/http_sender.ts";
export type { RetryOptions } from "./src/core/shipping/http_retry.ts";
export type { AbortSignalOf, FetchInit, FetchLike, FetchResponse } from "./src/core/shipping/http_types.ts";
export { HttpSendError, type HttpShippingStats, RequestTimeoutError } from "./src/core/shipping/http_error.ts";

// Metrics (`withMetrics()`, `log.metrics()`).
export type {
  DroppedCounts,
  LatencySummary,
  MetricsSnapshot,
  MetricsSnapshotJSON,
  MetricsTotals,
  SinkMetricsSnapshot,
} from "./src/core/metrics/metrics_snapshot.ts";
export { PROMETHEUS_CONTENT_TYPE } from "./src/core/metrics/prometheus_text.ts";
export type { DropReason } from "./src/core/metrics/sink_metrics.ts";

// Tracing and request logging (the pieces framework integrations are built from).
export { type OtelApi, type OtelSpanContext, otelTraceContext } from "./src/core/context/otel_trace_context.ts";
export {
  REQUEST_COMPLETED_TEMPLATE,
  type RequestFacts,
  type RequestLogging,
  requestLogging,
  type RequestOutcome,
  type RequestScope,
} from "./src/core/request/request_logging.ts";
export type { RequestLoggingLevels, RequestLoggingOptions } from "./src/core/request/request_logging_options.ts";
export { parseTraceparent, type Traceparent } from "./src/core/request/traceparent.ts";

// For writers of runtime adapters and sinks.
export type {
  AppendFile,
  ContextStorage,
  FileInfo,
  FileSystem,
  RuntimeAdapter,
  Scheduler,
  ShutdownHook,
  ShutdownHookOptions,
  ShutdownHookResult,
  ShutdownReason,
  ShutdownSignal,
  ShutdownSignalName,
  TimerId,
  TimerOptions,
  Writer,
} from "./src/core/runtime/runtime.ts";
export { consoleWriter, portableRuntime } from "./src/core/runtime/portable_runtime.ts";
export { webScheduler } from "./src/core/runtime/web_scheduler.ts";
