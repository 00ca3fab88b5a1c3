/**
 * Bun's shutdown hooks, on `process` events.
 *
 * @module
 */
import type { ShutdownHook } from "../../core/runtime/runtime.ts";
import { onProcessShutdown, type ProcessShutdownOptions } from "../shared/process_shutdown.ts";

/**
 * Options of one {@link onBunShutdown} registration.
 *
 * @example
 * ```ts
 * import type { BunShutdownOptions } from "@logging/core/bun";
 * const options: BunShutdownOptions = { signals: ["SIGTERM"], exitOnSignal: false }; // the application exits itself
 * ```
 */
export interface BunShutdownOptions extends ProcessShutdownOptions {}

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
 * This is what `bunRuntime().onShutdown` calls; loggers register themselves.
 *
 * @example
 * ```ts
 * import { onBunShutdown } from "@logging/core/bun";
 * const unregister = onBunShutdown(async (signal) => {
 *   if (!signal.synchronous) await new Promise((r) => setTimeout(r, 10));
 * }, { signals: ["SIGTERM", "SIGINT"] });
 * unregister();
 * ```
 */
export function onBunShutdown(hook: ShutdownHook, options: BunShutdownOptions = {}): () => void {
  return onProcessShutdown(hook, options);
}
