/**
 * The default report of lost events: without it, a sink that fails or a
 * queue that overflows would lose events silently unless the application had
 * enabled SelfLog or metrics.
 *
 * @module
 */
import { DROP_REASONS, type DropReason, type SinkMetrics } from "../metrics/sink_metrics.ts";
import type { Scheduler, Writer } from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";

/** What a loss report line is about: a drop reason, or a failed write. */
type LossKind = DropReason | "failed";

const KINDS: readonly LossKind[] = ["failed", ...DROP_REASONS];

/** At most one line per sink and kind per minute. */
const DEFAULT_INTERVAL_MS = 60_000;
const MAX_CAUSE_LENGTH = 160;

/** One sink's counters and what of them was reported already. */
interface Watched {
  readonly name: string;
  readonly counters: SinkMetrics;
  readonly reported: Map<LossKind, number>;
  /** A line was written less than an interval ago: later losses wait for the timer. */
  quiet: boolean;
}

/**
 * Writes one short line per sink and kind of loss, at most once per interval,
 * to the given writer (stderr), or to SelfLog when it is enabled (drops
 * only: failures reach SelfLog with their errors anyway): the first loss at
 * once, what follows as a count when the interval has passed and, for what is
 * left, at {@link LossReport.flushSync} (exit, shutdown). It reads the sink's
 * counters: a loss costs the log call one flag test while the report is quiet.
 *
 * @example
 * ```ts
 * import { LossReport } from "./loss_report.ts";
 * import { ManualScheduler } from "../runtime/manual_scheduler.ts";
 * import { SinkMetrics } from "../metrics/sink_metrics.ts";
 * const lines: string[] = [];
 * const report = new LossReport({ write: (c) => void lines.push(String(c)), close: async () => {} }, new ManualScheduler());
 * const counters = new SinkMetrics("file");
 * report.watch(counters);
 * counters.drop("queueFull", 3);
 * lines[0]; // '@logging/core: sink "file" dropped 3 events (queueFull: …)…'
 * ```
 */
export class LossReport {
  readonly #writer: Writer;
  readonly #scheduler: Scheduler;
  readonly #intervalMs: number;
  readonly #watched: Watched[] = [];

  /** Reports through `writer` (unless SelfLog is enabled), timing the interval on `scheduler`. */
  constructor(writer: Writer, scheduler: Scheduler, intervalMs: number = DEFAULT_INTERVAL_MS) {
    this.#writer = writer;
    this.#scheduler = scheduler;
    this.#intervalMs = intervalMs;
  }

  /** Reports the losses `counters` counts from now on. */
  watch(counters: SinkMetrics): void {
    const entry: Watched = { name: counters.sink, counters, reported: new Map(), quiet: false };
    for (const kind of KINDS) entry.reported.set(kind, countOf(counters, kind));
    this.#watched.push(entry);
    counters.onLoss = () => {
      if (!entry.quiet) this.#report(entry, true);
    };
  }

  /** Writes a line for every loss not reported yet (synchronously where the writer can). */
  flushSync(): void {
    for (const entry of this.#watched) this.#report(entry, false);
  }

  /** Writes what `entry` lost since its last line; with `andWait`, stays quiet for an interval after. */
  #report(entry: Watched, andWait: boolean): void {
    let wrote = false;
    for (const kind of KINDS) {
      const now = countOf(entry.counters, kind);
      const count = now - (entry.reported.get(kind) ?? 0);
      if (count <= 0) continue;
      entry.reported.set(kind, now);
      this.#write(entry, kind, count);
      wrote = true;
    }
    if (!wrote || !andWait) return;
    entry.quiet = true;
    this.#scheduler.setTimeout(() => {
      entry.quiet = false;
      this.#report(entry, true);
    }, this.#intervalMs, { keepAlive: false });
  }

  #write(entry: Watched, kind: LossKind, count: number): void {
    const events = count === 1 ? "1 event" : `${count} events`;
    const cause = kind === "failed" ? causeOf(entry.counters.lastError) : "";
    const what = kind === "failed" ? `failed to write ${events}${cause}` : `dropped ${events} (${kind}: ${WHY[kind]})`;
    if (SelfLog.enabled) {
      // Each failure already reached SelfLog with its error; drops did not.
      if (kind !== "failed") SelfLog.write(`Sink "${entry.name}" ${what}`);
      return;
    }
    const line = `@logging/core: sink "${entry.name}" ${what}; enable SelfLog or metrics for details\n`;
    try {
      if (this.#writer.writeSync !== undefined) this.#writer.writeSync(line);
      else void Promise.resolve(this.#writer.write(line)).catch(() => {});
    } catch {
      // Nowhere left to report to.
    }
  }
}

const WHY: Readonly<Record<DropReason, string>> = {
  queueFull: "the queue was full",
  memoryLimit: "over the memory budget",
  breakerOpen: "the circuit breaker was open",
  afterShutdown: "logged after shutdown, or left when it ran out of time",
  sinkLimit: "the sink's own limit",
};

function countOf(counters: SinkMetrics, kind: LossKind): number {
  return kind === "failed" ? counters.failed : counters.dropped(kind);
}

/** `: <name>: <message>` of the last error, on one line and short. */
function causeOf(error: unknown): string {
  if (error === undefined) return "";
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "";
  }
  text = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  if (text.length > MAX_CAUSE_LENGTH) text = text.slice(0, MAX_CAUSE_LENGTH - 1) + "…";
  return text === "" ? "" : ` (${text})`;
}
