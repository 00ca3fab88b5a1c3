/**
 * What the runtime-agnostic core needs from the outside world. Adapters
 * (`@logging/core/node`, `/deno`, `/bun`, `/workers`) supply these; the core
 * never names a runtime.
 *
 * @module
 */
import type { LogProperties } from "../events/log_value.ts";
import type { FetchLike } from "../shipping/http_types.ts";

/**
 * An opaque timer handle returned by {@link Scheduler.setTimeout}.
 *
 * @example
 * ```ts
 * import { type TimerId } from "@logging/core";
 * import { ManualScheduler } from "@logging/core/testing";
 * const id: TimerId = new ManualScheduler().setTimeout(() => {}, 10);
 * ```
 */
export type TimerId = unknown;

/**
 * Whether a timer keeps the process alive while it is pending.
 *
 * @example
 * ```ts
 * import type { TimerOptions } from "@logging/core";
 * const background: TimerOptions = { keepAlive: false };
 * ```
 */
export interface TimerOptions {
  /**
   * Default true: the timer stands for pending work (a write timeout, a retry,
   * a shutdown deadline, events waiting for their flush), and the process
   * stays alive until it fires or is cleared. False: the timer never holds the
   * process (used for the flush interval where the runtime announces that the
   * process is going idle, so the events are flushed then instead).
   */
  readonly keepAlive?: boolean;
}

/**
 * Time and timers. The logger sets a timer only while it has work pending, so
 * timers that keep the process alive never hold an idle process.
 *
 * @example
 * ```ts
 * import type { Scheduler } from "@logging/core";
 * function elapsed(s: Scheduler, since: number): number { return s.now() - since; }
 * ```
 */
export interface Scheduler {
  /** Milliseconds, monotonic where the runtime allows. */
  now(): number;
  /** Milliseconds since the Unix epoch, for event timestamps. */
  wallClock(): number;
  /**
   * Runs `fn` once after `ms` milliseconds; returns a handle for
   * {@link Scheduler.clearTimeout}. The timer keeps the process alive unless
   * `options.keepAlive` is false (where the runtime can tell the difference).
   */
  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerId;
  /** Cancels a timer from {@link Scheduler.setTimeout}; a no-op if it already fired. */
  clearTimeout(id: TimerId): void;
  /**
   * True where the runtime may silently drop a pending timer (Workers, when a
   * request ends): queues then re-arm a timer that is overdue.
   */
  readonly timersMayBeDropped?: boolean;
}

/**
 * A byte or text destination: stdout, a file, a socket.
 *
 * @example
 * ```ts
 * import type { Writer } from "@logging/core";
 * const chunks: string[] = [];
 * const writer: Writer = {
 *   write(chunk) { chunks.push(String(chunk)); },
 *   async close() {},
 * };
 * ```
 */
export interface Writer {
  /** Writes `chunk`; a returned promise means the caller should wait on it (back-pressure or async I/O). */
  write(chunk: string | Uint8Array): void | Promise<void>;
  /** A synchronous write, for the last-chance flush on process exit. */
  writeSync?(chunk: string | Uint8Array): void;
  /** Resolves once buffered writes have been handed to the destination. */
  flush?(): Promise<void>;
  /** Releases the destination; writers over process streams leave them open. */
  close(): Promise<void>;
  /**
   * True when the destination is a terminal (a TTY), false when it is a
   * pipe, a file or a console that shows escape codes verbatim; absent when
   * unknown (counts as not a terminal). Adapters set it on their stdout and
   * stderr writers; `consoleSink({ theme: "auto" })` colours only a terminal.
   */
  readonly isTerminal?: boolean;
}

/**
 * What is known of a file on disk.
 *
 * @example
 * ```ts
 * import type { FileInfo } from "@logging/core";
 * const info: FileInfo = { size: 0, mtimeMs: Date.now(), isFile: true };
 * ```
 */
export interface FileInfo {
  /** Size in bytes. */
  readonly size: number;
  /** Last modification time, in milliseconds since the Unix epoch. */
  readonly mtimeMs: number;
  /** True for a regular file (not a directory or other entry). */
  readonly isFile: boolean;
  /**
   * Which file this is (device and inode), where the platform tells: two
   * infos with different ids are different files, even at the same path.
   */
  readonly fileId?: string;
}

/**
 * A file opened for appending. `write` must be done with the bytes it was
 * given when it returns (or its promise settles): callers reuse the buffer.
 * A write that fails part way throws an error with a `bytesWritten` number:
 * how many bytes of the chunk reached the file before it failed.
 *
 * @example
 * ```ts
 * import type { AppendFile } from "@logging/core";
 * async function append(file: AppendFile, line: string) { await file.write(line); }
 * ```
 */
export interface AppendFile extends Writer {
  /** The size of the file when it was opened. */
  readonly initialSize: number;
  /** Which file was opened (see {@link FileInfo.fileId}), to notice when its path comes to name another. */
  readonly fileId?: string;
  /** Cuts the file back to `size` bytes, synchronously (to remove a line a failed write left half written). */
  truncate?(size: number): void;
}

/**
 * The file operations rolling files need. Paths use `/`; adapters accept the
 * platform's own separators as well.
 *
 * @example
 * ```ts
 * import type { FileSystem } from "@logging/core";
 * async function exists(fs: FileSystem, path: string) { return (await fs.stat(path)) !== undefined; }
 * ```
 */
export interface FileSystem {
  /** Opens (creating if needed) a file for appending. */
  openAppend(path: string): Promise<AppendFile>;
  /** `undefined` when the path does not exist. */
  stat(path: string): Promise<FileInfo | undefined>;
  /** Moves or renames a file. */
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file. */
  remove(path: string): Promise<void>;
  /** The names (not paths) of the entries of a directory; `[]` if it is missing. */
  list(dir: string): Promise<string[]>;
  /** Creates a directory and its parents; no error when it exists. */
  mkdir(dir: string): Promise<void>;
}

/**
 * Context carried across async calls (AsyncLocalStorage where the runtime has
 * it). `LogContext.run` uses it.
 *
 * @example
 * ```ts
 * import type { ContextStorage, LogProperties } from "@logging/core";
 * let current: LogProperties | undefined;
 * const syncOnly: ContextStorage = {
 *   run(props, fn) { const prev = current; current = props; try { return fn(); } finally { current = prev; } },
 *   get: () => current,
 * };
 * ```
 */
export interface ContextStorage {
  /** Calls `fn` with `properties` as the current context (for it and any async work it starts); returns its result. */
  run<T>(properties: LogProperties, fn: () => T): T;
  /** The properties of the innermost enclosing {@link ContextStorage.run}, or `undefined` outside one. */
  get(): LogProperties | undefined;
}

/**
 * Everything the core gets from a runtime.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, portableRuntime } from "@logging/core";
 * const log = new LoggerConfiguration({ runtime: portableRuntime() }).createLogger();
 * ```
 */
export interface RuntimeAdapter {
  /** Which runtime this adapter is for. */
  readonly name: "node" | "deno" | "bun" | "workers" | "portable";
  /** Clock and timers used by queues, retries and rolling. */
  readonly scheduler: Scheduler;
  /** The process's standard output. */
  readonly stdout: Writer;
  /** The process's standard error. */
  readonly stderr: Writer;
  /** Absent on Workers. */
  readonly fs?: FileSystem;
  /**
   * Connects a logger to the process's life: the hook hears `beforeExit`
   * (the event loop is about to run dry: flush), `exit` (synchronous last
   * chance: the process ends now, whatever the cause) and, for the signals
   * named in `options.signals`, the signal itself. Returns a function that
   * unregisters the hook.
   *
   * Not to be confused with `Logger.onShutdown`: this one is the runtime's
   * side (the process is ending; the logger registers here once, which starts
   * its shutdown), that one is the application's (cleanup the logger runs in
   * the first phase of its own shutdown, however it started).
   */
  onShutdown?(hook: ShutdownHook, options?: ShutdownHookOptions): () => void;
  /** Absent: `LogContext` works for synchronous code only. */
  readonly contextStorage?: ContextStorage;
  /** Reads an environment variable (e.g. `NO_COLOR`) where the runtime allows. */
  env?(name: string): string | undefined;
  /**
   * The HTTP client of the shipping sinks (`otlpSink`, `seqSink`) when they
   * are given no `fetch`; absent: the global `fetch`. Node's adapter supplies
   * one over `node:http` (its global `fetch` costs 3–4× the CPU per request).
   */
  readonly fetch?: FetchLike;
}

/**
 * A signal a runtime adapter can handle for the logger.
 *
 * @example
 * ```ts
 * import type { ShutdownSignalName } from "@logging/core";
 * const name: ShutdownSignalName = "SIGHUP";
 * ```
 */
export type ShutdownSignalName = "SIGTERM" | "SIGINT" | "SIGHUP";

/**
 * Why a shutdown hook is called:
 * - `beforeExit`: the event loop is about to run dry (Node's `beforeExit`,
 *   Deno's `beforeunload`); work the hook starts keeps the process alive.
 * - `exit`: the process ends now (an explicit exit call, the end of
 *   the program, an uncaught error, a second signal): only synchronous work lands.
 * - a signal name: a signal the registration asked for.
 *
 * @example
 * ```ts
 * import type { ShutdownReason } from "@logging/core";
 * const reason: ShutdownReason = "SIGTERM";
 * ```
 */
export type ShutdownReason = "beforeExit" | "exit" | ShutdownSignalName;

/**
 * What the runtime tells a shutdown hook.
 *
 * @example
 * ```ts
 * import type { ShutdownSignal } from "@logging/core";
 * const s: ShutdownSignal = { reason: "SIGTERM", exitCode: 143, appExits: false };
 * ```
 */
export interface ShutdownSignal {
  /** What happened. */
  readonly reason: ShutdownReason;
  /** For a signal: the exit code the adapter uses (128 + its number). For `exit`: the code, where known. */
  readonly exitCode?: number;
  /** True for `exit`: the process ends right after the hook returns; only synchronous writes land. */
  readonly synchronous?: boolean;
  /**
   * For a signal: true when the application will end the process itself (it
   * listens for the signal too, or the adapter was told `exitOnSignal: false`),
   * so the adapter will not exit after the hooks.
   */
  readonly appExits?: boolean;
}

/**
 * What a shutdown hook answers for a signal: `"continue"` keeps the process
 * running (e.g. after reopening files on SIGHUP); anything else lets the
 * adapter exit with the signal's code once every hook has settled.
 *
 * @example
 * ```ts
 * import type { ShutdownHookResult } from "@logging/core";
 * const keepRunning: ShutdownHookResult = "continue";
 * ```
 */
export type ShutdownHookResult = void | "continue";

/**
 * A hook the runtime calls through the process's life (see {@link ShutdownReason}).
 * On a synchronous exit its returned promise is not awaited.
 *
 * @example
 * ```ts
 * import type { ShutdownHook } from "@logging/core";
 * const hook: ShutdownHook = async (signal) => { console.log("bye", signal.reason); };
 * ```
 */
export type ShutdownHook = (signal: ShutdownSignal) => ShutdownHookResult | Promise<ShutdownHookResult>;

/**
 * Options of one {@link RuntimeAdapter.onShutdown} registration.
 *
 * @example
 * ```ts
 * import type { ShutdownHookOptions } from "@logging/core";
 * const options: ShutdownHookOptions = { signals: ["SIGTERM", "SIGINT"] };
 * ```
 */
export interface ShutdownHookOptions {
  /** The signals this hook handles (default none: signals keep their default effect). */
  readonly signals?: readonly ShutdownSignalName[];
  /**
   * When the application listens for a handled signal too (and so ends the
   * process itself), how long after the hooks it gets to do so before the
   * adapter exits anyway (a listener that never exits, such as a library's,
   * must not keep a signalled process alive). Default 5 000 ms.
   */
  readonly graceMs?: number;
}
