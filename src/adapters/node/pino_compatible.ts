/**
 * `pinoCompatible`: a logger with pino's interface over a `Logger`, for
 * libraries that take a pino instance (Fastify's `loggerInstance`).
 *
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { Logger } from "../../core/logger/logger.ts";
import type { LogLevel } from "../../core/levels/level.ts";
import { isErrorLike } from "../../core/logger/call_shape.ts";
import { requestLogging } from "../../core/request/request_logging.ts";
import { pinoMessage, pinoValue } from "./pino_format.ts";

/**
 * A pino level method: `(obj, msg?, ...args)` or `(msg, ...args)`, with
 * `%s %d %i %f %o %O %j` interpolation. An `Error` as `obj`, or as `obj.err`,
 * becomes the event's error.
 *
 * @example
 * ```ts
 * import type { PinoLogFn } from "@logging/core/node";
 * const call = (info: PinoLogFn) => info({ userId: 42 }, "user %s signed in", "ada");
 * ```
 */
export interface PinoLogFn {
  /** Properties first, then an optional message and its interpolation values. */
  (obj: object, msg?: string, ...args: unknown[]): void;
  /** A message and its interpolation values. */
  (msg: string, ...args: unknown[]): void;
}

/** A function that turns a property's value into what is logged (pino's `serializers`). */
export type PinoSerializer = (value: never) => unknown;

/**
 * Options of {@link PinoCompatibleLogger.child}, as pino takes them.
 *
 * @example
 * ```ts
 * import type { PinoChildOptions } from "@logging/core/node";
 * const options: PinoChildOptions = { level: "warn", serializers: { user: (u: { id: number }) => u.id } };
 * ```
 */
export interface PinoChildOptions {
  /** The child's own minimum level (pino names: `trace debug info warn error fatal silent`). */
  level?: string;
  /** Property serializers, added to the parent's. */
  serializers?: Record<string, PinoSerializer>;
}

/**
 * pino's logger interface over a `Logger`. Levels map to the logger's:
 * `trace` → `verbose`, `debug`, `info` → `information`, `warn` → `warning`,
 * `error`, `fatal`; `silent` logs nothing.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * import { pinoCompatible, type PinoCompatibleLogger } from "@logging/core/node";
 * const pino: PinoCompatibleLogger = pinoCompatible(new LoggerConfiguration().createLogger());
 * pino.child({ module: "db" }).warn({ ms: 812 }, "slow query %s", "users");
 * ```
 */
export interface PinoCompatibleLogger {
  /** The minimum level, by pino name; setting it filters this logger (the underlying logger's level still applies). */
  level: string;
  /** Logs at `fatal`. */
  readonly fatal: PinoLogFn;
  /** Logs at `error`. */
  readonly error: PinoLogFn;
  /** Logs at `warning`. */
  readonly warn: PinoLogFn;
  /** Logs at `information`. */
  readonly info: PinoLogFn;
  /** Logs at `debug`. */
  readonly debug: PinoLogFn;
  /** Logs at `verbose`. */
  readonly trace: PinoLogFn;
  /** Logs nothing. */
  readonly silent: PinoLogFn;
  /** A child whose events carry `bindings` as properties. */
  child(bindings: Record<string, unknown>, options?: PinoChildOptions): PinoCompatibleLogger;
  /** Whether a pino level is enabled here. */
  isLevelEnabled(level: string): boolean;
  /**
   * For Fastify's `childLoggerFactory` option: each request's `request.log`
   * also carries `RequestId` (from `x-request-id`, else `cf-ray`, else a new
   * UUID), `RequestMethod`, `RequestPath` and `TraceId`/`SpanId` from a valid
   * `traceparent`. Headers are never logged.
   */
  readonly childLoggerFactory: (
    logger: object,
    bindings: Record<string, unknown>,
    options: PinoChildOptions | undefined,
    rawRequest: IncomingMessage,
  ) => PinoCompatibleLogger;
}

type PinoLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

const LEVELS: Readonly<Record<PinoLevel | "silent", number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const OURS: Readonly<Record<PinoLevel, LogLevel>> = {
  trace: "verbose",
  debug: "debug",
  info: "information",
  warn: "warning",
  error: "error",
  fatal: "fatal",
};
const PINO_LEVELS: readonly PinoLevel[] = ["trace", "debug", "info", "warn", "error", "fatal"];

/** Safe defaults so a raw request or response is never captured whole (its headers included). */
const DEFAULT_SERIALIZERS: Record<string, PinoSerializer> = {
  req: (req: { method?: unknown; url?: unknown }) => ({ method: req?.method, url: req?.url }),
  res: (res: { statusCode?: unknown }) => ({ statusCode: res?.statusCode }),
};

interface State {
  readonly log: Logger;
  readonly serializers: Readonly<Record<string, PinoSerializer>>;
  threshold: number;
}

const NOOP: PinoLogFn = () => {};

/**
 * A pino-compatible logger over `log`, e.g. for Fastify 5:
 * `Fastify({ loggerInstance: pino, childLoggerFactory: pino.childLoggerFactory })`.
 * Fastify's own request logs (`incoming request`, `request completed` with
 * `responseTime`) and `request.log` calls arrive as events with their
 * properties (`reqId`, `req`, `res`, ...); `req` and `res` go through
 * serializers (Fastify's, or safe defaults), never whole. Never throws from a
 * log call.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { nodeRuntime, pinoCompatible } from "@logging/core/node";
 *
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(consoleSink()).createLogger();
 * const pino = pinoCompatible(log);
 * // const app = Fastify({ loggerInstance: pino, childLoggerFactory: pino.childLoggerFactory });
 * pino.info({ port: 3000 }, "listening on %s", "0.0.0.0");
 * ```
 */
export function pinoCompatible(log: Logger): PinoCompatibleLogger {
  if (log === null || typeof log !== "object" || typeof (log as Partial<Logger>).forContext !== "function") {
    throw new TypeError("pinoCompatible: log must be a Logger (from LoggerConfiguration.createLogger())");
  }
  const requests = requestLogging<IncomingMessage>(log, { completion: false }, "pinoCompatible");
  const states = new WeakMap<object, State>();
  const root: State = { log, serializers: DEFAULT_SERIALIZERS, threshold: LEVELS.trace };

  const make = (state: State): PinoCompatibleLogger => {
    const method = (level: PinoLevel): PinoLogFn => (...args: unknown[]) => {
      if (LEVELS[level] < state.threshold) return;
      write(state, level, args);
    };
    const compat: PinoCompatibleLogger = {
      get level(): string {
        return levelName(state);
      },
      set level(value: string) {
        state.threshold = thresholdOf(value, state.threshold);
      },
      fatal: method("fatal"),
      error: method("error"),
      warn: method("warn"),
      info: method("info"),
      debug: method("debug"),
      trace: method("trace"),
      silent: NOOP,
      child: (bindings, options) => make(childState(state, state.log, bindings, options)),
      isLevelEnabled: (level) => {
        const value = LEVELS[level as PinoLevel];
        return value !== undefined && value !== Infinity && value >= state.threshold && state.log.isEnabled(OURS[level as PinoLevel]);
      },
      childLoggerFactory,
    };
    states.set(compat, state);
    return compat;
  };

  function childLoggerFactory(
    logger: object,
    bindings: Record<string, unknown>,
    options: PinoChildOptions | undefined,
    rawRequest: IncomingMessage,
  ): PinoCompatibleLogger {
    // Fastify passes the logger it made from ours with child(); anything else: start from the root.
    const parent = states.get(logger) ?? root;
    const scope = requests.begin(rawRequest, {
      method: rawRequest?.method ?? "",
      url: rawRequest?.url ?? "",
      header: (name) => {
        const value = rawRequest.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
    });
    return make(childState(parent, scope.log, bindings, options));
  }

  return make(root);
}

function childState(parent: State, log: Logger, bindings: unknown, options: PinoChildOptions | undefined): State {
  let serializers = parent.serializers;
  let threshold = parent.threshold;
  try {
    if (options !== null && typeof options === "object") {
      if (options.serializers !== null && typeof options.serializers === "object") {
        serializers = { ...serializers, ...options.serializers };
      }
      if (options.level !== undefined) threshold = thresholdOf(options.level, threshold);
    }
  } catch {
    // odd options: keep the parent's
  }
  const properties = bindings !== null && typeof bindings === "object" ? serialize(bindings as Record<string, unknown>, serializers) : {};
  return { log: Object.keys(properties).length > 0 ? log.forContext(properties) : log, serializers, threshold };
}

function write(state: State, level: PinoLevel, args: unknown[]): void {
  try {
    const first = args[0];
    let properties: Record<string, unknown> | undefined;
    let error: unknown;
    let message: unknown;
    let valuesStart: number;
    if (first !== null && typeof first === "object") {
      if (isErrorLike(first)) {
        error = first;
      } else {
        const obj = first as Record<string, unknown>;
        if (isErrorLike(obj.err)) error = obj.err;
        properties = serialize(obj, state.serializers, error !== undefined ? "err" : undefined);
      }
      message = args[1];
      valuesStart = 2;
      if (message === undefined) {
        if (error !== undefined) message = (error as Error).message;
        else if (typeof (first as { msg?: unknown }).msg === "string") message = (first as { msg: string }).msg;
      }
    } else {
      message = first;
      valuesStart = 1;
    }
    let template = "";
    const values: unknown[] = [];
    if (message !== undefined) {
      const text = typeof message === "string" ? message : String(message);
      const parsed = pinoMessage(text, args.length - valuesStart);
      template = parsed.template;
      for (let i = 0; i < parsed.kinds.length; i++) values.push(pinoValue(parsed.kinds[i], args[valuesStart + i]));
    }
    const target = properties !== undefined && error !== undefined ? state.log.forContext(properties) : state.log;
    const logAt = target[OURS[level]];
    if (error !== undefined) logAt(error, template, ...values);
    else if (properties !== undefined) logAt(properties, template, ...values);
    else logAt(template, ...values);
  } catch {
    // a log call never throws into the application
  }
}

function serialize(obj: Record<string, unknown>, serializers: Readonly<Record<string, PinoSerializer>>, omit?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (key === omit || key === "msg") continue;
    let value: unknown;
    try {
      value = obj[key];
      const serializer = Object.hasOwn(serializers, key) ? serializers[key] : undefined;
      if (typeof serializer === "function") value = serializer(value as never);
    } catch (error) {
      value = `[Serializer threw: ${error instanceof Error ? error.message : "error"}]`;
    }
    out[key] = value;
  }
  return out;
}

function levelName(state: State): string {
  if (state.threshold === Infinity) return "silent";
  for (const level of PINO_LEVELS) {
    if (LEVELS[level] >= state.threshold && state.log.isEnabled(OURS[level])) return level;
  }
  return "silent";
}

function thresholdOf(value: unknown, fallback: number): number {
  if (typeof value !== "string") return fallback;
  const threshold = LEVELS[value.toLowerCase() as PinoLevel | "silent"];
  return threshold === undefined ? fallback : threshold;
}
