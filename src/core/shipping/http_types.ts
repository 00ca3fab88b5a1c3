/**
 * The slice of the web `fetch` API the shipping sinks use, so a test (or a
 * Worker binding) can inject its own `fetch`.
 *
 * @module
 */

/**
 * What the HTTP sinks pass to `fetch`.
 *
 * @example
 * ```ts
 * import type { FetchInit } from "@logging/core";
 * const init: FetchInit = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
 * ```
 */
export interface FetchInit {
  /** The HTTP method (the sinks always use `"POST"`). */
  method: string;
  /** Request headers. */
  headers: Record<string, string>;
  /** The request body, text or bytes. */
  body: string | Uint8Array;
  /** Aborts the request on timeout or when the sink closes. */
  signal?: AbortSignalOf<typeof globalThis>;
}

/**
 * The runtime's `AbortSignal` type where its lib declares one (DOM, Workers,
 * `@types/node`, Deno), `never` otherwise: so these types also compile for a
 * consumer on `lib: ["es2022"]` without DOM or node types.
 *
 * @example
 * ```ts
 * import type { AbortSignalOf } from "@logging/core";
 * const signal: AbortSignalOf<typeof globalThis> = AbortSignal.timeout(1_000);
 * ```
 */
export type AbortSignalOf<G> = G extends { AbortSignal: { prototype: infer S } } ? S : never;

/**
 * What the HTTP sinks read from a response.
 *
 * @example
 * ```ts
 * import type { FetchResponse } from "@logging/core";
 * const ok: FetchResponse = { status: 200, headers: new Headers(), text: async () => "" };
 * ```
 */
export interface FetchResponse {
  /** The HTTP status code; 2xx counts as delivered. */
  readonly status: number;
  /** Response headers; only `Retry-After` is read. */
  readonly headers: { get(name: string): string | null };
  /** Reads the body as text: the answer to a 2xx, or an excerpt for an error message. */
  text(): Promise<string>;
}

/**
 * A `fetch`-compatible function (the global `fetch` of Node ≥ 18, Deno, Bun
 * and Workers fits).
 *
 * @example
 * ```ts
 * import type { FetchLike } from "@logging/core";
 * const fetchLike: FetchLike = (url, init) => fetch(url, init);
 * ```
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * The global `fetch`, typed as {@link FetchLike}; `undefined` where the
 * runtime has none.
 *
 * @example
 * ```ts
 * import { globalFetch } from "./http_types.ts";
 * const f = globalFetch();
 * ```
 */
export function globalFetch(): FetchLike | undefined {
  const f = (globalThis as { fetch?: unknown }).fetch;
  if (typeof f !== "function") return undefined;
  // Called as a plain function: some runtimes (Workers) reject a `this` other than globalThis.
  return (url, init) => (f as (url: string, init: FetchInit) => Promise<FetchResponse>)(url, init);
}
