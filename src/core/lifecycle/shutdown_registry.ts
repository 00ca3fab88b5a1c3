/**
 * The process-wide registry of shutdown hooks behind the Node, Bun and Deno
 * adapters (and the portable runtime's exit hook): registration, the
 * "before exit" notice each registration hears once, the synchronous last
 * call on exit, and signals: every hook that asked for the signal runs at
 * once, then the process exits with the signal's code unless the application
 * ends it itself or every hook answered `"continue"`; a second signal while
 * the hooks run writes synchronously and exits at once. An adapter supplies
 * only its runtime's primitives.
 *
 * @module
 */
import type {
  ShutdownHook,
  ShutdownHookOptions,
  ShutdownHookResult,
  ShutdownSignal,
  ShutdownSignalName,
} from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { webScheduler } from "../runtime/web_scheduler.ts";

/**
 * The exit code after each signal: 128 + the signal's number.
 *
 * @example
 * ```ts
 * import { SIGNAL_EXIT_CODES } from "./shutdown_registry.ts";
 * SIGNAL_EXIT_CODES.SIGTERM; // 143
 * ```
 */
export const SIGNAL_EXIT_CODES: Readonly<Record<ShutdownSignalName, number>> = Object.freeze({
  SIGHUP: 129,
  SIGINT: 130,
  SIGTERM: 143,
});

/**
 * What an adapter supplies to {@link createShutdownRegistry}.
 *
 * @example
 * ```ts
 * import type { ShutdownPrimitives } from "./shutdown_registry.ts";
 * const primitives: ShutdownPrimitives = {
 *   listenForExit: () => {},
 *   stopListeningForExit: () => {},
 *   listenForSignal: () => {},
 *   stopListeningForSignal: () => {},
 *   exit: (code) => console.log("exit", code),
 * };
 * ```
 */
export interface ShutdownPrimitives {
  /** Adds the runtime's exit listeners (before exit, exit, fatal errors); called with the first registration. */
  listenForExit(): void;
  /** Removes them; called when the last registration is removed. */
  stopListeningForExit(): void;
  /** Adds `listener` for the signal `name`. */
  listenForSignal(name: ShutdownSignalName, listener: () => void): void;
  /** Removes it. */
  stopListeningForSignal(name: ShutdownSignalName, listener: () => void): void;
  /** True when the application listens for `name` too (so it decides when to exit). */
  othersListen?(name: ShutdownSignalName): boolean;
  /** Ends the process with `code`. */
  exit(code: number): void;
}

/**
 * One registration's options: which signals it handles, and whether the
 * adapter may exit after them.
 *
 * @example
 * ```ts
 * import type { ShutdownRegistrationOptions } from "./shutdown_registry.ts";
 * const options: ShutdownRegistrationOptions = { signals: ["SIGTERM"], exitOnSignal: false };
 * ```
 */
export interface ShutdownRegistrationOptions extends ShutdownHookOptions {
  /**
   * After a signal and every hook, exit with the signal's code. Default
   * `undefined`: exit unless the application listens for the signal too.
   * `false`: the application always exits itself. `true`: always exit.
   */
  readonly exitOnSignal?: boolean;
}

/**
 * The hooks of one process and the events the adapter's listeners pass on.
 *
 * @example
 * ```ts
 * import { createShutdownRegistry } from "./shutdown_registry.ts";
 * const registry = createShutdownRegistry({
 *   listenForExit() {}, stopListeningForExit() {}, listenForSignal() {}, stopListeningForSignal() {}, exit() {},
 * });
 * const unregister = registry.register((signal) => console.log(signal.reason));
 * registry.beforeExit(); // false: the hook returned nothing to wait for
 * unregister();
 * ```
 */
export interface ShutdownRegistry {
  /** Adds a hook; returns a function that removes it (idempotent). */
  register(hook: ShutdownHook, options?: ShutdownRegistrationOptions): () => void;
  /**
   * The event loop is about to run dry: registrations not told yet run their
   * hooks with `{ reason: "beforeExit" }` (each registration is told once; a
   * hook doing async work there would otherwise be called again each time the
   * loop empties, forever). Returns whether such hooks are still running.
   */
  beforeExit(): boolean;
  /**
   * The process exits now: calls every hook synchronously with `{ reason:
   * "exit", synchronous: true }`, once (later calls do nothing).
   */
  exit(exitCode?: number): void;
  /**
   * The process may be about to die (an uncaught error the application may
   * still handle): the same synchronous call, without marking the process
   * as exiting, so a later exit writes again.
   */
  exitMaybe(exitCode?: number): void;
}

interface Registration {
  readonly hook: ShutdownHook;
  readonly signals: readonly ShutdownSignalName[];
  readonly exitOnSignal: boolean | undefined;
  readonly graceMs: number;
  /** Told of `beforeExit` already (each registration is, once). */
  notified: boolean;
}

/** Calls every hook at once; resolves with their answers once all have settled. */
async function runHooks(list: readonly Registration[], signal: ShutdownSignal): Promise<ShutdownHookResult[]> {
  const settled = await Promise.allSettled(list.map(async (r) => await r.hook(signal)));
  return settled.map((result) => {
    if (result.status === "fulfilled") return result.value;
    SelfLog.write(`shutdown hook failed on ${signal.reason}`, result.reason);
    return undefined;
  });
}

/**
 * Creates a registry over a runtime's primitives. An adapter makes one per
 * process, so two loggers never race each other to exit.
 *
 * @example
 * ```ts
 * import { createShutdownRegistry } from "./shutdown_registry.ts";
 * const registry = createShutdownRegistry({
 *   listenForExit: () => {},
 *   stopListeningForExit: () => {},
 *   listenForSignal: (name) => console.log("listening for", name),
 *   stopListeningForSignal: () => {},
 *   exit: (code) => console.log("exit", code),
 * });
 * registry.register(async (signal) => console.log("shutting down:", signal.reason), { signals: ["SIGTERM"] })();
 * ```
 */
export function createShutdownRegistry(primitives: ShutdownPrimitives): ShutdownRegistry {
  const registrations = new Set<Registration>();
  const signalListeners = new Map<ShutdownSignalName, () => void>();
  let signalling = false;
  let exiting = false;
  let beforeExitRun: Promise<void> | undefined;

  const finalExit = (exitCode: number | undefined, final = true): void => {
    // Once: a second signal's exit, then the runtime's own exit event, must not write twice.
    if (exiting) return;
    if (final) exiting = true;
    const signal: ShutdownSignal = { reason: "exit", exitCode, synchronous: true };
    for (const r of [...registrations]) {
      try {
        const result = r.hook(signal);
        if (result instanceof Promise) result.catch(() => {});
      } catch (e) {
        SelfLog.write("shutdown hook failed on exit", e);
      }
    }
  };

  const onSignal = (name: ShutdownSignalName): void => {
    const exitCode = SIGNAL_EXIT_CODES[name];
    if (signalling) {
      // A second signal while the hooks of the first still run: save what is
      // queued synchronously and leave now.
      finalExit(exitCode);
      return primitives.exit(exitCode);
    }
    const listening = [...registrations].filter((r) => r.signals.includes(name));
    if (listening.length === 0) return;
    signalling = true;
    const appExits = listening.some((r) => r.exitOnSignal === true)
      ? false
      : listening.every((r) => r.exitOnSignal === false) || primitives.othersListen?.(name) === true;
    void runHooks(listening, { reason: name, exitCode, appExits }).then((answers) => {
      signalling = false;
      if (answers.every((answer) => answer === "continue")) return;
      if (!appExits) return primitives.exit(exitCode);
      // Another listener may never exit (a library that re-raises the signal
      // only when it listens alone): a backstop that does not itself keep the
      // process alive.
      const graceMs = Math.max(...listening.map((r) => r.graceMs));
      webScheduler().setTimeout(() => {
        finalExit(exitCode);
        primitives.exit(exitCode);
      }, graceMs, { keepAlive: false });
    });
  };

  const wanted = (): Set<ShutdownSignalName> => {
    const names = new Set<ShutdownSignalName>();
    for (const r of registrations) for (const name of r.signals) names.add(name);
    return names;
  };

  const syncSignalListeners = (): void => {
    const names = wanted();
    for (const [name, listener] of signalListeners) {
      if (names.has(name)) continue;
      signalListeners.delete(name);
      primitives.stopListeningForSignal(name, listener);
    }
    for (const name of names) {
      if (signalListeners.has(name)) continue;
      const listener = (): void => onSignal(name);
      signalListeners.set(name, listener);
      primitives.listenForSignal(name, listener);
    }
  };

  return {
    register(hook: ShutdownHook, options: ShutdownRegistrationOptions = {}): () => void {
      const registration: Registration = {
        hook,
        signals: [...new Set(options.signals ?? [])],
        exitOnSignal: options.exitOnSignal,
        graceMs: typeof options.graceMs === "number" && options.graceMs >= 0 ? options.graceMs : 5_000,
        notified: false,
      };
      if (registrations.size === 0) primitives.listenForExit();
      registrations.add(registration);
      syncSignalListeners();
      return () => {
        if (!registrations.delete(registration)) return;
        syncSignalListeners();
        if (registrations.size === 0) primitives.stopListeningForExit();
      };
    },
    beforeExit(): boolean {
      const fresh = [...registrations].filter((r) => !r.notified);
      if (fresh.length > 0) {
        for (const r of fresh) r.notified = true;
        const previous = beforeExitRun ?? Promise.resolve();
        const run: Promise<void> = Promise.all([previous, runHooks(fresh, { reason: "beforeExit" })]).then(() => {
          if (beforeExitRun === run) beforeExitRun = undefined;
        });
        beforeExitRun = run;
      }
      return beforeExitRun !== undefined;
    },
    exit: (exitCode) => finalExit(exitCode),
    exitMaybe: (exitCode) => finalExit(exitCode, false),
  };
}
