/**
 * A runtime built only from web-standard globals: works anywhere, knows no
 * file system, no signals and no async context. Where the host has a
 * Node-compatible `process` global (Node, Bun, Deno 2), it also hears of the
 * process going idle and exiting, so nothing queued is lost at the end.
 *
 * @module
 */
import type { RuntimeAdapter, Scheduler, ShutdownHook, TimerId, TimerOptions, Writer } from "./runtime.ts";
import { createShutdownRegistry, type ShutdownRegistry } from "./lifecycle/shutdown_registry.ts";

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

/** The part of a Node-compatible `process` global the exit hooks use. */
interface ProcessEvents {
  on(event: "beforeExit" | "exit", listener: (code?: number) => void): unknown;
  removeListener(event: "beforeExit" | "exit", listener: (code?: number) => void): unknown;
}

let hostRegistry: ShutdownRegistry | undefined | null;

/** The web-standard `unload` event, where the host dispatches it (Deno does on `Deno.exit()`). */
interface UnloadTarget {
  addEventListener?(type: "unload", listener: () => void): void;
  removeEventListener?(type: "unload", listener: () => void): void;
}

/** One registry per process over the host's `process` events, or null where there are none. */
function hostExitRegistry(): ShutdownRegistry | null {
  if (hostRegistry !== undefined) return hostRegistry;
  const host = (globalThis as unknown as { process?: Partial<ProcessEvents> }).process;
  if (host === undefined || typeof host.on !== "function" || typeof host.removeListener !== "function") {
    return (hostRegistry = null);
  }
  const events = host as ProcessEvents;
  const unload = globalThis as unknown as UnloadTarget;
  const onBeforeExit = (): void => void registry.beforeExit();
  const onExit = (code?: number): void => registry.exit(code);
  const onUnload = (): void => registry.exit();
  const registry = createShutdownRegistry({
    listenForExit() {
      events.on("beforeExit", onBeforeExit);
      events.on("exit", onExit);
      unload.addEventListener?.("unload", onUnload);
    },
    stopListeningForExit() {
      events.removeListener("beforeExit", onBeforeExit);
      events.removeListener("exit", onExit);
      unload.removeEventListener?.("unload", onUnload);
    },
    // Signals need a runtime adapter: the portable runtime leaves them alone.
    listenForSignal() {},
    stopListeningForSignal() {},
    exit() {},
  });
  return (hostRegistry = registry);
}

/**
 * A scheduler over `setTimeout`/`performance.now()`. A timer keeps the
 * process alive unless it is set with `{ keepAlive: false }` (then it is
 * unref'd, where the runtime supports that).
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
    setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerId {
      const id = web.setTimeout(fn, ms) as UnrefableTimer;
      if (options?.keepAlive === false && id !== null && typeof id === "object" && typeof id.unref === "function") {
        id.unref();
      }
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
 * console; where the host has a Node-compatible `process` global, its
 * `beforeExit`/`exit` events (so a program that logs and ends, or exits,
 * loses nothing). No file system, signals or async context.
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
  const registry = hostExitRegistry();
  return {
    name: "portable",
    scheduler: webScheduler(),
    stdout: consoleWriter("log"),
    stderr: consoleWriter("error"),
    ...(registry === null ? {} : { onShutdown: (hook: ShutdownHook): (() => void) => registry.register(hook) }),
  };
}
