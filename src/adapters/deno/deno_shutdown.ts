/**
 * Shutdown hooks for Deno: the `beforeunload`/`unload` events and, since
 * `unload` does not come after a crash, `error`/`unhandledrejection` too;
 * `Deno.addSignalListener` for the signals a registration asks for. One
 * registry per process.
 *
 * What Deno does (2.x, verified by experiment): `unload` is dispatched when the
 * event loop ends and by `Deno.exit()`, but not after an uncaught exception or
 * unhandled rejection; its listeners run synchronously before the exit.
 * `beforeunload` is dispatched when the event loop has no more work; work
 * scheduled by a listener does NOT keep the process alive unless the listener
 * calls `event.preventDefault()`, in which case the loop runs on and
 * `beforeunload` comes again when it is empty.
 *
 * @module
 */
import type { ShutdownHook, ShutdownHookOptions, ShutdownSignalName } from "../../core/runtime/runtime.ts";
import { SelfLog } from "../../core/diagnostics/self_log.ts";
import { createShutdownRegistry } from "../../core/lifecycle/shutdown_registry.ts";
import { denoApi } from "./deno_api.ts";

/**
 * Options of one {@link onDenoShutdown} registration.
 *
 * @example
 * ```ts
 * import type { DenoShutdownOptions } from "@logging/core/deno";
 * const options: DenoShutdownOptions = { signals: ["SIGTERM", "SIGINT"] };
 * ```
 */
export interface DenoShutdownOptions extends ShutdownHookOptions {
  /**
   * After a signal and every hook, exit with the signal's code. Default: yes,
   * unless the application listens for the signal too. `false`: the
   * application always exits itself. `true`: always exit.
   */
  readonly exitOnSignal?: boolean;
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  removeEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
}

interface NodeProcessLike {
  listenerCount?(name: string): number;
}

const target = globalThis as unknown as EventTargetLike;
const registry = createShutdownRegistry({
  listenForExit,
  stopListeningForExit,
  listenForSignal(name, listener) {
    try {
      denoApi().addSignalListener(name, listener);
    } catch (e) {
      // Windows offers only SIGINT and SIGBREAK: go on without this one.
      SelfLog.write(`cannot listen for ${name}`, e);
    }
  },
  stopListeningForSignal(name, listener) {
    try {
      denoApi().removeSignalListener(name, listener);
    } catch {
      // It was never added (see listenForSignal).
    }
  },
  // Listeners added with Deno.addSignalListener cannot be counted; those added
  // through node:process can.
  othersListen: (name: ShutdownSignalName) =>
    ((globalThis as unknown as { process?: NodeProcessLike }).process?.listenerCount?.(name) ?? 0) > 0,
  exit: (code) => denoApi().exit(code),
});

/**
 * Like Node's `beforeExit`: each registration hears of it once; while their
 * hooks run, `preventDefault()` keeps the event loop going. Anything logged
 * later still gets the synchronous `unload` flush.
 */
function onBeforeUnload(event: { preventDefault(): void }): void {
  if (registry.beforeExit()) event.preventDefault();
}

function onUnload(): void {
  registry.exit();
}

/**
 * An uncaught error or rejection ends the process without `unload`: write now,
 * then let Deno report it. The application may still handle the event and go
 * on, so this is not the final exit.
 */
function onFatal(): void {
  registry.exitMaybe(1);
}

function listenForExit(): void {
  target.addEventListener("beforeunload", onBeforeUnload);
  target.addEventListener("unload", onUnload);
  target.addEventListener("error", onFatal);
  target.addEventListener("unhandledrejection", onFatal);
}

function stopListeningForExit(): void {
  target.removeEventListener("beforeunload", onBeforeUnload);
  target.removeEventListener("unload", onUnload);
  target.removeEventListener("error", onFatal);
  target.removeEventListener("unhandledrejection", onFatal);
}

/**
 * Registers a hook run on `beforeunload` (`{ reason: "beforeExit" }`, once
 * per registration: work it starts keeps the process alive), on `unload`,
 * `Deno.exit()`, an uncaught error or an unhandled rejection (`{ reason:
 * "exit", synchronous: true }`: only synchronous writes land) and on the
 * signals named in `options.signals` (`{ reason: "SIGTERM", exitCode: 143,
 * appExits }`). After a signal and every hook the process exits with the
 * signal's code, unless `exitOnSignal: false` (Deno cannot tell whether the
 * application listens with `Deno.addSignalListener`; listeners added through
 * `node:process` are seen) or every hook answered `"continue"`; a second
 * signal writes synchronously and exits at once. Returns a function that
 * unregisters the hook (idempotent).
 *
 * @example
 * ```ts
 * import { onDenoShutdown } from "@logging/core/deno";
 * const unregister = onDenoShutdown((signal) => console.error("shutting down:", signal.reason), { signals: ["SIGTERM"] });
 * unregister();
 * ```
 */
export function onDenoShutdown(hook: ShutdownHook, options: DenoShutdownOptions = {}): () => void {
  return registry.register(hook, options);
}
