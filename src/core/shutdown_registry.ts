/**
 * The process-wide registry of shutdown hooks behind the Node, Bun and Deno
 * adapters: registration, running every hook at once on SIGTERM/SIGINT and
 * then exiting with the signal's code, a second signal exiting at once, the
 * "before exit" notice each registration hears once, and the last synchronous
 * call on exit. An adapter supplies only its runtime's primitives: adding and
 * removing its listeners, and exiting.
 *
 * @module
 */
import type { ShutdownHook, ShutdownSignal } from "./runtime.ts";
import { SelfLog } from "./self_log.ts";

/**
 * The signals a {@link ShutdownRegistry} handles.
 *
 * @example
 * ```ts
 * import type { ShutdownSignalName } from "./shutdown_registry.ts";
 * const name: ShutdownSignalName = "SIGTERM";
 * ```
 */
export type ShutdownSignalName = "SIGINT" | "SIGTERM";

/**
 * The exit code after each signal: 128 + the signal's number.
 *
 * @example
 * ```ts
 * import { SHUTDOWN_EXIT_CODES } from "./shutdown_registry.ts";
 * SHUTDOWN_EXIT_CODES.SIGTERM; // 143
 * ```
 */
export const SHUTDOWN_EXIT_CODES: Readonly<Record<ShutdownSignalName, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * What an adapter supplies to {@link createShutdownRegistry}.
 *
 * @example
 * ```ts
 * import type { ShutdownPrimitives } from "./shutdown_registry.ts";
 * const primitives: ShutdownPrimitives = {
 *   install: () => {},
 *   uninstall: () => {},
 *   exit: (code) => console.log("exit", code),
 * };
 * ```
 */
export interface ShutdownPrimitives {
  /** Adds the runtime's listeners; called with the first registration. */
  install(): void;
  /** Removes them; called when the last registration is removed. */
  uninstall(): void;
  /** Ends the process with `code`. */
  exit(code: number): void;
}

/**
 * One registration's options.
 *
 * @example
 * ```ts
 * import type { ShutdownRegistrationOptions } from "./shutdown_registry.ts";
 * const options: ShutdownRegistrationOptions = { exitOnSignal: false };
 * ```
 */
export interface ShutdownRegistrationOptions {
  /** After SIGTERM/SIGINT and every hook has settled, exit with the signal's code. Default true. */
  readonly exitOnSignal?: boolean;
}

/**
 * The hooks of one process and the events the adapter's listeners pass on.
 *
 * @example
 * ```ts
 * import { createShutdownRegistry } from "./shutdown_registry.ts";
 * const registry = createShutdownRegistry({ install() {}, uninstall() {}, exit() {} });
 * const unregister = registry.register((signal) => console.log(signal.reason), { exitOnSignal: false });
 * registry.beforeExit(); // true while the hook runs
 * unregister();
 * ```
 */
export interface ShutdownRegistry {
  /**
   * One listener per signal, each calling {@link ShutdownRegistry.signal}:
   * the same functions for `install` and `uninstall`.
   */
  readonly signalListeners: readonly { readonly name: ShutdownSignalName; readonly listener: () => void }[];
  /**
   * Adds a hook; the first registration installs the listeners. Returns a
   * function that removes it (idempotent); removing the last uninstalls them.
   */
  register(hook: ShutdownHook, options?: ShutdownRegistrationOptions): () => void;
  /**
   * A signal: every hook runs at once (`{ reason: name, exitCode }`); when all
   * have settled the process exits with the code, unless no registration
   * asked for that. A second signal while the hooks run exits at once.
   */
  signal(name: ShutdownSignalName): void;
  /**
   * The event loop is about to run dry: registrations not told yet run their
   * hooks with `{ reason: "beforeExit" }` (each registration is told once; a
   * hook doing async work there would otherwise be called again each time the
   * loop empties, forever). Returns whether such hooks are still running.
   */
  beforeExit(): boolean;
  /**
   * The process exits now: calls every hook with `signal` (which should be
   * `synchronous`), without waiting for returned promises.
   */
  finalExit(signal: ShutdownSignal): void;
}

interface Registration {
  readonly hook: ShutdownHook;
  readonly exitOnSignal: boolean;
  /** Told of `beforeExit` already (each registration is, once). */
  notified: boolean;
}

/** Calls every hook at once and waits for all of them to settle. */
async function runHooks(list: readonly Registration[], signal: ShutdownSignal): Promise<void> {
  const pending = list.map(async (r) => r.hook(signal));
  for (const result of await Promise.allSettled(pending)) {
    if (result.status === "rejected") SelfLog.write(`shutdown hook failed on ${signal.reason}`, result.reason);
  }
}

/**
 * Creates a registry over a runtime's primitives. An adapter makes one per
 * process, so two loggers never race each other to exit.
 *
 * @example
 * ```ts
 * import { createShutdownRegistry } from "./shutdown_registry.ts";
 * const registry = createShutdownRegistry({
 *   install: () => { for (const { name, listener } of registry.signalListeners) console.log("listen", name, listener); },
 *   uninstall: () => {},
 *   exit: (code) => console.log("exit", code),
 * });
 * registry.register(async (signal) => console.log("shutting down:", signal.reason))();
 * ```
 */
export function createShutdownRegistry(primitives: ShutdownPrimitives): ShutdownRegistry {
  const registrations = new Set<Registration>();
  let signalled = false;
  let beforeExitRun: Promise<void> | undefined;

  const onSignal = (name: ShutdownSignalName): void => {
    const exitCode = SHUTDOWN_EXIT_CODES[name];
    if (signalled) return primitives.exit(exitCode); // a second signal while waiting: leave now
    signalled = true;
    const exit = [...registrations].some((r) => r.exitOnSignal);
    void runHooks([...registrations], { reason: name, exitCode }).then(() => {
      if (exit) primitives.exit(exitCode);
      signalled = false;
    });
  };

  return {
    signalListeners: (Object.keys(SHUTDOWN_EXIT_CODES) as ShutdownSignalName[]).map((name) => ({
      name,
      listener: (): void => onSignal(name),
    })),
    register(hook: ShutdownHook, options: ShutdownRegistrationOptions = {}): () => void {
      const registration: Registration = { hook, exitOnSignal: options.exitOnSignal !== false, notified: false };
      if (registrations.size === 0) primitives.install();
      registrations.add(registration);
      return () => {
        if (!registrations.delete(registration)) return;
        if (registrations.size === 0) primitives.uninstall();
      };
    },
    signal: onSignal,
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
    finalExit(signal: ShutdownSignal): void {
      for (const r of [...registrations]) {
        try {
          const result = r.hook(signal);
          if (result instanceof Promise) result.catch(() => {});
        } catch (e) {
          SelfLog.write(`shutdown hook failed on ${signal.reason}`, e);
        }
      }
    },
  };
}
