/**
 * `@logging/core/hono`: request logging for Hono, on Node, Deno, Bun and
 * Cloudflare Workers. Hono is not a dependency: the entry describes the part
 * of Hono's `Context` it uses with its own types, which Hono's satisfy.
 *
 * ```ts
 * import { Hono } from "hono";
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { logging, type LoggingEnv } from "@logging/core/hono";
 *
 * const log = new LoggerConfiguration().writeTo(consoleSink()).createLogger();
 * const app = new Hono<LoggingEnv>();
 * app.use(logging(log));
 * app.get("/", (c) => {
 *   c.get("log").information("Hello from {Path}", c.req.path);
 *   return c.text("ok");
 * });
 * ```
 *
 * @module
 */
export { logging, type LoggingEnv, type LoggingOptions } from "./logging.ts";
export type { RequestLoggingLevels, RequestLoggingOptions } from "../../core/request/request_logging_options.ts";
export type { HonoContextLike, HonoRequestLike, LoggingMiddleware } from "./hono_types.ts";
// Core types named in this entry's signatures, so that it documents on its own.
export type { LogLevel } from "../../core/levels/level.ts";
export type { LogMethod, Logger } from "../../core/logger/logger.ts";
export type { BreakerState } from "../../core/pipeline/circuit_breaker.ts";
export type { DroppedCounts, LatencySummary, MetricsSnapshot, MetricsSnapshotJSON, MetricsTotals, SinkMetricsSnapshot } from "../../core/metrics/metrics_snapshot.ts";
export type { ShutdownHandler, ShutdownOptions, ShutdownReport, ShutdownStrategy } from "../../core/lifecycle/shutdown.ts";
