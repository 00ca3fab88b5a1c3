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
import type { ShutdownHook, ShutdownSignal } from "../../core/runtime.ts";
import { SelfLog } from "../../core/self_log.ts";
import { type DenoSignal, denoApi } from "./deno_api.ts";

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

interface Registration {
  readonly hook: ShutdownHook;
  readonly exitOnSignal: boolean;
  /** Told of `beforeunload` already (each registration is, once). */
  notified: boolean;
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  removeEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
}

const SIGNALS: Readonly<Record<DenoSignal, number>> = { SIGINT: 130, SIGTERM: 143 };
const registrations = new Set<Registration>();
const target = globalThis as unknown as EventTargetLike;
let signalled = false;
let beforeUnloadRun: Promise<void> | undefined;

const signalListeners = (Object.keys(SIGNALS) as DenoSignal[]).map((name) => ({
  name,
  listener: (): void => onSignal(name),
}));

function onSignal(name: DenoSignal): void {
  const exitCode = SIGNALS[name];
  if (signalled) denoApi().exit(exitCode); // a second signal while waiting: leave now
  signalled = true;
  const exit = [...registrations].some((r) => r.exitOnSignal);
  void runHooks([...registrations], { reason: name, exitCode }).then(() => {
    if (exit) denoApi().exit(exitCode);
    signalled = false;
  });
}

/**
 * Like Node's `beforeExit`: each registration hears of it once; while their
 * hooks run, `preventDefault()` keeps the event loop going. Anything logged
 * later still gets the synchronous `unload` flush.
 */
function onBeforeUnload(event: { preventDefault(): void }): void {
  const fresh = [...registrations].filter((r) => !r.notified);
  if (fresh.length > 0) {
    for (const r of fresh) r.notified = true;
    const previous = beforeUnloadRun ?? Promise.resolve();
    const run: Promise<void> = Promise.all([previous, runHooks(fresh, { reason: "beforeExit" })]).then(() => {
      if (beforeUnloadRun === run) beforeUnloadRun = undefined;
    });
    beforeUnloadRun = run;
  }
  if (beforeUnloadRun !== undefined) event.preventDefault();
}

function onUnload(): void {
  const signal: ShutdownSignal = { reason: "unload", synchronous: true };
  for (const r of [...registrations]) {
    try {
      const result = r.hook(signal);
      if (result instanceof Promise) result.catch(() => {});
    } catch (e) {
      SelfLog.write("shutdown hook failed on unload", e);
    }
  }
}

async function runHooks(list: readonly Registration[], signal: ShutdownSignal): Promise<void> {
  const pending = list.map(async (r) => r.hook(signal));
  for (const result of await Promise.allSettled(pending)) {
    if (result.status === "rejected") SelfLog.write(`shutdown hook failed on ${signal.reason}`, result.reason);
  }
}

function install(): void {
  const deno = denoApi();
  for (const { name, listener } of signalListeners) {
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
  for (const { name, listener } of signalListeners) {
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
  const registration: Registration = { hook, exitOnSignal: options.exitOnSignal !== false, notified: false };
  if (registrations.size === 0) install();
  registrations.add(registration);
  return () => {
    if (!registrations.delete(registration)) return;
    if (registrations.size === 0) uninstall();
  };
}
