/**
 * A sink that keeps events in memory: for tests, demos and in-process
 * inspection.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { Sink } from "./sink.ts";
import { renderTemplate } from "../template/render_template.ts";

/**
 * Options of {@link memorySink}.
 *
 * @example
 * ```ts
 * import type { MemorySinkOptions } from "@logging/core";
 * const options: MemorySinkOptions = { maxEvents: 1000 };
 * ```
 */
export interface MemorySinkOptions {
  /** Keep at most this many events, the newest. Default: unbounded. */
  readonly maxEvents?: number;
  /** The sink's name in metrics and SelfLog. Default `"memory"`. */
  readonly name?: string;
}

/**
 * A sink holding the events it received, oldest first.
 *
 * @example
 * ```ts
 * import { memorySink, type MemorySink } from "@logging/core";
 * const sink: MemorySink = memorySink();
 * sink.events.length; // 0
 * ```
 */
export interface MemorySink extends Sink {
  /** The events received, oldest first (the newest `maxEvents` when bounded). */
  readonly events: LogEvent[];
  /** Forgets every event. */
  clear(): void;
  /** Each event's message rendered as `renderTemplate` shows it. */
  rendered(): string[];
  /** Appends a batch, as `emit` does (it is synchronous either way). */
  emitSync(batch: readonly LogEvent[]): void;
}

/**
 * Creates a sink that appends each batch to `events`. With `maxEvents`, the
 * oldest events are discarded so the newest `maxEvents` remain.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, memorySink } from "@logging/core";
 * const sink = memorySink({ maxEvents: 100 });
 * const log = new LoggerConfiguration().writeTo(sink).createLogger();
 * log.information("Hello {Name}", "world");
 * await log.flush();
 * sink.rendered(); // ['Hello "world"']
 * ```
 */
export function memorySink(options: MemorySinkOptions = {}): MemorySink {
  const max = options.maxEvents;
  const limit = max !== undefined && max >= 0 ? Math.floor(max) : Number.POSITIVE_INFINITY;
  const events: LogEvent[] = [];

  const append = (batch: readonly LogEvent[]): void => {
    if (limit === 0) return;
    const start = batch.length > limit ? batch.length - limit : 0;
    for (let i = start; i < batch.length; i++) events.push(batch[i]);
    if (events.length > limit) events.splice(0, events.length - limit);
  };

  return {
    name: options.name ?? "memory",
    events,
    emit: append,
    emitSync: append,
    clear(): void {
      events.length = 0;
    },
    rendered(): string[] {
      return events.map((e) => renderTemplate(e.template, e.properties));
    },
  };
}
