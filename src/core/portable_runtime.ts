/**
 * A runtime built only from web-standard globals: works anywhere, knows no
 * file system, no shutdown hooks and no async context.
 *
 * @module
 */
import type { RuntimeAdapter, Scheduler, TimerId, Writer } from "./runtime.ts";

interface UnrefableTimer {
  unref?: () => void;
}

interface WebGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  performance?: { now(): number };
  console: { log(...args: unknown[]): void; error(...args: unknown[]): void };
}

const web = globalThis as unknown as WebGlobals;

/**
 * A scheduler over `setTimeout`/`performance.now()`, unref'ing timers where the
 * runtime supports it so a pending flush never holds a process open.
 *
 * @example
 * ```ts
 * import { webScheduler } from "@logging/core";
 * const s = webScheduler();
 * const started = s.now();
 * ```
 */
export function webScheduler(): Scheduler {
  const perf = web.performance;
  return {
    now: perf ? () => perf.now() : () => Date.now(),
    wallClock: () => Date.now(),
    setTimeout(fn: () => void, ms: number): TimerId {
      const id = web.setTimeout(fn, ms) as UnrefableTimer;
      if (id !== null && typeof id === "object" && typeof id.unref === "function") id.unref();
      return id;
    },
    clearTimeout(id: TimerId): void {
      web.clearTimeout(id);
    },
  };
}

/**
 * A writer that hands each chunk to a console method, without the trailing
 * newline the console adds itself.
 *
 * @example
 * ```ts
 * import { consoleWriter } from "@logging/core";
 * consoleWriter("log").write("hello\n");
 * ```
 */
export function consoleWriter(method: "log" | "error"): Writer {
  const decoder = new TextDecoder();
  return {
    write(chunk: string | Uint8Array): void {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
      web.console[method](text.endsWith("\n") ? text.slice(0, -1) : text);
    },
    writeSync(chunk: string | Uint8Array): void {
      this.write(chunk);
    },
    async close(): Promise<void> {},
  };
}

/**
 * The default runtime when none is configured: web-standard timers and the
 * console. No file system, shutdown hooks or async context.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink, portableRuntime } from "@logging/core";
 * const log = new LoggerConfiguration({ runtime: portableRuntime() })
 *   .writeTo(consoleSink())
 *   .createLogger();
 * ```
 */
export function portableRuntime(): RuntimeAdapter {
  return {
    name: "portable",
    scheduler: webScheduler(),
    stdout: consoleWriter("log"),
    stderr: consoleWriter("error"),
  };
}
