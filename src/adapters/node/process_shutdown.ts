/**
 * Shutdown hooks on `process` events, for Node and Bun: SIGTERM/SIGINT,
 * `beforeExit` and `exit`. One registry per process, shared by every runtime
 * object, so two loggers never race each other to `process.exit`.
 *
 * @module
 */
import process from "node:process";
import type { ShutdownHook } from "../../core/runtime.ts";
import { createShutdownRegistry } from "../../core/shutdown_registry.ts";

/**
 * Options of one {@link onProcessShutdown} registration.
 *
 * @example
 * ```ts
 * import type { ProcessShutdownOptions } from "@logging/core/node";
 * const options: ProcessShutdownOptions = { exitOnSignal: false }; // the application exits itself
 * ```
 */
export interface ProcessShutdownOptions {
  /**
   * After SIGTERM/SIGINT and every hook has settled, call
   * `process.exit(128 + signal number)`. Default true. When no registration
   * asks for it, the application's own signal handling decides when to exit
   * (the `exit` hook still runs then).
   */
  readonly exitOnSignal?: boolean;
}

const registry = createShutdownRegistry({ install, uninstall, exit: (code) => process.exit(code) });

/** Each registration hears of `beforeExit` once; anything logged later still gets the synchronous `exit` flush. */
function onBeforeExit(): void {
  registry.beforeExit();
}

function onExit(code: number): void {
  registry.finalExit({ reason: "exit", exitCode: code, synchronous: true });
}

function install(): void {
  for (const { name, listener } of registry.signalListeners) process.on(name, listener);
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
}

function uninstall(): void {
  for (const { name, listener } of registry.signalListeners) process.removeListener(name, listener);
  process.removeListener("beforeExit", onBeforeExit);
  process.removeListener("exit", onExit);
}

/**
 * Registers a hook run on SIGTERM (`{ reason: "SIGTERM", exitCode: 143 }`),
 * SIGINT (130), `beforeExit` (`{ reason: "beforeExit" }`, once per
 * registration, no exit follows) and
 * `exit` (`{ reason: "exit", synchronous: true }`: only synchronous writes
 * land). On a signal every hook runs at once; when all have settled the
 * process exits with the signal's code, unless no registration asked for that.
 * A second signal while the hooks run exits at once. The process listeners are
 * added with the first registration and removed with the last. Returns a
 * function that unregisters the hook (idempotent).
 *
 * @example
 * ```ts
 * import { onProcessShutdown } from "@logging/core/node";
 * const unregister = onProcessShutdown(async (signal) => {
 *   if (!signal.synchronous) await new Promise((r) => setTimeout(r, 10));
 * });
 * unregister();
 * ```
 */
export function onProcessShutdown(hook: ShutdownHook, options: ProcessShutdownOptions = {}): () => void {
  return registry.register(hook, options);
}
