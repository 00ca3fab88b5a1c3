/**
 * Shutdown hooks on `process` events, for Node and Bun: SIGTERM/SIGINT,
 * `beforeExit` and `exit`. One registry per process, shared by every runtime
 * object, so two loggers never race each other to `process.exit`.
 *
 * @module
 */
import process from "node:process";
import type { ShutdownHook, ShutdownSignal } from "../../core/runtime.ts";
import { SelfLog } from "../../core/self_log.ts";

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

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type SignalName = keyof typeof SIGNALS;

interface Registration {
  readonly hook: ShutdownHook;
  readonly exitOnSignal: boolean;
  /** Told of `beforeExit` already (each registration is, once). */
  notified: boolean;
}

const registrations = new Set<Registration>();
let signalled = false;

const signalListeners = (Object.keys(SIGNALS) as SignalName[]).map((name) => ({
  name,
  listener: (): void => onSignal(name),
}));

function onSignal(name: SignalName): void {
  const exitCode = SIGNALS[name];
  if (signalled) return process.exit(exitCode); // a second signal while waiting: leave now
  signalled = true;
  const exit = [...registrations].some((r) => r.exitOnSignal);
  void runHooks([...registrations], { reason: name, exitCode }).then(() => {
    if (exit) process.exit(exitCode);
    signalled = false;
  });
}

/**
 * Each registration hears of `beforeExit` once: a hook that does async work
 * there would otherwise be called again each time the loop empties, forever.
 * Anything logged later still gets the synchronous `exit` flush.
 */
function onBeforeExit(): void {
  const fresh = [...registrations].filter((r) => !r.notified);
  for (const r of fresh) r.notified = true;
  if (fresh.length > 0) void runHooks(fresh, { reason: "beforeExit" });
}

function onExit(code: number): void {
  const signal: ShutdownSignal = { reason: "exit", exitCode: code, synchronous: true };
  for (const r of [...registrations]) {
    try {
      const result = r.hook(signal);
      if (result instanceof Promise) result.catch(() => {});
    } catch (e) {
      SelfLog.write("shutdown hook failed on exit", e);
    }
  }
}

/** Calls every hook at once and waits for all of them to settle. */
async function runHooks(list: readonly Registration[], signal: ShutdownSignal): Promise<void> {
  const pending = list.map(async (r) => r.hook(signal));
  for (const result of await Promise.allSettled(pending)) {
    if (result.status === "rejected") SelfLog.write(`shutdown hook failed on ${signal.reason}`, result.reason);
  }
}

function install(): void {
  for (const { name, listener } of signalListeners) process.on(name, listener);
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
}

function uninstall(): void {
  for (const { name, listener } of signalListeners) process.removeListener(name, listener);
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
  const registration: Registration = { hook, exitOnSignal: options.exitOnSignal !== false, notified: false };
  if (registrations.size === 0) install();
  registrations.add(registration);
  return () => {
    if (!registrations.delete(registration)) return;
    if (registrations.size === 0) uninstall();
  };
}
