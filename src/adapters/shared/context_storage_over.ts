/**
 * A `ContextStorage` over an `AsyncLocalStorage` class, shared by the
 * adapters that get the class from `node:async_hooks` (Node, Deno, Bun) and
 * by Workers, which finds it at run time (so this file imports nothing).
 *
 * @module
 */
import type { ContextStorage } from "../../core/runtime/runtime.ts";
import type { LogProperties } from "../../core/events/log_value.ts";

/**
 * What `AsyncLocalStorage` provides, described structurally (Workers runs
 * without Node's types).
 *
 * @example
 * ```ts
 * import type { AsyncLocalStorageLike } from "@logging/core/workers";
 * function current<T>(storage: AsyncLocalStorageLike<T>): T | undefined { return storage.getStore(); }
 * ```
 */
export interface AsyncLocalStorageLike<T> {
  /** Runs `fn` with `store` as the current store. */
  run<R>(store: T, fn: () => R): R;
  /** The current store, or `undefined` outside `run`. */
  getStore(): T | undefined;
}

/**
 * The `AsyncLocalStorage` class itself, to pass to `workersRuntime`.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from "node:async_hooks";
 * import type { AsyncLocalStorageConstructor } from "@logging/core/workers";
 * const als: AsyncLocalStorageConstructor = AsyncLocalStorage;
 * ```
 */
export type AsyncLocalStorageConstructor = new <T>() => AsyncLocalStorageLike<T>;

/**
 * A {@link ContextStorage} that follows async calls through a new instance of
 * `AsyncLocalStorage`.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from "node:async_hooks";
 * import { contextStorageOver } from "./context_storage_over.ts";
 * const storage = contextStorageOver(AsyncLocalStorage);
 * storage.run({ requestId: "r-1" }, () => storage.get()); // { requestId: "r-1" }
 * ```
 */
export function contextStorageOver(ctor: AsyncLocalStorageConstructor): ContextStorage {
  const storage = new ctor<LogProperties>();
  return {
    run: <T>(properties: LogProperties, fn: () => T): T => storage.run(properties, fn),
    get: (): LogProperties | undefined => storage.getStore(),
  };
}
