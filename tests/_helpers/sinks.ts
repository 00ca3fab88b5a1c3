/** Sinks with controllable behaviour, for pipeline and shutdown tests. */
import type { LogEvent, Sink } from "../../mod.ts";

/** A synchronous sink that records every batch it receives. */
export interface RecordingSink extends Sink {
  readonly batches: LogEvent[][];
  readonly events: LogEvent[];
  messages(): string[];
}

export function recordingSink(name = "recording"): RecordingSink {
  const batches: LogEvent[][] = [];
  const events: LogEvent[] = [];
  return {
    name,
    batches,
    events,
    emit(batch) {
      batches.push([...batch]);
      events.push(...batch);
    },
    emitSync(batch) {
      batches.push([...batch]);
      events.push(...batch);
    },
    messages: () => events.map((e) => e.template.text),
  };
}

/** A sink whose every emit returns a promise the test settles by hand. */
export interface ControllableSink extends Sink {
  readonly pending: { batch: readonly LogEvent[]; resolve(): void; reject(error: unknown): void }[];
  readonly delivered: LogEvent[];
  calls: number;
}

export function controllableSink(name = "controllable"): ControllableSink {
  const sink: ControllableSink = {
    name,
    pending: [],
    delivered: [],
    calls: 0,
    emit(batch) {
      sink.calls++;
      return new Promise<void>((resolve, reject) => {
        sink.pending.push({
          batch,
          resolve: () => {
            sink.delivered.push(...batch);
            resolve();
          },
          reject,
        });
      });
    },
  };
  return sink;
}

/** A sink that throws (or rejects, when `async`) for its first `failures` batches. */
export function failingSink(failures: number, options: { async?: boolean; name?: string } = {}): RecordingSink & { attempts: number } {
  const inner = recordingSink(options.name ?? "failing");
  const sink = {
    ...inner,
    attempts: 0,
    emit(batch: readonly LogEvent[]): void | Promise<void> {
      sink.attempts++;
      if (sink.attempts <= failures) {
        const error = new Error(`write failed (attempt ${sink.attempts})`);
        if (options.async) return Promise.reject(error);
        throw error;
      }
      inner.emit(batch);
    },
  };
  return sink;
}

/** A sink that never settles: a hung disk or network. */
export function hungSink(name = "hung"): Sink & { calls: number } {
  const sink = {
    name,
    calls: 0,
    emit(): Promise<void> {
      sink.calls++;
      return new Promise<void>(() => {});
    },
  };
  return sink;
}
