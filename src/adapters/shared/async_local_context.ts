/**
 * Context storage over `AsyncLocalStorage`, which Node, Deno and Bun all
 * provide in `node:async_hooks`.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ContextStorage } from "../../core/runtime/runtime.ts";
import { contextStorageOver } from "./context_storage_over.ts";

/**
 * A {@link ContextStorage} that follows async calls (`await`, timers,
 * callbacks) through `AsyncLocalStorage`.
 *
 * @example
 * ```ts
 * import { asyncLocalContextStorage } from "@logging/core/node"; // also /deno and /bun
 * const storage = asyncLocalContextStorage();
 * await storage.run({ requestId: "r-1" }, async () => {
 *   await new Promise((r) => setTimeout(r, 1));
 *   storage.get(); // { requestId: "r-1" }
 * });
 * ```
 */
export function asyncLocalContextStorage(): ContextStorage {
  return contextStorageOver(AsyncLocalStorage);
}
