/**
 * The Cloudflare Workers runtime adapter: `Date.now` timers, the console as
 * stdout/stderr (one console call per line, optionally as objects for Workers
 * Logs), `AsyncLocalStorage` when `nodejs_compat` provides it. No file system
 * and no shutdown hooks: Workers has neither.
 *
 * Imports nothing Workers- or Node-specific, so the module loads with or
 * without `nodejs_compat`.
 *
 * @module
 */
import type { RuntimeAdapter, Scheduler, TimerId, Writer } from "../../core/runtime/runtime.ts";
import { consoleWriter as batchConsoleWriter } from "../../core/runtime/portable_runtime.ts";
import { type AsyncLocalStorageConstructor, contextStorageOver } from "../shared/context_storage_over.ts";
import type { ConsoleLike } from "./workers_types.ts";

/**
 * Options of {@link workersRuntime}.
 *
 * @example
 * ```ts
 * import type { WorkersRuntimeOptions } from "@logging/core/workers";
 * const options: WorkersRuntimeOptions = { structured: true };
 * ```
 */
export interface WorkersRuntimeOptions {
  /**
   * Emit each JSON line (e.g. from `clefFormatter()`) as an object:
   * `console.info(JSON.parse(line))`, so Workers Logs indexes its fields and
   * shows the level. The console method follows the line's `@l` (or `level`):
   * Verbose/Debug → `console.debug`, Information (CLEF's default) →
   * `console.info`, Warning → `console.warn`, Error/Fatal → `console.error`.
   * A line that is not a JSON object is logged as text. Default `false`: text,
   * `console.log` for stdout and `console.error` for stderr.
   */
  readonly structured?: boolean;
  /**
   * `"line"` (default): one console call per line, so each event is one
   * Workers Logs entry. `"batch"`: one call per write (a whole batch; its
   * lines joined by newlines), fewer calls but one entry per batch. Ignored
   * when `structured` is true (always per line).
   */
  readonly consoleCalls?: "line" | "batch";
  /**
   * The `AsyncLocalStorage` class to carry `LogContext` across `await`s.
   * Default: found automatically when the Worker runs with `nodejs_compat`
   * (through `process.getBuiltinModule("node:async_hooks")`) or when a global
   * `AsyncLocalStorage` exists. With only the `nodejs_als` flag, import it and
   * pass it here. `false`: never use one. Without one, `LogContext` follows
   * synchronous code only; use the per-request logger `withLogging` passes.
   */
  readonly asyncLocalStorage?: AsyncLocalStorageConstructor | false;
  /**
   * Variables for `runtime.env` (e.g. `NO_COLOR`): the Worker's `env`, or the
   * `env` from `import { env } from "cloudflare:workers"`. String values only;
   * otherwise `process.env` is read where `nodejs_compat` provides it.
   */
  readonly env?: Readonly<Record<string, unknown>>;
  /** The console to write to. Default: the global `console`. */
  readonly console?: ConsoleLike;
}

interface WorkersGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  console: ConsoleLike;
  AsyncLocalStorage?: unknown;
  process?: {
    env?: Record<string, string | undefined>;
    getBuiltinModule?: (id: string) => unknown;
  };
}

const globals = globalThis as unknown as WorkersGlobals;

/**
 * A scheduler for Workers. `now()` and `wallClock()` both read `Date.now()`:
 * in Workers `performance.now()` is the same clock (epoch milliseconds, frozen
 * between I/O like `Date.now()`), so there is nothing better to measure with.
 * `setTimeout` at global scope (outside a request) is disallowed in Workers;
 * there it returns `undefined` instead of throwing, and the queue retries on
 * its next event. Timers still pending when a request's work ends are dropped
 * by Workers without firing: flush with `ctx.waitUntil(log.flush())`.
 */
function workersScheduler(): Scheduler {
  return {
    timersMayBeDropped: true,
    now: () => Date.now(),
    wallClock: () => Date.now(),
    setTimeout(fn: () => void, ms: number): TimerId {
      try {
        return globals.setTimeout(fn, ms);
      } catch {
        return undefined; // global scope: "Disallowed operation called within global scope"
      }
    },
    clearTimeout(id: TimerId): void {
      if (id === undefined) return;
      try {
        globals.clearTimeout(id);
      } catch {
        // a timer of another request, or already gone: nothing to clear
      }
    },
  };
}

type ConsoleMethod = "log" | "debug" | "info" | "warn" | "error";

const LEVEL_METHODS: Readonly<Record<string, ConsoleMethod>> = {
  verbose: "debug",
  trace: "debug",
  debug: "debug",
  information: "info",
  info: "info",
  warning: "warn",
  warn: "warn",
  error: "error",
  fatal: "error",
};

function structuredCall(line: string, fallback: ConsoleMethod): [ConsoleMethod, unknown] {
  if (line.charCodeAt(0) !== 0x7b /* { */) return [fallback, line];
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [fallback, line];
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [fallback, line];
  const record = value as Record<string, unknown>;
  const level = record["@l"] ?? record.level;
  if (typeof level === "string") return [LEVEL_METHODS[level.toLowerCase()] ?? fallback, record];
  // CLEF leaves out @l for information.
  if ("@mt" in record || "@m" in record) return [fallback === "error" ? "error" : "info", record];
  return [fallback, record];
}

function consoleWriter(
  out: ConsoleLike,
  method: "log" | "error",
  structured: boolean,
  perLine: boolean,
): Writer {
  // One call per write: the portable runtime's console writer does just that.
  if (!perLine && !structured) return batchConsoleWriter(method, out);
  const decoder = new TextDecoder();
  const write = (chunk: string | Uint8Array): void => {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      let line = text.slice(start, end);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      start = end + 1;
      if (line.length === 0) continue;
      if (structured) {
        const [m, value] = structuredCall(line, method);
        out[m](value);
      } else {
        out[method](line);
      }
    }
  };
  return {
    write,
    writeSync: write,
    async close(): Promise<void> {},
  };
}

function isConstructor(value: unknown): value is AsyncLocalStorageConstructor {
  return typeof value === "function";
}

/** Finds `AsyncLocalStorage` without a static `node:async_hooks` import. */
function findAsyncLocalStorage(): AsyncLocalStorageConstructor | undefined {
  try {
    if (isConstructor(globals.AsyncLocalStorage)) return globals.AsyncLocalStorage;
    const getBuiltinModule = globals.process?.getBuiltinModule;
    if (typeof getBuiltinModule !== "function") return undefined;
    const hooks = getBuiltinModule("node:async_hooks") as { AsyncLocalStorage?: unknown } | undefined;
    return isConstructor(hooks?.AsyncLocalStorage) ? hooks.AsyncLocalStorage : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The runtime adapter for Cloudflare Workers (`name: "workers"`).
 *
 * - Timers over `setTimeout`; time from `Date.now()` (see below).
 * - `stdout` → `console.log`, `stderr` → `console.error`, one call per line
 *   (each event one Workers Logs entry), or objects with `structured: true`.
 * - `contextStorage` from `AsyncLocalStorage` when available: automatic with
 *   `nodejs_compat`, injected with `nodejs_als`; absent otherwise, and the
 *   module still loads (it never imports `node:async_hooks` statically).
 * - No `fs` (no `fileSink` on Workers) and no `onShutdown` (no signals): end
 *   every request with `ctx.waitUntil(log.flush())`, or wrap the handler in
 *   `withLogging`, which does it. Queue timers left pending when a request
 *   ends never fire in Workers; the flush is what delivers.
 *
 * In Workers both `Date.now()` and `performance.now()` stand still while code
 * runs and advance only across I/O, so durations measure I/O waits.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, clefFormatter, consoleSink } from "@logging/core";
 * import { workersRuntime } from "@logging/core/workers";
 *
 * const log = new LoggerConfiguration({ runtime: workersRuntime({ structured: true }) })
 *   .writeTo(consoleSink({ formatter: clefFormatter() }))
 *   .createLogger();
 * ```
 */
export function workersRuntime(options: WorkersRuntimeOptions = {}): RuntimeAdapter {
  const out = options.console ?? globals.console;
  const structured = options.structured === true;
  const perLine = options.consoleCalls !== "batch";
  const alsClass = options.asyncLocalStorage === false
    ? undefined
    : options.asyncLocalStorage ?? findAsyncLocalStorage();
  const vars = options.env;
  const runtime: RuntimeAdapter = {
    name: "workers",
    scheduler: workersScheduler(),
    stdout: consoleWriter(out, "log", structured, perLine),
    stderr: consoleWriter(out, "error", structured, perLine),
    env(name: string): string | undefined {
      const own = vars?.[name];
      if (typeof own === "string") return own;
      const fromProcess = globals.process?.env?.[name];
      return typeof fromProcess === "string" ? fromProcess : undefined;
    },
  };
  if (alsClass === undefined) return runtime;
  return { ...runtime, contextStorage: contextStorageOver(alsClass) };
}
