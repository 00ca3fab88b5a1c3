/**
 * `withLogging`: wraps a Workers fetch handler so every event it logs carries
 * the request's id, method and path, and the logger is flushed through
 * `ctx.waitUntil` when the handler settles.
 *
 * @module
 */
import { LogContext } from "../../core/log_context.ts";
import type { Logger } from "../../core/logger.ts";
import type { ExecutionContextLike, RequestLike, ResponseLike } from "./workers_types.ts";

/**
 * Options of {@link withLogging}.
 *
 * @example
 * ```ts
 * import type { WithLoggingOptions } from "@logging/core/workers";
 * const options: WithLoggingOptions = { logRequests: true, requestIdHeader: "x-request-id" };
 * ```
 */
export interface WithLoggingOptions {
  /**
   * Log one event per request when the handler settles:
   * `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed} ms`
   * at `information` (status below 500) or `error` (500 and above, or the
   * handler threw: then with the error and status 500). Default `false`:
   * `withLogging` itself logs nothing.
   */
  readonly logRequests?: boolean;
  /** The header that carries the request id. Default `"cf-ray"`; without it, `crypto.randomUUID()`. */
  readonly requestIdHeader?: string;
  /** Extra properties for the request's context, e.g. `(r) => ({ UserAgent: r.headers.get("user-agent") })`. */
  readonly properties?: (request: RequestLike) => Readonly<Record<string, unknown>>;
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

interface CryptoGlobals {
  crypto?: { randomUUID?: () => string };
}

const REQUEST_TEMPLATE = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed} ms";

/**
 * Wraps a Workers fetch handler:
 *
 * 1. runs it inside `LogContext.run({ RequestId, RequestMethod, RequestPath })`
 *    (the id from the `cf-ray` header, else `crypto.randomUUID()`), so every
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
  const header = options.requestIdHeader ?? "cf-ray";
  const logRequests = options.logRequests === true;
  const extra = options.properties;

  return async (request: Req, env: Env, ctx: Ctx): Promise<Res> => {
    const started = Date.now();
    const properties = requestProperties(request, header, extra);
    const requestLog = log.forContext(properties);
    let response: Res | undefined;
    let failure: unknown;
    let failed = false;
    try {
      response = await LogContext.run(properties, () => handler(request, env, ctx, requestLog));
    } catch (error) {
      failed = true;
      failure = error;
    }
    if (logRequests) {
      const status = failed || response === undefined ? 500 : response.status;
      const elapsed = Date.now() - started;
      const { RequestMethod: method, RequestPath: path } = properties;
      if (failed) requestLog.error(failure, REQUEST_TEMPLATE, method, path, status, elapsed);
      else if (status >= 500) requestLog.error(REQUEST_TEMPLATE, method, path, status, elapsed);
      else requestLog.information(REQUEST_TEMPLATE, method, path, status, elapsed);
    }
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

function requestProperties(
  request: RequestLike,
  header: string,
  extra: ((request: RequestLike) => Readonly<Record<string, unknown>>) | undefined,
): { RequestId: string; RequestMethod: string; RequestPath: string } & Record<string, unknown> {
  let method = "";
  let path = "";
  let id: string | null | undefined;
  try {
    method = request.method;
    id = request.headers.get(header);
  } catch {
    // a request-like object that throws: keep what we have
  }
  try {
    path = new URL(request.url).pathname;
  } catch {
    path = typeof request.url === "string" ? request.url : "";
  }
  const properties: { RequestId: string; RequestMethod: string; RequestPath: string } & Record<string, unknown> = {
    RequestId: typeof id === "string" && id.length > 0 ? id : newRequestId(),
    RequestMethod: method,
    RequestPath: path,
  };
  if (extra !== undefined) {
    try {
      const added = extra(request);
      for (const key of Object.keys(added)) if (!(key in properties)) properties[key] = added[key];
    } catch {
      // extra properties are best effort
    }
  }
  return properties;
}

function newRequestId(): string {
  const crypto = (globalThis as unknown as CryptoGlobals).crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}
