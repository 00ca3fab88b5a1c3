/**
 * `@logging/core/workers`: the Cloudflare Workers adapter.
 *
 * ```ts
 * import { LoggerConfiguration, clefFormatter, consoleSink } from "@logging/core";
 * import { withLogging, workersRuntime } from "@logging/core/workers";
 *
 * const log = new LoggerConfiguration({ runtime: workersRuntime({ structured: true }) })
 *   .writeTo(consoleSink({ formatter: clefFormatter() }))
 *   .createLogger();
 *
 * export default {
 *   fetch: withLogging(log, async (request, env, ctx, reqLog) => {
 *     reqLog.information("Handling {Path}", new URL(request.url).pathname);
 *     return new Response("ok");
 *   }),
 * };
 * ```
 *
 * There is no `fileSink` on Workers (no file system) and no signal-driven
 * shutdown: flush each request with `ctx.waitUntil(log.flush())`, which
 * `withLogging` does for you.
 *
 * @module
 */
export {
  workersRuntime,
  type WorkersRuntimeOptions,
} from "./workers_runtime.ts";
export {
  type FetchHandler,
  type LoggedFetchHandler,
  withLogging,
  type WithLoggingOptions,
} from "./with_logging.ts";
export type {
  AsyncLocalStorageConstructor,
  AsyncLocalStorageLike,
  ConsoleLike,
  ExecutionContextLike,
  RequestLike,
  ResponseLike,
} from "./workers_types.ts";
export type { RequestLoggingLevels, RequestLoggingOptions } from "../../core/request/request_logging_options.ts";
// Core types named in this entry's signatures, so that it documents on its own.
// The runtime contract (every type of runtime.ts): what adapters and sinks are written against.
export type * from "../../core/runtime/runtime.ts";
export type { AbortSignalOf, FetchInit, FetchLike, FetchResponse } from "../../core/shipping/http_types.ts";
export type { BreakerState } from "../../core/pipeline/circuit_breaker.ts";
export type { DroppedCounts, LatencySummary, MetricsSnapshot, MetricsSnapshotJSON, MetricsTotals, SinkMetricsSnapshot } from "../../core/metrics/metrics_snapshot.ts";
export type { LogLevel } from "../../core/levels/level.ts";
export type { LogMethod, Logger } from "../../core/logger/logger.ts";
export type { LogProperties, LogStructure, LogValue } from "../../core/events/log_value.ts";
export type { ShutdownHandler, ShutdownOptions, ShutdownReport, ShutdownStrategy } from "../../core/lifecycle/shutdown.ts";
