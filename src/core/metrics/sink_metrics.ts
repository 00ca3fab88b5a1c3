/**
 * The mutable per-sink counters a pipeline increments on its hot path.
 *
 * @module
 */
import type { DeliveryOutcome } from "../pipeline/delivery.ts";
import { LatencyHistogram } from "./latency_histogram.ts";
import type { BreakerState } from "../pipeline/circuit_breaker.ts";

/**
 * Why an event was dropped before reaching its sink:
 * - `queueFull`: the bounded queue overflowed (drop-oldest / drop-newest);
 * - `memoryLimit`: the per-sink byte budget trimmed it;
 * - `breakerOpen`: the breaker was open and there was no fallback;
 * - `afterShutdown`: logged after (or discarded by) shutdown;
 * - `sinkLimit`: the sink itself discarded it (a full file with
 *   `rollOnFileSizeLimit: false`, an event too large for Seq even as a placeholder).
 *
 * @example
 * ```ts
 * import type { DropReason } from "@logging/core";
 * const reason: DropReason = "queueFull";
 * ```
 */
export type DropReason = "queueFull" | "memoryLimit" | "breakerOpen" | "afterShutdown" | "sinkLimit";

/**
 * Every {@link DropReason}, in the order metrics output lists them.
 *
 * @example
 * ```ts
 * import { DROP_REASONS } from "./sink_metrics.ts";
 * DROP_REASONS.length; // 5
 * ```
 */
export const DROP_REASONS: readonly DropReason[] = Object.freeze(
  [
    "queueFull",
    "memoryLimit",
    "breakerOpen",
    "afterShutdown",
    "sinkLimit",
  ] as const,
);

/**
 * Point-in-time values a pipeline reports about itself; they are read when a
 * snapshot is taken (not counted), so they are real even with metrics off.
 *
 * @example
 * ```ts
 * import type { SinkGauges } from "./sink_metrics.ts";
 * const gauges: SinkGauges = { queueDepth: 3, queuedBytes: 512, breakerState: "closed" };
 * ```
 */
export interface SinkGauges {
  /** Events waiting in the queue. */
  queueDepth: number;
  /** Estimated bytes of the events waiting in the queue. */
  queuedBytes: number;
  /** The breaker's current state. */
  breakerState: BreakerState;
}

/**
 * Counters for one sink. The fields are plain numbers so the pipeline updates
 * them with a field increment (`m.received++`); `latency` records
 * enqueue→emitted time in milliseconds per event.
 *
 * - `received`: events accepted by the pipeline (before any drop);
 * - `emitted`: events the sink accepted (its `emit` resolved);
 * - `failed`: events in batches whose `emit` threw or rejected;
 * - `batches`: successful `emit` calls;
 * - `bytesWritten`: bytes the sink reports it wrote;
 * - `fallback`: events the fallback sink wrote instead (after a failed write or
 *   while the breaker was open);
 * - `failedLost`: of the failed events, those no fallback wrote;
 * - `dropped*`: events dropped, by {@link DropReason}.
 *
 * The pipeline counts through {@link SinkMetrics.apply} (what became of a
 * batch), {@link SinkMetrics.drop} and {@link SinkMetrics.fail}: the one place
 * that decides each count.
 *
 * @example
 * ```ts
 * import { SinkMetrics } from "./sink_metrics.ts";
 * const m = new SinkMetrics("file");
 * m.received += 2;
 * m.drop("queueFull");
 * m.emitted++;
 * m.batches++;
 * m.latency.record(1.8);
 * m.droppedTotal; // 1
 * ```
 */
export class SinkMetrics {
  /** The sink's name, used as the `sink` label. */
  readonly sink: string;
  /** Events accepted by the pipeline. */
  received = 0;
  /** Events the sink accepted. */
  emitted = 0;
  /** Events in batches whose emit failed. */
  failed = 0;
  /** Successful emit calls. */
  batches = 0;
  /** Bytes the sink reports it wrote. */
  bytesWritten = 0;
  /** Events the fallback sink wrote instead of this sink. */
  fallback = 0;
  /** Failed events that no fallback wrote. */
  failedLost = 0;
  /** The error of the last failed write (for reports), if any. */
  lastError: unknown = undefined;
  /** Drops because the queue was full. */
  droppedQueueFull = 0;
  /** Drops because the memory budget was exceeded. */
  droppedMemoryLimit = 0;
  /** Drops because the breaker was open and there was no fallback. */
  droppedBreakerOpen = 0;
  /** Drops caused by shutdown. */
  droppedAfterShutdown = 0;
  /** Events the sink itself discarded (its own limits). */
  droppedSinkLimit = 0;
  /** Enqueue→emitted latency, ms. */
  readonly latency: LatencyHistogram = new LatencyHistogram();
  /**
   * Told of every drop and failure as it is counted (the logger's loss
   * report listens here); never on the path of a successful event.
   */
  onLoss: (() => void) | undefined = undefined;

  /**
   * Creates zeroed counters for one sink.
   *
   * @param sink the sink's name, used as the `sink` label
   */
  constructor(sink: string) {
    this.sink = sink;
  }

  /**
   * Counts `count` (default 1) dropped events under `reason`. Non-positive or
   * non-finite counts are ignored.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("http");
   * m.drop("breakerOpen", 512);
   * m.droppedBreakerOpen; // 512
   * ```
   */
  drop(reason: DropReason, count = 1): void {
    if (!(count > 0 && count < Infinity)) return;
    switch (reason) {
      case "queueFull":
        this.droppedQueueFull += count;
        break;
      case "memoryLimit":
        this.droppedMemoryLimit += count;
        break;
      case "breakerOpen":
        this.droppedBreakerOpen += count;
        break;
      case "afterShutdown":
        this.droppedAfterShutdown += count;
        break;
      case "sinkLimit":
        this.droppedSinkLimit += count;
        break;
    }
    this.onLoss?.();
  }

  /**
   * Counts what became of one batch (see `DeliveryOutcome`): written events,
   * with their enqueue→written latency when `enqueuedAt` is given, failures,
   * the fallback's rescues, losses and the open breaker's drops.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("file");
   * m.apply({ written: 3, failed: 2, rescued: 2, lost: 0, breakerDropped: 0 }, undefined, 0);
   * [m.emitted, m.failed, m.fallback]; // [3, 2, 2]
   * ```
   */
  apply(outcome: DeliveryOutcome, enqueuedAt: readonly number[] | undefined, now: number): void {
    if (outcome.error !== undefined) this.lastError = outcome.error;
    const written = outcome.written;
    if (written > 0) {
      this.emitted += written;
      if (outcome.failed === 0) this.batches++;
      if (enqueuedAt !== undefined) {
        const latency = this.latency;
        const timed = written < enqueuedAt.length ? written : enqueuedAt.length;
        // Runs of one enqueue time (events of one millisecond) count in one call;
        // a latency is never below 0 (an estimate, never later than the truth, gives 0 at worst).
        for (let i = 0; i < timed;) {
          const at = enqueuedAt[i];
          let run = 1;
          while (i + run < timed && enqueuedAt[i + run] === at) run++;
          latency.record(now > at ? now - at : 0, run);
          i += run;
        }
      }
    }
    if (outcome.failed > 0) this.fail(outcome.failed);
    if (outcome.rescued > 0) this.fallback += outcome.rescued;
    if (outcome.lost > 0) this.failedLost += outcome.lost;
    if (outcome.breakerDropped > 0) this.drop("breakerOpen", outcome.breakerDropped);
  }

  /**
   * Counts `count` events in batches the sink failed to write.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("file");
   * m.fail(21);
   * m.failed; // 21
   * ```
   */
  fail(count: number): void {
    if (!(count > 0 && count < Infinity)) return;
    this.failed += count;
    this.onLoss?.();
  }

  /**
   * Dropped events for one reason.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("x");
   * m.drop("memoryLimit", 3);
   * m.dropped("memoryLimit"); // 3
   * ```
   */
  dropped(reason: DropReason): number {
    switch (reason) {
      case "queueFull":
        return this.droppedQueueFull;
      case "memoryLimit":
        return this.droppedMemoryLimit;
      case "breakerOpen":
        return this.droppedBreakerOpen;
      case "afterShutdown":
        return this.droppedAfterShutdown;
      case "sinkLimit":
        return this.droppedSinkLimit;
    }
  }

  /**
   * Dropped events across all reasons.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("x");
   * m.drop("queueFull"); m.drop("afterShutdown", 2);
   * m.droppedTotal; // 3
   * ```
   */
  get droppedTotal(): number {
    return this.droppedQueueFull + this.droppedMemoryLimit + this.droppedBreakerOpen + this.droppedAfterShutdown +
      this.droppedSinkLimit;
  }

  /**
   * Sets every counter to zero and empties the latency histogram.
   *
   * @example
   * ```ts
   * import { SinkMetrics } from "./sink_metrics.ts";
   * const m = new SinkMetrics("x");
   * m.received = 10;
   * m.reset();
   * m.received; // 0
   * ```
   */
  reset(): void {
    this.received = 0;
    this.emitted = 0;
    this.failed = 0;
    this.batches = 0;
    this.bytesWritten = 0;
    this.fallback = 0;
    this.failedLost = 0;
    this.lastError = undefined;
    this.droppedQueueFull = 0;
    this.droppedMemoryLimit = 0;
    this.droppedBreakerOpen = 0;
    this.droppedAfterShutdown = 0;
    this.droppedSinkLimit = 0;
    this.latency.reset();
  }
}
