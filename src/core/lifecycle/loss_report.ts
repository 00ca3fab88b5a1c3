/**
 * The default report of lost events: without it, a sink that fails or a
 * queue that overflows would lose events silently unless the application had
 * enabled SelfLog or metrics.
 *
 * @module
 */
import type { DropReason } from "../metrics/sink_metrics.ts";
import type { Scheduler, Writer } from "../runtime.ts";
import { SelfLog } from "../self_log.ts";

/** What a loss report line is about: a drop reason, or a failed write. */
type LossKind = DropReason | "failed";

interface Pending {
  count: number;
  /** When the last line for this sink and kind was written (scheduler time); -Infinity before the first. */
  reportedAt: number;
}

/** At most one line per sink and kind per minute. */
const DEFAULT_INTERVAL_MS = 60_000;

/**
 * Writes one short line per sink and kind of loss, at most once per interval,
 * to the given writer (stderr), or to SelfLog when it is enabled (drops
 * only: failures reach SelfLog with their errors anyway):
 * the first loss at once, later ones as a count when the interval has passed
 * and, for what is left, at {@link LossReport.flushSync} (exit, shutdown).
 *
 * @example
 * ```ts
 * import { LossReport } from "./loss_report.ts";
 * import { ManualScheduler } from "../manual_scheduler.ts";
 * const lines: string[] = [];
 * const report = new LossReport({ write: (c) => void lines.push(String(c)), close: async () => {} }, new ManualScheduler());
 * report.record("file", "queueFull", 3);
 * lines[0]; // '@logging/core: sink "file" dropped 3 events (queueFull)…'
 * ```
 */
export class LossReport {
  readonly #writer: Writer;
  readonly #scheduler: Scheduler;
  readonly #intervalMs: number;
  readonly #pending = new Map<string, Pending>();

  /** Reports through `writer` (unless SelfLog is enabled), timing the interval on `scheduler`. */
  constructor(writer: Writer, scheduler: Scheduler, intervalMs: number = DEFAULT_INTERVAL_MS) {
    this.#writer = writer;
    this.#scheduler = scheduler;
    this.#intervalMs = intervalMs;
  }

  /** Counts `count` events of sink `sink` lost for `kind`; writes a line if the interval allows. */
  record(sink: string, kind: LossKind, count: number): void {
    const key = `${sink}\u0000${kind}`;
    let entry = this.#pending.get(key);
    if (entry === undefined) this.#pending.set(key, entry = { count: 0, reportedAt: Number.NEGATIVE_INFINITY });
    entry.count += count;
    const now = this.#scheduler.now();
    if (now - entry.reportedAt < this.#intervalMs) return;
    entry.reportedAt = now;
    this.#write(sink, kind, entry);
  }

  /** Writes a line for every count not reported yet (synchronously where the writer can). */
  flushSync(): void {
    for (const [key, entry] of this.#pending) {
      if (entry.count === 0) continue;
      const [sink, kind] = key.split("\u0000") as [string, LossKind];
      this.#write(sink, kind, entry);
    }
  }

  #write(sink: string, kind: LossKind, entry: Pending): void {
    const count = entry.count;
    entry.count = 0;
    const what = kind === "failed"
      ? `failed to write ${plural(count)}`
      : `dropped ${plural(count)} (${kind})`;
    if (SelfLog.enabled) {
      // Each failure already reached SelfLog with its error; drops did not.
      if (kind !== "failed") SelfLog.write(`Sink "${sink}" ${what}`);
      return;
    }
    const line = `@logging/core: sink "${sink}" ${what}; enable SelfLog or metrics for details\n`;
    try {
      if (this.#writer.writeSync !== undefined) this.#writer.writeSync(line);
      else void Promise.resolve(this.#writer.write(line)).catch(() => {});
    } catch {
      // Nowhere left to report to.
    }
  }
}

function plural(count: number): string {
  return count === 1 ? "1 event" : `${count} events`;
}
