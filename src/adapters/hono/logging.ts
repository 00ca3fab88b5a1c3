/**
 * `logging`: request logging as Hono middleware, on every runtime Hono runs on.
 *
 * @module
 */
import type { Logger } from "../../core/logger/logger.ts";
import { requestLogging } from "../../core/request/request_logging.ts";
import type { RequestLoggingOptions } from "../../core/request/request_logging_options.ts";
import type { HonoContextLike, LoggingMiddleware } from "./hono_types.ts";

/**
 * The Hono environment `logging` adds: `c.get("log")` is the request's logger.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import type { LoggingEnv } from "@logging/core/hono";
 * const app = new Hono<LoggingEnv>();
 * app.get("/", (c) => {
 *   c.get("log").information("Hello");
 *   return c.text("ok");
 * });
 * ```
 */
export interface LoggingEnv {
  /** Request variables. */
  Variables: {
    /** The per-request logger (`RequestId`, `RequestMethod`, `RequestPath`, `TraceId`/`SpanId` attached). */
    log: Logger;
  };
}

/**
 * Options of {@link logging}; `skip` and `properties` receive Hono's `Context`
 * (typed by the part the middleware uses: cast for the rest).
 *
 * @example
 * ```ts
 * import type { LoggingOptions } from "@logging/core/hono";
 * const options: LoggingOptions = {
 *   skip: ["/health"],
 *   properties: (c) => ({ UserAgent: c.req.header("user-agent") }),
 * };
 * ```
 */
export type LoggingOptions = RequestLoggingOptions<HonoContextLike>;

/**
 * Hono middleware that logs each request once and gives it a logger:
 *
 * - the rest of the chain runs in a `LogContext` with `RequestId` (from
 *   `x-request-id`, else `cf-ray`, else a new UUID), `RequestMethod`,
 *   `RequestPath`, and `TraceId`/`SpanId` from a valid W3C `traceparent`;
 * - `c.get("log")` is a logger with those properties attached (use it where
 *   the runtime has no async context, e.g. Workers without `nodejs_compat`);
 * - when the handler has produced a response, one event
 *   `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms`
 *   at `information`, `warning` for 4xx, `error` for 5xx, with the error
 *   attached when the handler threw;
 * - on Cloudflare Workers, `c.executionCtx.waitUntil(log.flush())`, so the
 *   request's events are written after the response is sent.
 *
 * Request headers are not logged unless named in `options.headers`. Throws a
 * `TypeError` naming the option when an option is wrong.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { logging, type LoggingEnv } from "@logging/core/hono";
 *
 * const log = new LoggerConfiguration().writeTo(consoleSink()).createLogger();
 * const app = new Hono<LoggingEnv>();
 * app.use(logging(log, { skip: ["/health"] }));
 * app.get("/users/:id", (c) => {
 *   c.get("log").information("Loading user {UserId}", c.req.param("id"));
 *   return c.json({ ok: true });
 * });
 * ```
 */
export function logging(log: Logger, options?: LoggingOptions): LoggingMiddleware {
  const requests = requestLogging<HonoContextLike>(log, options, "logging");
  return async (c, next) => {
    const scope = requests.begin(c, {
      method: c.req.method,
      url: c.req.url,
      header: (name) => c.req.header(name),
    });
    c.set("log", scope.log);
    try {
      await scope.run(next);
    } catch (error) {
      // Hono hands Error instances to its error handler; anything else reaches here.
      scope.complete(500, { error });
      flushOnWorkers(c, log);
      throw error;
    }
    let status = 500;
    try {
      status = c.res.status;
    } catch {
      // no response: logged as 500
    }
    scope.complete(status, c.error !== undefined ? { error: c.error } : undefined);
    flushOnWorkers(c, log);
  };
}

function flushOnWorkers(c: HonoContextLike, log: Logger): void {
  let ctx: HonoContextLike["executionCtx"] | undefined;
  try {
    // Hono's getter throws where there is no execution context (Node, Deno, Bun).
    ctx = c.executionCtx;
  } catch {
    return;
  }
  if (ctx === null || typeof ctx !== "object" || typeof ctx.waitUntil !== "function") return;
  try {
    ctx.waitUntil(log.flush());
  } catch {
    // a context that refuses: the queue still flushes on its own schedule
  }
}
