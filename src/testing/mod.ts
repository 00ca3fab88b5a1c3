/**
 * `@logging/core/testing`: helpers for testing code that logs, and timing
 * logic, deterministically: a virtual clock and a runtime built on it.
 * (`memorySink`, which collects events, is in the root entry.)
 *
 * ```ts
 * import { LoggerConfiguration, memorySink } from "@logging/core";
 * import { manualRuntime } from "@logging/core/testing";
 * const runtime = manualRuntime();
 * const sink = memorySink();
 * const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { flushIntervalMs: 100 } }).createLogger();
 * log.information("Tick");
 * await runtime.scheduler.advanceAsync(100); // the flush timer fires
 * sink.events.length; // 1
 * ```
 *
 * @module
 */
export { ManualScheduler } from "../core/runtime/manual_scheduler.ts";
export { type ManualRuntime, manualRuntime } from "./manual_runtime.ts";
export type { LogProperties, LogStructure, LogValue } from "../core/events/log_value.ts";
// Core types named in this entry's signatures, so that it documents on its own.
// The runtime contract (every type of runtime.ts): what adapters and sinks are written against.
export type * from "../core/runtime/runtime.ts";
export type { AbortSignalOf, FetchInit, FetchLike, FetchResponse } from "../core/shipping/http_types.ts";
