/**
 * The batch-oriented sink interface every destination implements.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { RuntimeAdapter } from "../runtime/runtime.ts";

/**
 * A destination for events. A queue hands a sink whole batches so it can write
 * a batch with one write. `emit` may throw or reject: the pipeline catches it,
 * counts it and reports it through `SelfLog`; the application never sees it.
 *
 * @example
 * ```ts
 * import type { LogEvent, Sink } from "@logging/core";
 * const seen: LogEvent[] = [];
 * const sink: Sink = { name: "array", emit(batch) { seen.push(...batch); } };
 * ```
 */
export interface Sink {
  /** Used in metrics labels and SelfLog messages. */
  readonly name?: string;
  /**
   * Writes a batch of events, in order; may return a promise the pipeline
   * awaits. A sink that wrote only the first events of a batch before failing
   * says so with an `eventsWritten` number on the error it throws: those
   * count as emitted, and only the rest fails (and goes to the fallback).
   */
  emit(batch: readonly LogEvent[]): void | Promise<void>;
  /**
   * Writes a batch synchronously. Used for the last-chance flush when the
   * process exits synchronously; sinks that cannot write synchronously omit it.
   */
  emitSync?(batch: readonly LogEvent[]): void;
  /** Resolves once everything emitted so far has reached the destination. */
  flush?(): Promise<void>;
  /**
   * Closes and reopens the destination (a file after logrotate moved it);
   * called by `log.reopen()` and, with `reopenOn: "SIGHUP"`, on SIGHUP. The
   * sink stays usable.
   */
  reopen?(): Promise<void>;
  /** Releases the sink's resources; called at logger shutdown, after the queue is drained or dropped. */
  close?(): Promise<void>;
  /** Called once when a logger is created with this sink, before any emit. */
  attach?(runtime: RuntimeAdapter): void;
  /**
   * Events this sink received but discarded under its own limits (a full file
   * that may not roll, an event too large for the server). The pipeline reads
   * it after each batch and counts the increase as dropped (`sinkLimit`).
   */
  readonly discardedEvents?: number;
  /** Total bytes this sink has written, where it knows (read by metrics). */
  readonly bytesWritten?: number;
}
