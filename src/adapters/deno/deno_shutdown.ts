/**
 * Shutdown hooks for Deno: `Deno.addSignalListener` for SIGTERM/SIGINT and the
 * `beforeunload`/`unload` events. One registry per process.
 *
 * What Deno does (2.x, verified by experiment): `unload` is dispatched when the
 * event loop ends and by `Deno.exit()`, but not after an uncaught exception;
 * its listeners run synchronously before the exit. `beforeunload` is
 * dispatched when the event loop has no more work; work scheduled by a listener
 * does NOT keep the process alive unless the listener calls
 * `event.preventDefault()`, in which case the loop runs on and `beforeunload`
 * comes again when it is empty.
 *
 * @module
 */
import type { ShutdownHook } from "../../core/runtime.ts";
import { SelfLog } from "../../core/self_log.ts";
import { createShutdownRegistry } from "../../core/shutdown_registry.ts";
import { denoApi } from "./deno_api.ts";

/**
 * Options of one {@link onDenoShutdown} registration.
 *
 * @example
 * ```ts
 * import type { DenoShutdownOptions } from "@logging/core/deno";
 * const options: DenoShutdownOptions = { exitOnSignal: true };
 * ```
 */
export interface DenoShutdownOptions {
  /** After SIGTERM/SIGINT and every hook has settled, `Deno.exit(128 + n)`. Default true. */
  readonly exitOnSignal?: boolean;
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  removeEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
}

const target = globalThis as unknown as EventTargetLike;
const registry = createShutdownRegistry({ install, uninstall, exit: (code) => denoApi().exit(code) });

/**
 * Like Node's `beforeExit`: each registration hears of it once; while their
 * hooks run, `preventDefault()` keeps the event loop going. Anything logged
 * later still gets the synchronous `unload` flush.
 */
function onBeforeUnload(event: { preventDefault(): void }): void {
  if (registry.beforeExit()) event.preventDefault();
}

function onUnload(): void {
  registry.finalExit({ reason: "unload", synchronous: true });
}

function install(): void {
  const deno = denoApi();
  for (const { name, listener } of registry.signalListeners) {
    try {
      deno.addSignalListener(name, listener);
    } catch (e) {
      // Windows offers only SIGINT and SIGBREAK: go on without this one.
      SelfLog.write(`cannot listen for ${name}`, e);
    }
  }
  target.addEventListener("beforeunload", onBeforeUnload);
  target.addEventListener("unload", onUnload);
}

function uninstall(): void {
  const deno = denoApi();
  for (const { name, listener } of registry.signalListeners) {
    try {
      deno.removeSignalListener(name, listener);
    } catch {
      // It was never added (see install).
    }
  }
  target.removeEventListener("beforeunload", onBeforeUnload);
  target.removeEventListener("unload", onUnload);
}

/**
 * Registers a hook run on SIGTERM (`{ reason: "SIGTERM", exitCode: 143 }`),
 * SIGINT (130), `beforeunload` (`{ reason: "beforeExit" }`, once per
 * registration, no exit follows) and `unload` (`{ reason: "unload",
 * synchronous: true }`, also dispatched by `Deno.exit()`). On a signal every
 * hook runs at once; when all have settled the process exits with the
 * signal's code (unless no registration asked for it); a second signal exits at
 * once. Listeners are added with the first registration and removed with the
 * last. Returns a function that unregisters the hook (idempotent).
 *
 * @example
 * ```ts
 * import { onDenoShutdown } from "@logging/core/deno";
 * const unregister = onDenoShutdown((signal) => console.error("shutting down:", signal.reason));
 * unregister();
 * ```
 */
export function onDenoShutdown(hook: ShutdownHook, options: DenoShutdownOptions = {}): () => void {
  return registry.register(hook, options);
}
