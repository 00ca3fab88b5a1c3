/**
 * `withLogging`: wraps a Workers fetch handler so every event it logs carries
 * the request's id, method and path, and the logger is flushed through
 * `ctx.waitUntil` when the handler settles.
 *
 * @module
 */
import type { Logger } from "../../core/logger/logger.ts";
import { requestLogging } from "../../core/request/request_logging.ts";
import type { RequestLoggingOptions } from "../../core/request/request_logging_options.ts";
import type { ExecutionContextLike, RequestLike, ResponseLike } from "./workers_types.ts";

/**
 * Options of {@link withLogging}: those of every request-logging integration
 * (`skip`, `properties`, `headers`, `levels`, `requestIdHeader`), plus
 * `logRequests`.
 *
 * @example
 * ```ts
 * import type { WithLoggingOptions } from "@logging/core/workers";
 * const options: WithLoggingOptions = { logRequests: true, skip: ["/health"] };
 * ```
 */
export interface WithLoggingOptions extends Omit<RequestLoggingOptions<RequestLike>, "completion"> {
  /**
   * Log one completion event per request when the handler settles:
   * `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms`
   * at `information`, `warning` for 4xx, `error` for 5xx or when the handler
   * threw (then with the error and status 500). Default `false`:
   * `withLogging` itself logs nothing.
   */
  readonly logRequests?: boolean;
}

/**
 * A fetch handler as `withLogging` takes it: the usual `(request, env, ctx)`
 * plus a logger for this request (the logger given to `withLogging`, with
 * `RequestId`, `RequestMethod` and `RequestPath` attached).
 *
 * @example
 * ```ts
 * import type { LoggedFetchHandler } from "@logging/core/workers";
 * const handler: LoggedFetchHandler<Request, unknown> = async (request, env, ctx, log) => {
 *   log.information("Hello from {Path}", new URL(request.url).pathname);
 *   return new Response("ok");
 * };
 * ```
 */
export type LoggedFetchHandler<
  Req extends RequestLike,
  Env,
  Ctx extends ExecutionContextLike = ExecutionContextLike,
  Res extends ResponseLike = ResponseLike,
> = (request: Req, env: Env, ctx: Ctx, log: Logger) => Res | Promise<Res>;

/**
 * The handler `withLogging` returns: a Workers `fetch` handler.
 *
 * @example
 * ```ts
 * import type { FetchHandler } from "@logging/core/workers";
 * const fetch: FetchHandler<Request, unknown> = async () => new Response("ok");
 * ```
 */
export type FetchHandler<
  Req extends RequestLike,
  Env,
  Ctx extends ExecutionContextLike = ExecutionContextLike,
  Res extends ResponseLike = ResponseLike,
> = (request: Req, env: Env, ctx: Ctx) => Promise<Res>;

/**
 * Wraps a Workers fetch handler:
 *
 * 1. runs it inside `LogContext.run({ RequestId, RequestMethod, RequestPath })`
 *    (the id from `x-request-id`, else `cf-ray`, else `crypto.randomUUID()`;
 *    `TraceId`/`SpanId` too when a valid `traceparent` header came), so every
 *    event logged during the request carries them across `await`s when the
 *    runtime has `AsyncLocalStorage` (`nodejs_compat`);
 * 2. passes the handler a fourth argument, a logger with the same properties
 *    attached explicitly, which works without `nodejs_compat` too;
 * 3. when the handler settles (also when it throws; the error is rethrown
 *    after), calls `ctx.waitUntil(log.flush())`, so queued events are written
 *    after the response is sent and the sinks stay usable for the next
 *    request. Without a `ctx.waitUntil` it awaits the flush before returning.
 *
 * It logs nothing itself unless `logRequests` is set.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { withLogging, workersRuntime } from "@logging/core/workers";
 *
 * const log = new LoggerConfiguration({ runtime: workersRuntime() })
 *   .writeTo(consoleSink())
 *   .createLogger();
 *
 * export default {
 *   fetch: withLogging(log, async (request, env, ctx, reqLog) => {
 *     reqLog.information("Looking up {Key}", "user:42");
 *     return new Response("ok");
 *   }, { logRequests: true }),
 * };
 * ```
 */
export function withLogging<
  Req extends RequestLike = RequestLike,
  Env = unknown,
  Ctx extends ExecutionContextLike = ExecutionContextLike,
  Res extends ResponseLike = ResponseLike,
>(
  log: Logger,
  handler: LoggedFetchHandler<Req, Env, Ctx, Res>,
  options: WithLoggingOptions = {},
): FetchHandler<Req, Env, Ctx, Res> {
  const { logRequests, ...rest } = options ?? {};
  if (logRequests !== undefined && typeof logRequests !== "boolean") {
    throw new TypeError("withLogging: options.logRequests must be a boolean");
  }
  const requests = requestLogging<RequestLike>(log, { ...rest, completion: logRequests === true }, "withLogging");
  if (typeof handler !== "function") throw new TypeError("withLogging: handler must be a function");

  return async (request: Req, env: Env, ctx: Ctx): Promise<Res> => {
    const scope = requests.begin(request, {
      method: request?.method,
      url: request?.url,
      header: (name) => request.headers.get(name),
    });
    let response: Res | undefined;
    let failure: unknown;
    let failed = false;
    try {
      response = await scope.run(() => handler(request, env, ctx, scope.log));
    } catch (error) {
      failed = true;
      failure = error;
    }
    if (failed) scope.complete(500, { error: failure });
    else scope.complete(response === undefined || response === null ? 500 : response.status);
    const flushed = log.flush();
    if (ctx !== null && typeof ctx === "object" && typeof ctx.waitUntil === "function") {
      try {
        ctx.waitUntil(flushed);
      } catch {
        await flushed;
      }
    } else {
      await flushed;
    }
    if (failed) throw failure;
    return response as Res;
  };
}
