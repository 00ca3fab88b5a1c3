/**
 * The Node adapter of `@logging/core`: the runtime (timers, stdout/stderr, file
 * system, shutdown hooks, async context) and the rolling `fileSink`.
 *
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { fileSink, nodeRuntime } from "@logging/core/node";
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" }))
 *   .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
 *   .createLogger();
 * ```
 *
 * @module
 */
export { nodeRuntime, type NodeRuntimeOptions } from "./node_runtime.ts";
export { fileSink } from "./file_sink.ts";
export { nodeFileSystem } from "./node_file_system.ts";
export { onProcessShutdown, type ProcessShutdownOptions } from "./process_shutdown.ts";
export { type ProcessStream, streamWriter } from "./stream_writer.ts";
export { asyncLocalContextStorage } from "./async_context.ts";
export { writeFullySync } from "./write_fully.ts";
export type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
export type { RollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
export type { RollingInterval } from "../../core/rolling/rolling_interval.ts";
export { nodeSyslogTransport, syslogSink } from "./syslog_transport.ts";
export type { SyslogSink, SyslogSinkOptions } from "../../core/shipping/syslog_sink.ts";
export { httpLogging, type HttpLoggingMiddleware, type HttpLoggingOptions, type LoggedRequest } from "./http_logging.ts";
export type { RequestLoggingLevels, RequestLoggingOptions } from "../../core/request/request_logging_options.ts";
export {
  type PinoChildOptions,
  pinoCompatible,
  type PinoCompatibleLogger,
  type PinoLogFn,
  type PinoSerializer,
} from "./pino_compatible.ts";
// Core types named in this entry's signatures, so that it documents on its own.
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
} from "../../core/runtime.ts";
export type { AbortSignalOf, FetchInit, FetchLike, FetchResponse } from "../../core/shipping/http_types.ts";
export type { CaptureHint, MessageTemplate, PropertyToken, TemplateToken, TextToken } from "../../core/message_template.ts";
export type { ErrorInfo, LogEvent } from "../../core/log_event.ts";
export type { Formatter } from "../../core/formatter.ts";
export type { LogLevel } from "../../core/level.ts";
export type { LogMethod, Logger } from "../../core/logger.ts";
export type { LogProperties, LogStructure, LogValue } from "../../core/log_value.ts";
export type { Sink } from "../../core/sink.ts";
export type { SyncFileSystem } from "../../core/rolling/sync_file_system.ts";
export type { SyslogConnection, SyslogTarget, SyslogTransport } from "../../core/shipping/syslog_transport.ts";
export type { SyslogFacility, SyslogFormatOptions } from "../../core/shipping/syslog_format.ts";
export type { BreakerState } from "../../core/pipeline/circuit_breaker.ts";
export type { DroppedCounts, LatencySummary, MetricsSnapshot, MetricsSnapshotJSON, MetricsTotals, SinkMetricsSnapshot } from "../../core/metrics/metrics_snapshot.ts";
export type { ShutdownHandler, ShutdownOptions, ShutdownReport, ShutdownStrategy } from "../../core/shutdown.ts";
