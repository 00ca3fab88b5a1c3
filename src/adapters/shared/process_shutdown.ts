/**
 * Shutdown hooks on `process` events, for Node and Bun: `beforeExit` and
 * `exit` always, SIGTERM/SIGINT/SIGHUP for the registrations that ask. One
 * registry per process, shared by every runtime object, so two loggers never
 * race each other to `process.exit`.
 *
 * @module
 */
import process from "node:process";
import type { ShutdownHook, ShutdownHookOptions, ShutdownSignalName } from "../../core/runtime/runtime.ts";
import { createShutdownRegistry } from "../../core/lifecycle/shutdown_registry.ts";

/**
 * Options of one {@link onProcessShutdown} registration.
 *
 * @example
 * ```ts
 * import type { ProcessShutdownOptions } from "@logging/core/node"; // also /bun
 * const options: ProcessShutdownOptions = { signals: ["SIGTERM"], exitOnSignal: false }; // the application exits itself
 * ```
 */
export interface ProcessShutdownOptions extends ShutdownHookOptions {
  /**
   * After a signal and every hook, exit with the signal's code. Default: yes,
   * unless the application listens for the signal too. `false`: the
   * application always exits itself. `true`: always exit.
   */
  readonly exitOnSignal?: boolean;
}

const registry = createShutdownRegistry({
  listenForExit,
  stopListeningForExit,
  listenForSignal: (name, listener) => process.on(name, listener),
  stopListeningForSignal: (name, listener) => process.removeListener(name, listener),
  // Our own listener is one of them: more means the application listens too.
  othersListen: (name: ShutdownSignalName) => process.listenerCount(name) > 1,
  exit: (code) => process.exit(code),
});

/** Each registration hears of `beforeExit` once; anything logged later still gets the synchronous `exit` flush. */
function onBeforeExit(): void {
  registry.beforeExit();
}

function onExit(code: number): void {
  registry.exit(code);
}

function listenForExit(): void {
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
}

function stopListeningForExit(): void {
  process.removeListener("beforeExit", onBeforeExit);
  process.removeListener("exit", onExit);
}

/**
 * Registers a hook run on `beforeExit` (`{ reason: "beforeExit" }`, once per
 * registration: work it starts keeps the process alive), on `exit` (`{
 * reason: "exit", synchronous: true }`, also after an uncaught exception: only
 * synchronous writes land) and on the signals named in `options.signals`
 * (`{ reason: "SIGTERM", exitCode: 143, appExits }`). After a signal and every
 * hook, the process exits with the signal's code unless the application
 * listens for that signal too (or `exitOnSignal: false`), or every hook
 * answered `"continue"`. A second signal while the hooks run writes
 * synchronously and exits at once. Returns a function that unregisters the
 * hook (idempotent).
 *
 * @example
 * ```ts
 * import { onProcessShutdown } from "./process_shutdown.ts";
 * const unregister = onProcessShutdown(async (signal) => {
 *   if (!signal.synchronous) await new Promise((r) => setTimeout(r, 10));
 * }, { signals: ["SIGTERM", "SIGINT"] });
 * unregister();
 * ```
 */
export function onProcessShutdown(hook: ShutdownHook, options: ProcessShutdownOptions = {}): () => void {
  return registry.register(hook, options);
}
