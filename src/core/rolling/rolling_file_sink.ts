/**
 * The rolling file sink: runtime-agnostic, over a {@link FileSystem} that an
 * adapter supplies (`fileSink` in `@logging/core/node`, `/deno`, `/bun`).
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { AppendFile, FileSystem, RuntimeAdapter } from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import type { Sink } from "../sinks/sink.ts";
import { FileSinkError } from "./file_sink_error.ts";
import { type FileSinkOptions, type ResolvedFileSinkOptions, resolveFileSinkOptions } from "./file_sink_options.ts";
import { type RollingFileId, RollingFileNaming } from "./file_naming.ts";
import { closeQuietly, type OpenedRollingFile, RollingFileSet } from "./rolling_file_set.ts";
import { type RollingPeriod, rollingPeriod } from "./rolling_interval.ts";
import { utf8ByteLength } from "../formatting/utf8_length.ts";
import { batchEncoderOf, type BatchEncoder } from "../formatting/batch_encoder.ts";

/** Chunks up to this many UTF-16 units are encoded into a reused buffer (at most 768 KiB). */
const SCRATCH_MAX_CHARS = 1 << 18;
const EMPTY_BYTES = new Uint8Array(0);

/** A batch being written; `cursor` is the first event not yet handed to a write. */
interface Job {
  readonly events: readonly LogEvent[];
  records: string[] | undefined;
  cursor: number;
}

/** One chunk handed to a write: the events `[start, end)` of its job. */
interface Chunk {
  readonly job: Job;
  readonly start: number;
  readonly bytes: Uint8Array;
}

interface OpenFile extends OpenedRollingFile {
  size: number;
  warned: boolean;
}

/** What `#take` hands back: bytes to write, or what to do instead. */
type Step = Uint8Array | "roll" | "skip";

/**
 * A sink that appends formatted events to a file, starting a new file each
 * period (`rollingInterval`, UTC) and when a file reaches `fileSizeLimitBytes`,
 * and deleting the oldest files beyond `retainedFileCountLimit`.
 *
 * - Each event goes to the file of its own timestamp's period. Periods never go
 *   back: an event older than the current period is written to the current file.
 * - One write per batch; a batch is split only where a size roll falls.
 * - On restart it appends to the newest file of the current period, counting
 *   its existing size.
 * - A failing write rejects `emit` with a {@link FileSinkError} and drops the
 *   handle; the next batch reopens the file, so the sink recovers with the disk.
 *   A write that fails part way (a full disk) cuts the file back to its last
 *   whole line and says how many events of the batch it wrote
 *   (`eventsWritten`), so none is written twice or torn.
 * - Before each batch it checks that its path still names the open file: after
 *   a rename or delete (logrotate) it reopens at the path, so no event is
 *   written into a file that is gone. `reopen()` does the same on request.
 * - `emitSync` writes synchronously (queued batches first) for the last-chance
 *   flush on process exit.
 * - The bytes handed to `AppendFile.write` are a reused buffer: a file must be
 *   done with them when `write` returns (or its promise settles).
 *
 * @example
 * ```ts
 * import { clefFormatter, type FileSystem } from "@logging/core";
 * import { RollingFileSink } from "./rolling_file_sink.ts";
 * declare const fs: FileSystem; // supplied by an adapter
 * const sink = new RollingFileSink(fs, "logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" });
 * ```
 */
export class RollingFileSink implements Sink {
  /** The sink's name in metrics and SelfLog (`options.name`, default `"file"`). */
  readonly name: string;
  readonly #basePath: string;
  readonly #options: ResolvedFileSinkOptions;
  readonly #files: RollingFileSet;
  readonly #encoder = new TextEncoder();
  #scratch: Uint8Array = new Uint8Array(0);
  /** Writes a whole batch straight to UTF-8 when the formatter has one (CLEF does). */
  readonly #batchEncoder: BatchEncoder | undefined;
  #clock: () => number = Date.now;
  #period: RollingPeriod | undefined;
  #current: OpenFile | undefined;
  #rollTo: RollingFileId | undefined;
  #jobs: Job[] = [];
  #tail: Promise<void> = Promise.resolve();
  #bytesWritten = 0;
  #discarded = 0;
  #closed = false;

  /** Validates `options` (throwing a `TypeError`) and names files after `path`; opens nothing until the first emit. */
  constructor(fs: FileSystem, path: string, options: FileSinkOptions = {}) {
    this.#basePath = path;
    this.#options = resolveFileSinkOptions(options);
    this.#batchEncoder = batchEncoderOf(this.#options.formatter);
    this.#files = new RollingFileSet(fs, new RollingFileNaming(path, this.#options.rollingInterval), this.#options);
    this.name = this.#options.name;
  }

  /** Bytes written to disk by this sink since it was created. */
  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  /** Events dropped because the file was full and `rollOnFileSizeLimit` is false. */
  get discardedEvents(): number {
    return this.#discarded;
  }

  /** The path of the file currently open, if any. */
  get currentPath(): string | undefined {
    return this.#current?.path;
  }

  /** Takes the wall clock from the runtime (for events without a valid timestamp). */
  attach(runtime: RuntimeAdapter): void {
    const scheduler = runtime.scheduler;
    this.#clock = () => scheduler.wallClock();
  }

  /** Queues `batch` behind earlier ones; resolves once it is written (rejects with a {@link FileSinkError} if the file system fails). */
  emit(batch: readonly LogEvent[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`file sink "${this.#basePath}" is closed`));
    const job: Job = { events: batch, records: undefined, cursor: 0 };
    this.#jobs.push(job);
    const run = this.#tail.then(() => this.#drain(job)).finally(() => {
      const i = this.#jobs.indexOf(job);
      if (i >= 0) this.#jobs.splice(i, 1);
    });
    this.#tail = run.then(noop, noop);
    return run;
  }

  /** Writes every batch still queued in the sink, then `batch`, synchronously. */
  emitSync(batch: readonly LogEvent[]): void {
    if (this.#closed) throw new Error(`file sink "${this.#basePath}" is closed`);
    for (const job of this.#jobs) this.#drainSync(job);
    this.#drainSync({ events: batch, records: undefined, cursor: 0 });
  }

  /** Waits for every batch handed to the sink to be written. */
  async flush(): Promise<void> {
    await this.#tail;
    await this.#current?.file.flush?.();
  }

  /** Closes the file after the batches handed over so far; the next batch opens the path anew (log rotation). */
  reopen(): Promise<void> {
    const run = this.#tail.then(() => {
      const current = this.#current;
      this.#current = undefined;
      if (current !== undefined) return closeQuietly(current.file);
    });
    this.#tail = run.then(noop, noop);
    return run;
  }

  /** Writes what is queued, then closes the file. Later emits reject. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    const current = this.#current;
    this.#current = undefined;
    if (current === undefined) return;
    try {
      await current.file.close();
    } catch (e) {
      throw new FileSinkError("close", current.path, e);
    }
  }

  async #drain(job: Job): Promise<void> {
    this.#leaveIfMoved();
    while (job.cursor < job.events.length) {
      const period = this.#periodOf(job.events[job.cursor]);
      const current = this.#current;
      if (current === undefined || current.id.key !== period.key) {
        await this.#open(period);
        continue;
      }
      const start = job.cursor;
      const step = this.#take(job, period, current, true);
      if (step === "roll") await closeQuietly(this.#rollOver(current));
      else if (step !== "skip") await this.#write(current, { job, start, bytes: step });
    }
  }

  #drainSync(job: Job): void {
    this.#leaveIfMoved();
    while (job.cursor < job.events.length) {
      const period = this.#periodOf(job.events[job.cursor]);
      const current = this.#current;
      if (current === undefined || current.id.key !== period.key) {
        this.#openSync(period);
        continue;
      }
      const start = job.cursor;
      const step = this.#take(job, period, current, false);
      if (step === "roll") void closeQuietly(this.#rollOver(current));
      else if (step !== "skip") this.#writeSync(current, { job, start, bytes: step });
    }
  }

  /**
   * Drops the open file when its path now names another file or none (renamed,
   * deleted): the batch opens the path anew. One `stat` per batch (1–2 µs),
   * so no batch is ever written into a file that is gone and counted as
   * written.
   */
  #leaveIfMoved(): void {
    const current = this.#current;
    if (current === undefined || this.#files.stillAtPath(current)) return;
    this.#current = undefined;
    void closeQuietly(current.file);
  }

  /** The period an event belongs to; never earlier than the latest period seen. */
  #periodOf(event: LogEvent): RollingPeriod {
    const t = Number.isFinite(event.timestamp) ? event.timestamp : this.#clock();
    const latest = this.#period;
    if (latest !== undefined && t < latest.end) return latest;
    return (this.#period = rollingPeriod(t, this.#options.rollingInterval));
  }

  /**
   * Claims the next events of `job` that belong to `period` and fit in
   * `current`, and encodes them as one chunk (into the reused scratch buffer
   * when `reuse`: the asynchronous path awaits each write before the next).
   */
  #take(job: Job, period: RollingPeriod, current: OpenFile, reuse: boolean): Step {
    const events = job.events;
    const start = job.cursor;
    let end = start + 1;
    // Without a rolling interval every event is in the one period: no look per event.
    if (period.end === Infinity) end = events.length;
    else while (end < events.length && this.#periodOf(events[end]) === period) end++;
    const limit = this.#options.fileSizeLimitBytes;
    if (start === 0 && end === events.length && job.records === undefined) {
      // The usual case, a whole batch of one period: straight to bytes when the
      // formatter can (−100 ns/event), else one string without an array of
      // records to join (−40 ns/event on V8). Near a size limit, the general path.
      const encoder = this.#batchEncoder;
      if (encoder !== undefined) {
        const bytes = encoder.encode(events, 0, end, reuse ? this.#scratch : EMPTY_BYTES);
        if (reuse && bytes.buffer !== this.#scratch.buffer && bytes.buffer.byteLength <= SCRATCH_MAX_CHARS * 3) {
          this.#scratch = new Uint8Array(bytes.buffer);
        }
        if (limit === null || current.size + bytes.length <= limit) return this.#claim(job, current, end, bytes, reuse);
      } else if (limit === null) {
        const formatter = this.#options.formatter;
        let text = "";
        for (let i = 0; i < end; i++) text += formatter.format(events[i]);
        return this.#claim(job, current, end, text, reuse);
      }
    }
    const records = (job.records ??= events.map((e) => this.#options.formatter.format(e)));
    const all = start === 0 && end === records.length ? records.join("") : records.slice(start, end).join("");
    if (limit === null || current.size + all.length * 3 <= limit) return this.#claim(job, current, end, all, reuse);
    const bytes = this.#encode(all, reuse);
    if (current.size + bytes.length <= limit) return this.#claim(job, current, end, bytes, reuse);
    let used = current.size;
    let stop = start;
    for (; stop < end; stop++) {
      const length = utf8ByteLength(records[stop]);
      if (used + length > limit && used > 0) break;
      used += length;
    }
    if (stop > start) return this.#claim(job, current, stop, records.slice(start, stop).join(""), reuse);
    if (this.#options.rollOnFileSizeLimit) return "roll";
    if (!current.warned) {
      current.warned = true;
      SelfLog.write(`file sink: "${current.path}" reached its size limit; events are dropped until the next period`);
    }
    this.#discarded += end - job.cursor;
    job.cursor = end;
    return "skip";
  }

  #claim(job: Job, current: OpenFile, end: number, chunk: string | Uint8Array, reuse: boolean): Uint8Array {
    const bytes = typeof chunk === "string" ? this.#encode(chunk, reuse) : chunk;
    job.cursor = end;
    current.size += bytes.length;
    return bytes;
  }

  /**
   * UTF-8 of `text`. `encodeInto` a reused buffer costs 12–15 µs for a 115 KB
   * batch where `encode` costs 19–52 µs (Deno the slowest); batches too large
   * to keep a buffer for get a fresh array.
   */
  #encode(text: string, reuse: boolean): Uint8Array {
    if (!reuse || text.length > SCRATCH_MAX_CHARS) return this.#encoder.encode(text);
    if (this.#scratch.length < text.length * 3) {
      this.#scratch = new Uint8Array(Math.min(SCRATCH_MAX_CHARS, Math.max(text.length, 1 << 14) * 2) * 3);
    }
    return this.#scratch.subarray(0, this.#encoder.encodeInto(text, this.#scratch).written);
  }

  async #write(current: OpenFile, chunk: Chunk): Promise<void> {
    try {
      await current.file.write(chunk.bytes);
    } catch (e) {
      throw this.#failedWrite(current, chunk, e);
    }
    this.#bytesWritten += chunk.bytes.length;
  }

  #writeSync(current: OpenFile, chunk: Chunk): void {
    try {
      if (current.file.writeSync === undefined) throw new Error("the file cannot be written synchronously");
      current.file.writeSync(chunk.bytes);
    } catch (e) {
      throw this.#failedWrite(current, chunk, e);
    }
    this.#bytesWritten += chunk.bytes.length;
  }

  /**
   * Accounts for a write that failed, maybe part way: the whole events that
   * reached the file stay (and count), a half-written last line is cut off,
   * and the error says how many events of the batch were written.
   */
  #failedWrite(current: OpenFile, chunk: Chunk, cause: unknown): FileSinkError {
    const { job, start, bytes } = chunk;
    const reached = bytesWrittenOf(cause, bytes.length);
    const sizeBefore = current.size - bytes.length;
    const whole = reached > 0 ? this.#wholeEvents(job, start, reached) : { count: 0, bytes: 0 };
    if (reached > whole.bytes) {
      try {
        current.file.truncate?.(sizeBefore + whole.bytes);
      } catch (e) {
        SelfLog.write(`file sink: cannot cut a half-written line off "${current.path}"`, e);
      }
    }
    this.#bytesWritten += whole.bytes;
    this.#abandon(current);
    return new FileSinkError("write", current.path, cause, start + whole.count);
  }

  /** How many whole events from `start` fit in the first `reached` bytes of their chunk, and their size. */
  #wholeEvents(job: Job, start: number, reached: number): { count: number; bytes: number } {
    const formatter = this.#options.formatter;
    let used = 0;
    let count = 0;
    for (let i = start; i < job.cursor; i++) {
      const length = utf8ByteLength(job.records?.[i] ?? formatter.format(job.events[i]));
      if (used + length > reached) break;
      used += length;
      count++;
    }
    return { count, bytes: used };
  }

  /** Forgets a file that failed, so the next batch reopens it. */
  #abandon(current: OpenFile): void {
    if (this.#current === current) this.#current = undefined;
    void closeQuietly(current.file);
  }

  /** Leaves a full file; the next open takes the next sequence number. */
  #rollOver(current: OpenFile): AppendFile {
    this.#current = undefined;
    this.#rollTo = { key: current.id.key, sequence: current.id.sequence + 1 };
    return current.file;
  }

  async #open(period: RollingPeriod): Promise<void> {
    const previous = this.#current;
    this.#current = undefined;
    if (previous !== undefined) await closeQuietly(previous.file);
    const opened = await this.#files.open(period.key, this.#nextFor(period));
    if (this.#current !== undefined) return closeQuietly(opened.file); // emitSync opened one meanwhile
    this.#install(opened);
    await this.#files.prune(opened.id);
  }

  #openSync(period: RollingPeriod): void {
    const previous = this.#current;
    this.#current = undefined;
    if (previous !== undefined) void closeQuietly(previous.file);
    this.#install(this.#files.openSync(period.key, this.#nextFor(period)));
  }

  /** The file after a size roll, if the roll was in `period`. */
  #nextFor(period: RollingPeriod): RollingFileId | undefined {
    return this.#rollTo?.key === period.key ? this.#rollTo : undefined;
  }

  #install(opened: OpenedRollingFile): void {
    this.#current = { ...opened, size: opened.file.initialSize, warned: false };
    this.#rollTo = undefined;
  }
}

/**
 * Creates a {@link RollingFileSink} over `fs`. Adapters wrap this as
 * `fileSink(path, options)` with their own file system.
 *
 * @example
 * ```ts
 * import { clefFormatter, type FileSystem } from "@logging/core";
 * import { rollingFileSink } from "./rolling_file_sink.ts";
 * declare const fs: FileSystem;
 * const sink = rollingFileSink(fs, "logs/app.log", {
 *   formatter: clefFormatter(), rollingInterval: "day", fileSizeLimitBytes: 10 << 20, retainedFileCountLimit: 7,
 * });
 * ```
 */
export function rollingFileSink(fs: FileSystem, path: string, options: FileSinkOptions = {}): RollingFileSink {
  return new RollingFileSink(fs, path, options);
}

function noop(): void {}

/** The `bytesWritten` a failed write reports (see `AppendFile`), within `[0, size]`; 0 when it says nothing. */
function bytesWrittenOf(error: unknown, size: number): number {
  const written = (error as { bytesWritten?: unknown } | null)?.bytesWritten;
  return typeof written === "number" && written > 0 ? Math.min(written, size) : 0;
}
