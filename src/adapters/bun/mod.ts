/**
 * The Bun adapter of `@logging/core`: the runtime (timers, stdout/stderr, file
 * system, shutdown hooks, async context) and the rolling `fileSink`.
 *
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { bunRuntime, fileSink } from "@logging/core/bun";
 * const log = new LoggerConfiguration({ runtime: bunRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" }))
 *   .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
 *   .createLogger();
 * ```
 *
 * @module
 */
export { bunRuntime, type BunRuntimeOptions } from "./bun_runtime.ts";
export { fileSink } from "./file_sink.ts";
export { nodeFileSystem } from "../node/node_file_system.ts";
export { onProcessShutdown, type ProcessShutdownOptions } from "../node/process_shutdown.ts";
export { asyncLocalContextStorage } from "../node/async_context.ts";
export type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
export type { RollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
export type { RollingInterval } from "../../core/rolling/rolling_interval.ts";
export { bunSyslogTransport, syslogSink } from "./syslog_transport.ts";
export type { SyslogSink, SyslogSinkOptions } from "../../core/shipping/syslog_sink.ts";
