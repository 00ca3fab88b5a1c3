/**
 * Node's shutdown hooks, on `process` events.
 *
 * @module
 */
import type { ShutdownHook } from "../../core/runtime/runtime.ts";
import { onProcessShutdown, type ProcessShutdownOptions } from "../shared/process_shutdown.ts";

/**
 * Options of one {@link onNodeShutdown} registration.
 *
 * @example
 * ```ts
 * import type { NodeShutdownOptions } from "@logging/core/node";
 * const options: NodeShutdownOptions = { signals: ["SIGTERM"], exitOnSignal: false }; // the application exits itself
 * ```
 */
export interface NodeShutdownOptions extends ProcessShutdownOptions {}

/**
 * Registers a hook run on `beforeExit` (`{ reason: "beforeExit" }`, once per
 * registration: work it starts keeps the process alive), on `exit` (`{
 * reason: "exit", synchronous: true }`, also after an uncaught exception: only
 * synchronous writes land) and on the signals named in `options.signals`
 * (`{ reason: "SIGTERM", exitCode: 143, appExits }`). After a signal and every
 * hook, the process exits with the signal's code unless the application
 * listens for that signal too (or `exitOnSignal: false`), or every hook
 * answered `"continue"`. A second signal while the hooks run writes
 * synchronously and exits at once. One registry per process, shared by every
 * logger. Returns a function that unregisters the hook (idempotent).
 *
 * This is what `nodeRuntime().onShutdown` calls; loggers register themselves.
 *
 * @example
 * ```ts
 * import { onNodeShutdown } from "@logging/core/node";
 * const unregister = onNodeShutdown(async (signal) => {
 *   if (!signal.synchronous) await new Promise((r) => setTimeout(r, 10));
 * }, { signals: ["SIGTERM", "SIGINT"] });
 * unregister();
 * ```
 */
export function onNodeShutdown(hook: ShutdownHook, options: NodeShutdownOptions = {}): () => void {
  return onProcessShutdown(hook, options);
}
