/**
 * Per-sink options given to `writeTo(sink, options)`.
 *
 * @module
 */
import type { LogLevel } from "../level.ts";
import type { Sink } from "../sink.ts";
import type { CircuitBreakerOptions } from "./circuit_breaker.ts";

/**
 * What a full queue does with the next event.
 * - `drop-oldest` (default): the oldest queued event makes room, counted as `queueFull`.
 * - `drop-newest`: the new event is dropped, counted as `queueFull`.
 * - `block`: the event is kept; the queue may grow to twice `maxSize` while
 *   producers are expected to `await log.ready()`; beyond that the newest are
 *   dropped and counted. Log calls never wait.
 *
 * @example
 * ```ts
 * import type { OverflowPolicy } from "@logging/core";
 * const policy: OverflowPolicy = "drop-newest";
 * ```
 */
export type OverflowPolicy = "drop-oldest" | "drop-newest" | "block";

/**
 * Queue settings for one sink.
 *
 * @example
 * ```ts
 * import type { QueueOptions } from "@logging/core";
 * const queue: QueueOptions = { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50, overflow: "drop-oldest" };
 * ```
 */
export interface QueueOptions {
  /** Events held before the overflow policy applies. Default 10 000. */
  maxSize?: number;
  /** Events handed to the sink in one `emit`. Default 512. */
  batchSize?: number;
  /** A partial batch is flushed after this long. Default 50 ms. */
  flushIntervalMs?: number;
  /** Default `drop-oldest`. */
  overflow?: OverflowPolicy;
}

/**
 * Options for one sink's pipeline.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink, memorySink, type SinkOptions } from "@logging/core";
 * const options: SinkOptions = {
 *   queue: { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50 },
 *   circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 30_000 },
 *   fallback: consoleSink(),
 *   memoryLimitBytes: 8 << 20,
 * };
 * new LoggerConfiguration().writeTo(memorySink(), options);
 * ```
 */
export interface SinkOptions {
  /**
   * `true` or omitted: a queue with the defaults; an object: a queue with those
   * settings; `false`: no queue, the sink is called on the caller's stack.
   */
  queue?: boolean | QueueOptions;
  /** `true` for the defaults, or settings; omitted: no breaker. */
  circuitBreaker?: boolean | CircuitBreakerOptions;
  /** Receives batches while the breaker is open and batches the sink failed to write. */
  fallback?: Sink;
  /**
   * A batch the sink has not settled after this many ms counts as failed (and
   * goes to the fallback), so a hung sink can never stall its queue, `flush()`
   * or shutdown. Default: the breaker's `writeTimeoutMs` (10 000) when there is
   * a breaker, else 30 000.
   */
  writeTimeoutMs?: number;
  /** A byte budget for this sink's queue; the oldest events are dropped beyond it. */
  memoryLimitBytes?: number;
  /** Events below this level are not sent to this sink. */
  minimumLevel?: LogLevel;
  /** The name used in metrics and SelfLog; defaults to the sink's `name`. */
  name?: string;
}
