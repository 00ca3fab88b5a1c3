/**
 * The Deno adapter of `@logging/core`: the runtime (timers, stdout/stderr, file
 * system, shutdown hooks, async context) and the rolling `fileSink`.
 *
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { denoRuntime, fileSink } from "@logging/core/deno";
 * const log = new LoggerConfiguration({ runtime: denoRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" }))
 *   .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
 *   .createLogger();
 * ```
 *
 * @module
 */
// The same names for the same jobs in /node, /deno and /bun: <runtime>Runtime,
// fileSink, syslogSink, <runtime>SyslogTransport, and the runtime's building
// blocks <runtime>Scheduler, <runtime>StdioWriter, <runtime>FileSystem,
// on<Runtime>Shutdown, asyncLocalContextStorage.
export { denoRuntime, type DenoRuntimeOptions } from "./deno_runtime.ts";
export { fileSink } from "./file_sink.ts";
export { denoFileSystem } from "./deno_file_system.ts";
export { denoScheduler } from "./deno_scheduler.ts";
export { type DenoShutdownOptions, onDenoShutdown } from "./deno_shutdown.ts";
export { denoStdioWriter } from "./deno_writer.ts";
export type { DenoWritable } from "./deno_api.ts";
export { asyncLocalContextStorage } from "../shared/async_local_context.ts";
export type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
export type { RollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
export type { RollingInterval } from "../../core/rolling/rolling_interval.ts";
export { denoSyslogTransport, syslogSink } from "./syslog_transport.ts";
export type { SyslogSink, SyslogSinkOptions } from "../../core/shipping/syslog_sink.ts";
// Core types named in this entry's signatures, so that it documents on its own.
// The runtime contract (every type of runtime.ts): what adapters and sinks are written against.
export type * from "../../core/runtime/runtime.ts";
export type { AbortSignalOf, FetchInit, FetchLike, FetchResponse } from "../../core/shipping/http_types.ts";
export type { CaptureHint, MessageTemplate, PropertyToken, TemplateToken, TextToken } from "../../core/template/message_template.ts";
export type { ErrorInfo, LogEvent } from "../../core/events/log_event.ts";
export type { Formatter } from "../../core/formatting/formatter.ts";
export type { LogLevel } from "../../core/levels/level.ts";
export type { LogProperties, LogStructure, LogValue } from "../../core/events/log_value.ts";
export type { Sink } from "../../core/sinks/sink.ts";
export type { SyncFileSystem } from "../../core/rolling/sync_file_system.ts";
export type { SyslogConnection, SyslogTarget, SyslogTransport } from "../../core/shipping/syslog_transport.ts";
export type { SyslogFacility, SyslogFormatOptions } from "../../core/shipping/syslog_format.ts";
