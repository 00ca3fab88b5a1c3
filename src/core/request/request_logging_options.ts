/**
 * The options every request-logging integration takes (Hono `logging`,
 * Node `httpLogging`, Workers `withLogging`), and their validation.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "../levels/level.ts";

/**
 * The level of the completion event by response status.
 *
 * @example
 * ```ts
 * import type { RequestLoggingLevels } from "@logging/core";
 * const levels: RequestLoggingLevels = { success: "debug", clientError: "information" };
 * ```
 */
export interface RequestLoggingLevels {
  /** Status below 400. Default `"information"`. */
  readonly success?: LogLevel;
  /** Status 400–499. Default `"warning"`. */
  readonly clientError?: LogLevel;
  /** Status 500 and above, and a handler that threw without a response. Default `"error"`. */
  readonly serverError?: LogLevel;
}

/**
 * Options of request logging. `R` is the integration's request object (a
 * `Request`, an `IncomingMessage`, Hono's `Context`).
 *
 * @example
 * ```ts
 * import type { RequestLoggingOptions } from "@logging/core";
 * const options: RequestLoggingOptions<Request> = {
 *   skip: ["/health", /^\/metrics/],
 *   properties: (request) => ({ UserAgent: request.headers.get("user-agent") }),
 *   levels: { clientError: "information" },
 * };
 * ```
 */
export interface RequestLoggingOptions<R = unknown> {
  /**
   * Requests whose completion event is not logged (health checks, metrics
   * scrapes): paths matched exactly (strings) or by pattern, or a predicate
   * of the path and the request. Their handlers still get a request logger.
   */
  readonly skip?: readonly (string | RegExp)[] | ((path: string, request: R) => boolean);
  /**
   * Extra properties for the request's context, computed once per request.
   * They never replace `RequestId`, `RequestMethod`, `RequestPath`,
   * `TraceId` or `SpanId`. A function that throws adds nothing.
   */
  readonly properties?: (request: R) => Readonly<Record<string, unknown>> | undefined;
  /**
   * Request headers to log, by name (e.g. `["user-agent"]`), as the
   * `RequestHeaders` property. Default: none. Headers are never logged
   * otherwise: no cookies, no authorization.
   */
  readonly headers?: readonly string[];
  /**
   * Log the completion event
   * `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms`.
   * Default `true` (Workers `withLogging`: its `logRequests`, default `false`).
   */
  readonly completion?: boolean;
  /** The completion event's level by status. */
  readonly levels?: RequestLoggingLevels;
  /** A header to read the request id from before `x-request-id` and `cf-ray`. */
  readonly requestIdHeader?: string;
}

/** Options checked and defaulted. */
export interface ResolvedRequestLoggingOptions<R> {
  readonly skip: ((path: string, request: R) => boolean) | undefined;
  readonly properties: ((request: R) => Readonly<Record<string, unknown>> | undefined) | undefined;
  readonly headers: readonly string[];
  readonly completion: boolean;
  readonly success: LogLevel;
  readonly clientError: LogLevel;
  readonly serverError: LogLevel;
  readonly requestIdHeader: string | undefined;
}

/**
 * Checks request-logging options, throwing a `TypeError` that names the
 * option (`where` names the integration, e.g. `"logging"`).
 *
 * @example
 * ```ts
 * import { resolveRequestLoggingOptions } from "./request_logging_options.ts";
 * resolveRequestLoggingOptions({ skip: ["/health"] }, "logging").completion; // true
 * ```
 */
export function resolveRequestLoggingOptions<R>(
  options: RequestLoggingOptions<R> | undefined,
  where: string,
  completionDefault = true,
): ResolvedRequestLoggingOptions<R> {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object") throw new TypeError(`${where}: options must be an object`);
  const fail = (name: string, what: string): never => {
    throw new TypeError(`${where}: options.${name} must be ${what}`);
  };
  const { skip, properties, headers, completion, levels, requestIdHeader } = options;
  let skipFn: ((path: string, request: R) => boolean) | undefined;
  if (typeof skip === "function") skipFn = skip;
  else if (Array.isArray(skip)) {
    const exact = new Set<string>();
    const patterns: RegExp[] = [];
    for (const entry of skip as readonly unknown[]) {
      if (typeof entry === "string") exact.add(entry);
      else if (entry instanceof RegExp) patterns.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, "")));
      else fail("skip", "an array of paths (strings or RegExps) or a function");
    }
    skipFn = (path) => exact.has(path) || patterns.some((p) => p.test(path));
  } else if (skip !== undefined) fail("skip", "an array of paths (strings or RegExps) or a function");
  if (properties !== undefined && typeof properties !== "function") fail("properties", "a function");
  if (headers !== undefined && (!Array.isArray(headers) || !headers.every((h) => typeof h === "string" && h.length > 0))) {
    fail("headers", "an array of header names");
  }
  if (completion !== undefined && typeof completion !== "boolean") fail("completion", "a boolean");
  if (requestIdHeader !== undefined && (typeof requestIdHeader !== "string" || requestIdHeader.length === 0)) {
    fail("requestIdHeader", "a header name");
  }
  if (levels !== undefined && (levels === null || typeof levels !== "object")) fail("levels", "an object");
  const level = (name: keyof RequestLoggingLevels, fallback: LogLevel): LogLevel => {
    const value = levels?.[name];
    if (value === undefined) return fallback;
    const parsed = typeof value === "string" ? parseLogLevel(value) : undefined;
    return parsed ?? fail(`levels.${name}`, "a log level (verbose, debug, information, warning, error, fatal)");
  };
  return {
    skip: skipFn,
    properties,
    headers: headers === undefined ? [] : headers.map((h) => h.toLowerCase()),
    completion: completion ?? completionDefault,
    success: level("success", "information"),
    clientError: level("clientError", "warning"),
    serverError: level("serverError", "error"),
    requestIdHeader: requestIdHeader?.toLowerCase(),
  };
}
