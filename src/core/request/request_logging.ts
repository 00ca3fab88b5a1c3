/**
 * Request logging shared by every HTTP integration: the request's context
 * (`RequestId`, `RequestMethod`, `RequestPath`, `TraceId`, `SpanId`), a
 * per-request logger, and one completion event per request.
 *
 * @module
 */
import type { Logger } from "../logger/logger.ts";
import type { LogLevel } from "../levels/level.ts";
import { LogContext } from "../context/log_context.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { isErrorLike } from "../logger/call_shape.ts";
import { parseTraceparent } from "./traceparent.ts";
import { requestIdFrom } from "./request_id.ts";
import { type RequestLoggingOptions, resolveRequestLoggingOptions } from "./request_logging_options.ts";

/**
 * The completion event's message template.
 *
 * @example
 * ```ts
 * import { REQUEST_COMPLETED_TEMPLATE } from "@logging/core";
 * // sink.events.filter((e) => e.template.text === REQUEST_COMPLETED_TEMPLATE)
 * ```
 */
export const REQUEST_COMPLETED_TEMPLATE = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";

/**
 * What an integration tells the core about a request, whatever its framework.
 *
 * @example
 * ```ts
 * import type { RequestFacts } from "@logging/core";
 * const request = new Request("https://example.com/users?id=1");
 * const facts: RequestFacts = { method: request.method, url: request.url, header: (n) => request.headers.get(n) };
 * ```
 */
export interface RequestFacts {
  /** The HTTP method. */
  readonly method: string;
  /** An absolute URL, or a path with an optional query (`/users?id=1`); the query is never logged. */
  readonly url: string;
  /** A request header's value by lower-case name (`null`/`undefined` when absent). */
  header(name: string): string | null | undefined;
}

/**
 * How a request ended, for {@link RequestScope.complete}.
 *
 * @example
 * ```ts
 * import type { RequestOutcome } from "@logging/core";
 * const threw: RequestOutcome = { error: new Error("boom") };
 * ```
 */
export interface RequestOutcome {
  /** The error the handler threw (present, even if `undefined`, means it threw). */
  readonly error?: unknown;
  /** The client went away before the response was complete. */
  readonly aborted?: boolean;
}

/**
 * One request being logged.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, requestLogging } from "@logging/core";
 * const log = new LoggerConfiguration().createLogger();
 * const scope = requestLogging(log).begin(undefined, { method: "GET", url: "/x", header: () => null });
 * scope.run(() => scope.log.information("inside the request"));
 * scope.complete(200);
 * ```
 */
export interface RequestScope {
  /** The per-request logger: the root logger with the request's properties attached. */
  readonly log: Logger;
  /** `RequestId`, `RequestMethod`, `RequestPath`, `TraceId`/`SpanId` when traced, and the extra properties. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Runs `fn` inside the request's `LogContext`. */
  run<T>(fn: () => T): T;
  /**
   * Logs the completion event (unless turned off or skipped). Only the first
   * call counts: later ones return `false` and log nothing. Never throws.
   */
  complete(status: number, outcome?: RequestOutcome): boolean;
}

/**
 * Starts request scopes for one integration.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, requestLogging } from "@logging/core";
 * const requests = requestLogging<Request>(new LoggerConfiguration().createLogger(), { skip: ["/health"] });
 * ```
 */
export interface RequestLogging<R> {
  /** A scope for `request`, described by `facts`. Never throws. */
  begin(request: R, facts: RequestFacts): RequestScope;
}

interface PerformanceGlobals {
  performance?: { now(): number };
}

const now: () => number = (() => {
  const performance = (globalThis as unknown as PerformanceGlobals).performance;
  return typeof performance?.now === "function" ? () => performance.now() : () => Date.now();
})();

/**
 * The request-logging core under Hono's `logging`, Node's `httpLogging` and
 * Workers' `withLogging`; use it to write an integration for another
 * framework. Throws a `TypeError` naming the option when an option is wrong
 * (`where` names the integration in the message).
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, memorySink, requestLogging } from "@logging/core";
 * const sink = memorySink();
 * const log = new LoggerConfiguration().writeTo(sink).createLogger();
 * const requests = requestLogging<Request>(log);
 * async function handle(request: Request): Promise<Response> {
 *   const scope = requests.begin(request, {
 *     method: request.method, url: request.url, header: (n) => request.headers.get(n),
 *   });
 *   const response = await scope.run(async () => new Response("ok"));
 *   scope.complete(response.status);
 *   return response;
 * }
 * ```
 */
export function requestLogging<R = unknown>(
  log: Logger,
  options?: RequestLoggingOptions<R>,
  where = "requestLogging",
  completionDefault = true,
): RequestLogging<R> {
  if (log === null || typeof log !== "object" || typeof (log as Partial<Logger>).forContext !== "function") {
    throw new TypeError(`${where}: log must be a Logger (from LoggerConfiguration.createLogger())`);
  }
  const resolved = resolveRequestLoggingOptions(options, where, completionDefault);
  return {
    begin(request: R, facts: RequestFacts): RequestScope {
      const started = now();
      const header = (name: string): string | undefined => {
        try {
          const value = facts.header(name);
          return typeof value === "string" ? value : undefined;
        } catch {
          return undefined;
        }
      };
      let method = "";
      let url = "";
      try {
        method = String(facts.method);
        url = String(facts.url);
      } catch {
        // a request that throws on access: log what we have
      }
      const path = pathOf(url);
      const properties: Record<string, unknown> = {
        RequestId: requestIdFrom(header, resolved.requestIdHeader),
        RequestMethod: method,
        RequestPath: path,
      };
      const trace = parseTraceparent(header("traceparent"));
      if (trace !== undefined) {
        properties.TraceId = trace.traceId;
        properties.SpanId = trace.spanId;
      }
      if (resolved.headers.length > 0) {
        const logged: Record<string, string> = {};
        for (const name of resolved.headers) {
          const value = header(name);
          if (value !== undefined) logged[name] = value;
        }
        properties.RequestHeaders = logged;
      }
      if (resolved.properties !== undefined) {
        try {
          const added = resolved.properties(request);
          if (added !== null && typeof added === "object") {
            for (const key of Object.keys(added)) if (!(key in properties)) properties[key] = added[key];
          }
        } catch (error) {
          SelfLog.write(`${where}: options.properties threw; the request is logged without its extra properties`, error);
        }
      }
      let skipped = !resolved.completion;
      if (!skipped && resolved.skip !== undefined) {
        try {
          skipped = resolved.skip(path, request) === true;
        } catch (error) {
          SelfLog.write(`${where}: options.skip threw; the request is logged`, error);
        }
      }
      const requestLog = log.forContext(properties);
      let done = false;
      return {
        log: requestLog,
        properties,
        run: <T>(fn: () => T): T => LogContext.run(properties, fn),
        complete(status: number, outcome?: RequestOutcome): boolean {
          if (done) return false;
          done = true;
          if (skipped) return true;
          try {
            const code = typeof status === "number" && Number.isFinite(status) ? status : 500;
            const elapsed = Math.round((now() - started) * 10_000) / 10_000;
            const level: LogLevel = code >= 500 ? resolved.serverError : code >= 400 ? resolved.clientError : resolved.success;
            const target = outcome?.aborted === true ? requestLog.forContext("Aborted", true) : requestLog;
            const write = target[level];
            if (outcome !== undefined && "error" in outcome) {
              write(asError(outcome.error), REQUEST_COMPLETED_TEMPLATE, method, path, code, elapsed);
            } else {
              write(REQUEST_COMPLETED_TEMPLATE, method, path, code, elapsed);
            }
          } catch (error) {
            SelfLog.write(`${where}: the completion event could not be logged`, error);
          }
          return true;
        },
      };
    },
  };
}

/** The path of an absolute URL or of a request target (`/a/b?x=1` → `/a/b`). */
function pathOf(url: string): string {
  let start = 0;
  if (!url.startsWith("/")) {
    // `scheme://authority/path`: Request URLs arrive normalized, so slicing is
    // enough (and cheaper than new URL() on every request).
    const scheme = url.indexOf("://");
    if (scheme === -1) return stripQuery(url, 0);
    const slash = url.indexOf("/", scheme + 3);
    if (slash === -1) return "/";
    start = slash;
  }
  return stripQuery(url, start);
}

function stripQuery(url: string, start: number): string {
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x3f || c === 0x23) {
      end = i;
      break;
    }
  }
  return url.slice(start, end);
}

/** A thrown value as something the logger treats as the event's error. */
function asError(thrown: unknown): unknown {
  if (isErrorLike(thrown)) return thrown;
  let text: string;
  try {
    text = String(thrown);
  } catch {
    text = Object.prototype.toString.call(thrown);
  }
  return new Error(`Non-error value thrown: ${text}`);
}
