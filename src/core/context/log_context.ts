/**
 * Ambient properties for every event logged inside a scope.
 *
 * @module
 */
import { newPropertyRecord } from "../events/property_record.ts";
import type { LogProperties } from "../events/log_value.ts";
import type { ContextStorage } from "../runtime/runtime.ts";
import { captureProperties } from "../capture/capture_properties.ts";
import type { CaptureLimits } from "../capture/capture_limits.ts";

/**
 * Values in a context are captured with these tighter limits, since every
 * event copies them: at most 64 properties in a context (later ones are left
 * out, named by a `"…"` marker), 1 000 values in all.
 */
const CONTEXT_LIMITS: CaptureLimits = {
  maxDepth: 4,
  maxStringLength: 1024,
  maxCollectionItems: 32,
  maxProperties: 64,
  maxNodes: 1_000,
};

/**
 * A storage that only follows synchronous code: used when the runtime offers no
 * AsyncLocalStorage. Inside `run`, context is visible until the first `await`.
 *
 * @example
 * ```ts
 * import { synchronousContextStorage } from "./log_context.ts";
 * const storage = synchronousContextStorage();
 * storage.run({ requestId: "r1" }, () => storage.get()); // { requestId: "r1" }
 * ```
 */
export function synchronousContextStorage(): ContextStorage {
  let current: LogProperties | undefined;
  return {
    run<T>(properties: LogProperties, fn: () => T): T {
      const previous = current;
      current = properties;
      try {
        return fn();
      } finally {
        current = previous;
      }
    },
    get: () => current,
  };
}

let storage: ContextStorage = synchronousContextStorage();
let storageIsAsync = false;

/**
 * Runs code with properties attached to every event it logs, across `await`s
 * when the runtime supplies async context storage (Node, Deno, Bun, Workers with
 * `nodejs_compat`). Scopes nest: inner properties add to (and override) outer
 * ones. Values are captured when `run` is called, with tight limits (depth 4,
 * strings 1 024 characters, 32 items, 64 properties) because every event
 * carries them.
 *
 * @example
 * ```ts
 * import { LogContext } from "@logging/core";
 * await LogContext.run({ requestId: "abc" }, async () => {
 *   // log.information("Handling") → the event has requestId = "abc"
 * });
 * ```
 */
export class LogContext {
  private constructor() {}

  /** Calls `fn` with `properties` added to the current context; returns what `fn` returns. */
  static run<T>(properties: Readonly<Record<string, unknown>>, fn: () => T): T {
    let merged: LogProperties;
    try {
      merged = mergeContext(storage.get(), properties);
    } catch {
      return fn();
    }
    return storage.run(merged, fn);
  }

  /** The properties of the current scope, or `undefined` outside any scope. */
  static current(): LogProperties | undefined {
    return storage.get();
  }

  /**
   * Installs the storage `LogContext` uses. Called by adapters (through
   * `createLogger`) with their AsyncLocalStorage; an async storage is never
   * replaced by a synchronous one.
   */
  static useStorage(next: ContextStorage, isAsync = true): void {
    if (storageIsAsync && !isAsync) return;
    storage = next;
    storageIsAsync = isAsync;
  }

  /** Whether the installed storage follows async code. */
  static get followsAsync(): boolean {
    return storageIsAsync;
  }
}

function mergeContext(parent: LogProperties | undefined, added: Readonly<Record<string, unknown>>): LogProperties {
  const merged = newPropertyRecord();
  if (parent !== undefined) for (const key in parent) merged[key] = parent[key];
  if (added !== null && typeof added === "object") captureProperties(added, merged, true, CONTEXT_LIMITS);
  return merged;
}
