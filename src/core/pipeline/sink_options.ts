/**
 * The options of one `writeTo(sink, options)`, checked once at configuration.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "../levels/level.ts";
import type { Sink } from "../sinks/sink.ts";
import { nonNegativeNumber, oneOf, optionError, optionsObject, positiveInteger } from "../options/option_checks.ts";
import type { CircuitBreakerOptions } from "./circuit_breaker.ts";

/**
 * What happens when a queue is full: drop the oldest queued event, drop the
 * new one, or (`block`) keep accepting up to twice `maxSize` while producers
 * `await log.ready()`.
 *
 * @example
 * ```ts
 * import type { OverflowPolicy } from "@logging/core";
 * const policy: OverflowPolicy = "drop-newest";
 * ```
 */
export type OverflowPolicy = "drop-oldest" | "drop-newest" | "block";

const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ["drop-oldest", "drop-newest", "block"];

/**
 * Queue settings of a sink's pipeline.
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
 * Options of `LoggerConfiguration.writeTo(sink, options)`: the sink's pipeline.
 *
 * @example
 * ```ts
 * import { consoleSink, type SinkOptions } from "@logging/core";
 * const options: SinkOptions = {
 *   queue: { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50, overflow: "drop-oldest" },
 *   circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 30_000 },
 *   fallback: consoleSink(),
 *   memoryLimitBytes: 8 << 20,
 * };
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
   * or shutdown. Default 10 000 with a breaker (a hung sink then opens it
   * sooner), else 30 000.
   */
  writeTimeoutMs?: number;
  /** A byte budget for this sink's queue; the oldest events are dropped beyond it. */
  memoryLimitBytes?: number;
  /** Events below this level are not sent to this sink. */
  minimumLevel?: LogLevel;
  /** The name used in metrics and SelfLog; defaults to the sink's `name`. */
  name?: string;
}

/**
 * {@link SinkOptions} with every default applied and every value checked.
 *
 * @example
 * ```ts
 * import { resolveSinkOptions } from "./sink_options.ts";
 * resolveSinkOptions({}).batchSize; // 512
 * ```
 */
export interface ResolvedSinkOptions {
  /** `options.name`, if given. */
  readonly name: string | undefined;
  /** False for `queue: false`. */
  readonly queued: boolean;
  /** See {@link QueueOptions}. */
  readonly maxSize: number;
  /** See {@link QueueOptions}. */
  readonly batchSize: number;
  /** See {@link QueueOptions}. */
  readonly flushIntervalMs: number;
  /** See {@link QueueOptions}. */
  readonly overflow: OverflowPolicy;
  /** 0: no byte budget. */
  readonly memoryLimitBytes: number;
  /** Present when there is a breaker. */
  readonly circuitBreaker: Required<CircuitBreakerOptions> | undefined;
  /** See {@link SinkOptions.writeTimeoutMs}. */
  readonly writeTimeoutMs: number;
  /** See {@link SinkOptions.fallback}. */
  readonly fallback: Sink | undefined;
  /** See {@link SinkOptions.minimumLevel}. */
  readonly minimumLevel: LogLevel | undefined;
}

/**
 * Applies the defaults to `options` and throws a `TypeError` naming the first
 * option that is wrong (`queue.maxSize must be a positive integer, not -1`).
 *
 * @example
 * ```ts
 * import { resolveSinkOptions } from "./sink_options.ts";
 * resolveSinkOptions({ queue: { maxSize: 100 } }).maxSize; // 100
 * ```
 */
export function resolveSinkOptions(options: SinkOptions = {}): ResolvedSinkOptions {
  const o = optionsObject("writeTo options", options);
  const queue = o.queue === undefined || o.queue === true ? {} : o.queue === false ? {} : optionsObject("queue", o.queue);
  const breaker = o.circuitBreaker === undefined || o.circuitBreaker === false
    ? undefined
    : o.circuitBreaker === true
    ? {}
    : optionsObject("circuitBreaker", o.circuitBreaker);
  if (breaker !== undefined && "writeTimeoutMs" in breaker) {
    throw new TypeError("circuitBreaker.writeTimeoutMs is not an option: set writeTimeoutMs in the writeTo options");
  }
  if (o.fallback !== undefined && (o.fallback === null || typeof o.fallback.emit !== "function")) {
    throw optionError("fallback", "a sink (an object with an emit(batch) method)", o.fallback);
  }
  if (o.minimumLevel !== undefined && parseLogLevel(o.minimumLevel) === undefined) {
    throw optionError("minimumLevel", "a level (verbose, debug, information, warning, error, fatal)", o.minimumLevel);
  }
  if (o.name !== undefined && typeof o.name !== "string") throw optionError("name", "a string", o.name);
  return {
    name: o.name,
    queued: o.queue !== false,
    maxSize: positiveInteger("queue.maxSize", queue.maxSize, 10_000),
    batchSize: positiveInteger("queue.batchSize", queue.batchSize, 512),
    flushIntervalMs: nonNegativeNumber("queue.flushIntervalMs", queue.flushIntervalMs, 50),
    overflow: oneOf("queue.overflow", queue.overflow, OVERFLOW_POLICIES, "drop-oldest"),
    memoryLimitBytes: nonNegativeNumber("memoryLimitBytes", o.memoryLimitBytes, 0),
    circuitBreaker: breaker === undefined ? undefined : {
      failureThreshold: positiveInteger("circuitBreaker.failureThreshold", breaker.failureThreshold, 5),
      resetTimeoutMs: nonNegativeNumber("circuitBreaker.resetTimeoutMs", breaker.resetTimeoutMs, 30_000),
    },
    writeTimeoutMs: positiveInteger("writeTimeoutMs", o.writeTimeoutMs, breaker === undefined ? 30_000 : 10_000),
    fallback: o.fallback,
    minimumLevel: o.minimumLevel === undefined ? undefined : parseLogLevel(o.minimumLevel),
  };
}
