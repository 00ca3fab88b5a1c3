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
 * Runtime adapters live in `@logging/core/node`, `/deno`, `/bun` and `/workers`.
 *
 * @module
 */
export * from "./src/core/level.ts";
export * from "./src/core/log_value.ts";
export * from "./src/core/log_event.ts";
export * from "./src/core/message_template.ts";
export * from "./src/core/runtime.ts";
export * from "./src/core/sink.ts";
export * from "./src/core/formatter.ts";
export * from "./src/core/self_log.ts";
export * from "./src/core/manual_scheduler.ts";
export * from "./src/core/portable_runtime.ts";
export * from "./src/core/template/parse_template.ts";
export * from "./src/core/template/render_template.ts";
export * from "./src/core/template/bind_properties.ts";
export * from "./src/core/capture/capture_limits.ts";
export * from "./src/core/capture/capture_value.ts";
export * from "./src/core/capture/capture_error.ts";
export * from "./src/core/formatting/clef_formatter.ts";
export * from "./src/core/formatting/text_formatter.ts";
export * from "./src/core/formatting/json_text.ts";
export * from "./src/core/formatting/event_id.ts";
export * from "./src/core/formatting/level_names.ts";
export * from "./src/core/formatting/timestamp_format.ts";
export * from "./src/core/formatting/error_text.ts";
export * from "./src/core/sinks/console_sink.ts";
export * from "./src/core/sinks/memory_sink.ts";
export * from "./src/core/metrics/mod.ts";
export * from "./src/core/pipeline/ring_buffer.ts";
export * from "./src/core/pipeline/circuit_breaker.ts";
export * from "./src/core/pipeline/estimate_size.ts";
export * from "./src/core/pipeline/sink_options.ts";
export { WriteTimeoutError } from "./src/core/pipeline/delivery.ts";
export * from "./src/core/pipeline/pipeline.ts";
export * from "./src/core/call_shape.ts";
export * from "./src/core/log_context.ts";
export * from "./src/core/shutdown.ts";
export * from "./src/core/logger_core.ts";
export * from "./src/core/logger.ts";
export * from "./src/core/logger_configuration.ts";
export * from "./src/core/shipping/protobuf_writer.ts";
export * from "./src/core/shipping/http_types.ts";
export * from "./src/core/shipping/http_error.ts";
export * from "./src/core/shipping/http_retry.ts";
export * from "./src/core/shipping/http_sender.ts";
export * from "./src/core/shipping/otlp_record.ts";
export * from "./src/core/shipping/otlp_json.ts";
export * from "./src/core/shipping/otlp_protobuf.ts";
export * from "./src/core/shipping/otlp_sink.ts";
export * from "./src/core/shipping/seq_payload.ts";
export * from "./src/core/shipping/seq_sink.ts";
export * from "./src/core/shipping/syslog_structured_data.ts";
export * from "./src/core/shipping/syslog_format.ts";
export * from "./src/core/shipping/syslog_framing.ts";
export * from "./src/core/shipping/syslog_transport.ts";
export * from "./src/core/shipping/syslog_sink.ts";
export * from "./src/core/rolling/rolling_interval.ts";
export * from "./src/core/rolling/file_naming.ts";
export * from "./src/core/rolling/retention.ts";
export * from "./src/core/rolling/file_sink_options.ts";
export * from "./src/core/rolling/file_sink_error.ts";
export * from "./src/core/rolling/sync_file_system.ts";
export * from "./src/core/rolling/rolling_file_sink.ts";
export { CategoryLogger, getGlobalLogger, getLogger, setGlobalLogger } from "./src/core/global_logger.ts";
export { type OtelApi, type OtelSpanContext, otelTraceContext } from "./src/core/otel_trace_context.ts";
export * from "./src/core/formatting/escape_control.ts";
export * from "./src/core/shipping/http_headers.ts";
export * from "./src/core/request/traceparent.ts";
export * from "./src/core/request/request_id.ts";
export type { RequestLoggingLevels, RequestLoggingOptions } from "./src/core/request/request_logging_options.ts";
export * from "./src/core/request/request_logging.ts";
export * from "./src/core/level_switch.ts";
export * from "./src/core/level_from_env.ts";
export { Lazy, lazy } from "./src/core/capture/lazy.ts";
export { DEFAULT_REDACT_KEYS, REDACT_PATTERNS, type RedactOptions } from "./src/core/redaction/redaction_options.ts";
export type { Redactor } from "./src/core/redaction/redactor.ts";
