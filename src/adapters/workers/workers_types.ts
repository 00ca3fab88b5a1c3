/**
 * Minimal, local types for the Workers globals the adapter touches, so the
 * adapter type-checks with `@types/node`, Deno's libs or
 * `@cloudflare/workers-types` alike (all of them satisfy these shapes).
 *
 * @module
 */

/**
 * The part of a Workers `ExecutionContext` the adapter uses: `waitUntil`
 * keeps the invocation alive until a promise settles, after the response.
 *
 * @example
 * ```ts
 * import type { ExecutionContextLike } from "@logging/core/workers";
 * const pending: Promise<unknown>[] = [];
 * const ctx: ExecutionContextLike = { waitUntil: (p) => { pending.push(p); } };
 * ```
 */
export interface ExecutionContextLike {
  /** Keeps the invocation alive until `promise` settles. */
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The part of a `Request` the adapter reads.
 *
 * @example
 * ```ts
 * import type { RequestLike } from "@logging/core/workers";
 * const request: RequestLike = new Request("https://example.com/users?id=1");
 * ```
 */
export interface RequestLike {
  /** The HTTP method, e.g. `"GET"`. */
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  /** The request headers. */
  readonly headers: { get(name: string): string | null };
}

/**
 * The part of a `Response` the adapter reads.
 *
 * @example
 * ```ts
 * import type { ResponseLike } from "@logging/core/workers";
 * const response: ResponseLike = new Response("ok", { status: 201 });
 * ```
 */
export interface ResponseLike {
  /** The HTTP status code. */
  readonly status: number;
}

// The AsyncLocalStorage shapes are shared with the other adapters.
export type { AsyncLocalStorageConstructor, AsyncLocalStorageLike } from "../shared/context_storage_over.ts";

/**
 * The console methods the adapter calls.
 *
 * @example
 * ```ts
 * import type { ConsoleLike } from "@logging/core/workers";
 * const lines: unknown[] = [];
 * const capture: ConsoleLike = {
 *   log: (v) => lines.push(v), debug: (v) => lines.push(v), info: (v) => lines.push(v),
 *   warn: (v) => lines.push(v), error: (v) => lines.push(v),
 * };
 * ```
 */
export interface ConsoleLike {
  /** Text output without a level (stdout in text mode). */
  log(value: unknown): void;
  /** Verbose and debug events in structured mode. */
  debug(value: unknown): void;
  /** Information events in structured mode. */
  info(value: unknown): void;
  /** Warning events in structured mode. */
  warn(value: unknown): void;
  /** stderr (error and fatal events). */
  error(value: unknown): void;
}
