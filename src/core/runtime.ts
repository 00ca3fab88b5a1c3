/**
 * What the runtime-agnostic core needs from the outside world. Adapters
 * (`@logging/core/node`, `/deno`, `/bun`, `/workers`) supply these; the core
 * never names a runtime.
 *
 * @module
 */
import type { LogProperties } from "./log_value.ts";

/**
 * An opaque timer handle returned by {@link Scheduler.setTimeout}.
 *
 * @example
 * ```ts
 * import { ManualScheduler, type TimerId } from "@logging/core";
 * const id: TimerId = new ManualScheduler().setTimeout(() => {}, 10);
 * ```
 */
export type TimerId = unknown;

/**
 * Time and timers. Timers are unref'd where the runtime allows, so a pending
 * flush never keeps a process alive.
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
  /** Runs `fn` once after `ms` milliseconds; returns a handle for {@link Scheduler.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): TimerId;
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
}

/**
 * A file opened for appending. `write` must be done with the bytes it was
 * given when it returns (or its promise settles): callers reuse the buffer.
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
   * Registers a hook run on SIGTERM/SIGINT/beforeExit/unload; returns a
   * function that unregisters it.
   */
  onShutdown?(hook: ShutdownHook): () => void;
  /** Absent: `LogContext` works for synchronous code only. */
  readonly contextStorage?: ContextStorage;
  /** Reads an environment variable (e.g. `NO_COLOR`) where the runtime allows. */
  env?(name: string): string | undefined;
}

/**
 * Why the runtime asks the logger to shut down, and how it will exit.
 *
 * @example
 * ```ts
 * import type { ShutdownSignal } from "@logging/core";
 * const s: ShutdownSignal = { reason: "SIGTERM", exitCode: 143 };
 * ```
 */
export interface ShutdownSignal {
  /** `"SIGTERM"`, `"SIGINT"`, `"beforeExit"`, `"unload"` or `"exit"`. */
  readonly reason: string;
  /** The exit code the adapter will use after the hook settles, if it exits. */
  readonly exitCode?: number;
  /**
   * True when the process exits synchronously right after the hook returns
   * (Node's `exit` event): only synchronous writes still land.
   */
  readonly synchronous?: boolean;
}

/**
 * A hook the runtime calls on shutdown. On a synchronous exit its returned
 * promise is not awaited.
 *
 * @example
 * ```ts
 * import type { ShutdownHook } from "@logging/core";
 * const hook: ShutdownHook = async (signal) => { console.log("bye", signal.reason); };
 * ```
 */
export type ShutdownHook = (signal: ShutdownSignal) => void | Promise<void>;
