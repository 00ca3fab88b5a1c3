/**
 * A runtime built only from web-standard globals: works anywhere, knows no
 * file system, no signals and no async context. Where the host has a
 * Node-compatible `process` global (Node, Bun, Deno 2), it also hears of the
 * process going idle and exiting, so nothing queued is lost at the end.
 *
 * @module
 */
import type { RuntimeAdapter, ShutdownHook, Writer } from "./runtime.ts";
import { createShutdownRegistry, type ShutdownRegistry } from "../lifecycle/shutdown_registry.ts";
import { webScheduler } from "./web_scheduler.ts";

export { webScheduler };

interface ConsoleGlobals {
  console: { log(...args: unknown[]): void; error(...args: unknown[]): void };
}

const web = globalThis as unknown as ConsoleGlobals;

/** The part of a Node-compatible `process` global the exit hooks use. */
interface ProcessEvents {
  on(event: "beforeExit" | "exit", listener: (code?: number) => void): unknown;
  removeListener(event: "beforeExit" | "exit", listener: (code?: number) => void): unknown;
  stdout?: BlockableStream;
  stderr?: BlockableStream;
}

/** Node's stdio streams over a pipe write asynchronously once the pipe is full; a blocking handle writes through. */
interface BlockableStream {
  _handle?: { setBlocking?(blocking: boolean): unknown };
}

/** Makes a stdio stream write synchronously (where it can), so console output at exit is not cut off. */
function block(stream: BlockableStream | undefined): void {
  try {
    stream?._handle?.setBlocking?.(true);
  } catch {
    // Not a Node stream: its console writes are synchronous already.
  }
}

let hostRegistry: ShutdownRegistry | undefined | null;

/** The web-standard `unload` event, where the host dispatches it (Deno does when it exits). */
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
  const onExit = (code?: number): void => {
    block(events.stdout);
    block(events.stderr);
    registry.exit(code);
  };
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
 * A writer that hands each chunk to a console method (of `out`, default the
 * global `console`), one call per write, without the trailing newline the
 * console adds itself.
 *
 * @example
 * ```ts
 * import { consoleWriter } from "@logging/core";
 * consoleWriter("log").write("hello\n");
 * ```
 */
export function consoleWriter(
  method: "log" | "error",
  out: { log(text: string): void; error(text: string): void } = web.console,
): Writer {
  const decoder = new TextDecoder();
  return {
    write(chunk: string | Uint8Array): void {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
      if (text.length > 0) out[method](text.endsWith("\n") ? text.slice(0, -1) : text);
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
