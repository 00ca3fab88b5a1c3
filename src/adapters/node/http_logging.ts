/**
 * `httpLogging`: request logging for node:http servers, Express and Connect.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../core/logger/logger.ts";
import { requestLogging } from "../../core/request/request_logging.ts";
import type { RequestOutcome } from "../../core/request/request_logging.ts";
import type { RequestLoggingOptions } from "../../core/request/request_logging_options.ts";

/**
 * Options of {@link httpLogging}; `skip` and `properties` receive the
 * `IncomingMessage` (Express's `req`).
 *
 * @example
 * ```ts
 * import type { HttpLoggingOptions } from "@logging/core/node";
 * const options: HttpLoggingOptions = {
 *   skip: ["/health"],
 *   properties: (req) => ({ RemoteAddress: req.socket.remoteAddress }),
 * };
 * ```
 */
export type HttpLoggingOptions = RequestLoggingOptions<IncomingMessage>;

/**
 * A request that went through {@link httpLogging}: `req.log` is its logger.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from "node:http";
 * import type { LoggedRequest } from "@logging/core/node";
 * function handle(req: IncomingMessage) {
 *   (req as LoggedRequest).log.information("Handling {Url}", req.url);
 * }
 * ```
 */
export interface LoggedRequest extends IncomingMessage {
  /** The per-request logger (`RequestId`, `RequestMethod`, `RequestPath`, `TraceId`/`SpanId` attached). */
  log: Logger;
}

/**
 * The middleware {@link httpLogging} returns: Express/Connect's
 * `(req, res, next)`, or `(req, res, handler)` around a plain handler.
 *
 * @example
 * ```ts
 * import type { HttpLoggingMiddleware } from "@logging/core/node";
 * const passThrough: HttpLoggingMiddleware = (_req, _res, next) => next?.();
 * ```
 */
export type HttpLoggingMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => unknown,
) => void;

const LOGGED = Symbol.for("@logging/core/httpLogging");

/**
 * Request logging for `node:http` (and Bun's and Deno's node:http), Express
 * and Connect:
 *
 * - `next` runs in a `LogContext` with `RequestId` (from `x-request-id`, else
 *   `cf-ray`, else a new UUID), `RequestMethod`, `RequestPath` (no query),
 *   and `TraceId`/`SpanId` from a valid W3C `traceparent`;
 * - `req.log` is a logger with those properties attached;
 * - when the response ends (`finish`), or the connection closes first (a
 *   client abort: then with `Aborted: true`, and status 499 if nothing was
 *   sent), one event
 *   `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms`
 *   at `information`, `warning` for 4xx, `error` for 5xx.
 *
 * When `next` throws or returns a rejected promise (a plain async handler),
 * the error is attached to the completion event and, if nothing was sent
 * yet, the response is ended with status 500. (Express catches its handlers'
 * errors itself: the event then has the status Express answered with.)
 * Request headers are not logged unless named in `options.headers`. Throws a
 * `TypeError` naming the option when an option is wrong.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { httpLogging, type LoggedRequest, nodeRuntime } from "@logging/core/node";
 *
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(consoleSink()).createLogger();
 * const logged = httpLogging(log, { skip: ["/health"] });
 * createServer((req, res) => logged(req, res, async () => {
 *   (req as LoggedRequest).log.information("Hello from {Path}", req.url);
 *   res.end("ok");
 * })).listen(8080);
 * // Express: app.use(httpLogging(log)); then req.log in handlers.
 * ```
 */
export function httpLogging(log: Logger, options?: HttpLoggingOptions): HttpLoggingMiddleware {
  const requests = requestLogging<IncomingMessage>(log, options, "httpLogging");
  return (req, res, next) => {
    const marked = req as unknown as Record<symbol, unknown>;
    if (marked[LOGGED] === true) {
      // Mounted twice (e.g. on a router too): the first one logs.
      if (typeof next === "function") callNext(next, undefined, () => {});
      return;
    }
    marked[LOGGED] = true;
    const original = (req as { originalUrl?: unknown }).originalUrl;
    const scope = requests.begin(req, {
      method: req.method ?? "",
      url: typeof original === "string" ? original : req.url ?? "",
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
    });
    (req as LoggedRequest).log = scope.log;
    let failure: RequestOutcome | undefined;
    const complete = (aborted: boolean): void => {
      res.removeListener("finish", onFinish);
      res.removeListener("close", onClose);
      const outcome = aborted ? { ...failure, aborted: true } : failure;
      // Nothing was sent to a client that went away: nginx's 499 "client closed request".
      scope.complete(aborted && !res.headersSent ? 499 : res.statusCode, outcome);
    };
    const onFinish = (): void => complete(false);
    const onClose = (): void => complete(!res.writableFinished);
    res.once("finish", onFinish);
    res.once("close", onClose);
    if (typeof next !== "function") return;
    callNext(next, scope.run, (error) => {
      failure = { error };
      try {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else if (!res.writableEnded) {
          res.destroy();
        }
      } catch {
        // the response is already gone: close/finish logs the request
      }
    });
  };
}

/** Calls `next` (inside `run` when given) and reports a synchronous throw or a rejection to `failed`. */
function callNext(
  next: (error?: unknown) => unknown,
  run: (<T>(fn: () => T) => T) | undefined,
  failed: (error: unknown) => void,
): void {
  let result: unknown;
  try {
    result = run === undefined ? next() : run(() => next());
  } catch (error) {
    failed(error);
    return;
  }
  if (result !== null && typeof result === "object" && typeof (result as Promise<unknown>).then === "function") {
    (result as Promise<unknown>).then(undefined, failed);
  }
}
