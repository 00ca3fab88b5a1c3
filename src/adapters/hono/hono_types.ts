/**
 * The parts of Hono's `Context` the middleware uses, as local types: Hono's
 * own `Context` satisfies them, so the entry needs nothing from Hono, not even
 * its types, and no Hono version is pinned by this package.
 *
 * @module
 */
import type { Logger } from "../../core/logger/logger.ts";

/**
 * The part of Hono's `HonoRequest` (`c.req`) the middleware reads.
 *
 * @example
 * ```ts
 * import type { HonoRequestLike } from "@logging/core/hono";
 * const req: HonoRequestLike = { method: "GET", url: "http://localhost/", header: () => undefined };
 * ```
 */
export interface HonoRequestLike {
  /** The HTTP method. */
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  /** A request header by name. */
  header(name: string): string | undefined;
}

/**
 * The part of Hono's `Context` the middleware uses. Hono's `Context` is one;
 * in `skip` and `properties` callbacks, cast to `Context` for the rest.
 *
 * @example
 * ```ts
 * import type { HonoContextLike } from "@logging/core/hono";
 * const userAgent = (c: HonoContextLike) => c.req.header("user-agent");
 * ```
 */
export interface HonoContextLike {
  /** The request. */
  readonly req: HonoRequestLike;
  /** The response so far (after `next()`: the handler's). */
  readonly res: { readonly status: number };
  /** The error the handler threw, set by Hono before its error handler runs. */
  readonly error: Error | undefined;
  /** Sets a request variable: the middleware sets `log`. */
  set(key: "log", value: Logger): void;
  /** Workers' execution context; Hono's getter throws on other runtimes. */
  readonly executionCtx: { waitUntil(promise: Promise<unknown>): void };
}

/**
 * The middleware {@link logging} returns; Hono's `app.use` accepts it.
 *
 * @example
 * ```ts
 * import type { LoggingMiddleware } from "@logging/core/hono";
 * const passThrough: LoggingMiddleware = async (_c, next) => {
 *   await next();
 * };
 * ```
 */
export type LoggingMiddleware = (c: HonoContextLike, next: () => Promise<void>) => Promise<void>;
