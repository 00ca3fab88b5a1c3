/**
 * The fluent builder for loggers.
 *
 * @module
 */
import { newPropertyRecord } from "../events/property_record.ts";
import { booleanOption, nonNegativeNumber, oneOf, optionsObject, positiveInteger } from "../options/option_checks.ts";
import { Redactor } from "../redaction/redactor.ts";
import type { RedactOptions } from "../redaction/redaction_options.ts";
import { type LogLevel, parseLogLevel } from "../levels/level.ts";
import { LevelSwitch } from "../levels/level_switch.ts";
import type { RuntimeAdapter } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import type { CaptureLimits } from "../capture/capture_limits.ts";
import { captureProperties } from "../capture/capture_properties.ts";
import { LogContext } from "../context/log_context.ts";
import { Logger } from "./logger.ts";
import { type Enricher, type EventFilter, LoggerCore } from "./logger_core.ts";
import { Pipeline } from "../pipeline/pipeline.ts";
import { type ResolvedSinkOptions, resolveSinkOptions, type SinkOptions } from "../pipeline/sink_options.ts";
import type { ShutdownOptions } from "../lifecycle/shutdown.ts";
import { portableRuntime } from "../runtime/portable_runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";

/**
 * Options for {@link LoggerConfiguration}.
 *
 * @example
 * ```ts
 * import { portableRuntime, type LoggerConfigurationOptions } from "@logging/core";
 * const options: LoggerConfigurationOptions = { runtime: portableRuntime() };
 * ```
 */
export interface LoggerConfigurationOptions {
  /** The runtime adapter (`nodeRuntime()`, `denoRuntime()`, …). Default: `portableRuntime()`. */
  runtime?: RuntimeAdapter;
  /**
   * When events are dropped or a sink fails, write one short line per sink and
   * reason to stderr (to SelfLog instead when it is enabled), at most once a
   * minute. Default true; false turns it off.
   */
  reportLosses?: boolean;
}

/**
 * Builds a {@link Logger}. Configuration mistakes (an unknown level, a value
 * that is not a sink) throw a `TypeError` here, at start-up, so that log calls
 * themselves never have to.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .minimumLevel("debug")
 *   .minimumLevelOverride("Db", "warning")
 *   .enrich({ app: "api" })
 *   .filter((e) => !e.properties.healthCheck)
 *   .writeTo(consoleSink(), { queue: { batchSize: 256 } })
 *   .withMetrics()
 *   .withShutdown({ strategy: "graceful", timeoutMs: 5_000 })
 *   .createLogger();
 * ```
 */
export class LoggerConfiguration {
  #runtime: RuntimeAdapter;
  #minimumLevel: LogLevel | LevelSwitch = "information";
  #overrides: [string, LogLevel | LevelSwitch][] = [];
  #enrichers: Enricher[] = [];
  #filters: EventFilter[] = [];
  #sinks: [Sink, ResolvedSinkOptions][] = [];
  #metrics = false;
  #shutdown: ShutdownOptions = {};
  #captureLimits: CaptureLimits | undefined;
  #redact: RedactOptions | undefined;
  readonly #reportLosses: boolean;
  #created = false;

  /** Starts an empty configuration for `options.runtime` (default: `portableRuntime()`). */
  constructor(options: LoggerConfigurationOptions = {}) {
    this.#runtime = options?.runtime ?? portableRuntime();
    this.#reportLosses = options?.reportLosses !== false;
  }

  /**
   * The lowest level logged (default `information`). Accepts aliases such as
   * `warn`, or a {@link LevelSwitch} to change the level while running.
   */
  minimumLevel(level: LogLevel | LevelSwitch): this {
    this.#minimumLevel = level instanceof LevelSwitch ? level : requireLevel(level);
    return this;
  }

  /**
   * A different minimum for loggers whose `SourceContext` is `prefix` or
   * starts with `prefix.`; a level name or a {@link LevelSwitch}.
   */
  minimumLevelOverride(prefix: string, level: LogLevel | LevelSwitch): this {
    if (typeof prefix !== "string" || prefix.length === 0) throw new TypeError("minimumLevelOverride needs a non-empty SourceContext prefix");
    this.#overrides.push([prefix, level instanceof LevelSwitch ? level : requireLevel(level)]);
    return this;
  }

  /** Adds fixed properties (captured now) or an enricher function run for every event. */
  enrich(enricher: Enricher | Readonly<Record<string, unknown>>): this {
    if (typeof enricher === "function") {
      this.#enrichers.push(enricher);
    } else if (enricher !== null && typeof enricher === "object") {
      const fixed = newPropertyRecord();
      captureProperties(enricher, fixed, true, this.#captureLimits);
      this.#enrichers.push((event) => {
        const properties = event.properties;
        for (const key in fixed) if (!(key in properties)) properties[key] = fixed[key];
      });
    } else {
      throw new TypeError("enrich takes an object of properties or a function (event) => void");
    }
    return this;
  }

  /** Keeps only the events for which `predicate` returns true. */
  filter(predicate: EventFilter): this {
    if (typeof predicate !== "function") throw new TypeError("filter takes a function (event) => boolean");
    this.#filters.push(predicate);
    return this;
  }

  /**
   * Adds a sink with its own pipeline (queue, breaker, fallback, memory
   * budget). A wrong option is a `TypeError` naming it, thrown here.
   */
  writeTo(sink: Sink, options: SinkOptions = {}): this {
    if (sink === null || typeof sink !== "object" || typeof sink.emit !== "function") {
      throw new TypeError("writeTo takes a sink: an object with an emit(batch) method");
    }
    this.#sinks.push([sink, resolveSinkOptions(options)]);
    return this;
  }

  /** Turns on per-sink counters and latency histograms (off by default, free when off). */
  withMetrics(enabled = true): this {
    this.#metrics = enabled !== false;
    return this;
  }

  /** Default shutdown strategy and timeout, and whether to handle process signals. */
  withShutdown(options: ShutdownOptions = {}): this {
    const o = optionsObject("withShutdown options", options);
    this.#shutdown = {
      ...o,
      strategy: oneOf("withShutdown: strategy", o.strategy, ["immediate", "flush", "graceful"] as const, "graceful"),
      timeoutMs: nonNegativeNumber("withShutdown: timeoutMs", o.timeoutMs, 5_000),
      handleSignals: booleanOption("withShutdown: handleSignals", o.handleSignals, false),
    };
    if (o.reopenOn !== undefined) oneOf("withShutdown: reopenOn", o.reopenOn, ["SIGHUP"] as const, "SIGHUP");
    return this;
  }

  /**
   * Censors secrets before they reach a queue, a sink or a metric: pino-style
   * `paths` rooted at a property name (`password`, `user.password`, `*.token`,
   * `headers.authorization`, `items[*].secret`), `keys` at any depth (a string
   * matches case-insensitively, a RegExp by test; see `DEFAULT_REDACT_KEYS`),
   * `patterns` applied to every string, error message and stack (see
   * `REDACT_PATTERNS`), replaced by `censor` (default `"[Redacted]"`). Applies
   * to values from every source: template values, a properties object,
   * `forContext`, `LogContext`, enrichers and errors. Calling it again adds
   * rules. A malformed path is a `TypeError` here.
   *
   * @example
   * ```ts
   * import { DEFAULT_REDACT_KEYS, LoggerConfiguration, REDACT_PATTERNS } from "@logging/core";
   * const log = new LoggerConfiguration()
   *   .redact({ paths: ["user.password", "headers.authorization"], keys: DEFAULT_REDACT_KEYS, patterns: [REDACT_PATTERNS.jwt] })
   *   .createLogger();
   * ```
   */
  redact(options: RedactOptions): this {
    const merged: RedactOptions = {
      paths: [...(this.#redact?.paths ?? []), ...(options?.paths ?? [])],
      keys: [...(this.#redact?.keys ?? []), ...(options?.keys ?? [])],
      patterns: [...(this.#redact?.patterns ?? []), ...(options?.patterns ?? [])],
      censor: options?.censor ?? this.#redact?.censor,
    };
    new Redactor(options); // validates this call's options on their own, naming the mistake
    this.#redact = merged;
    return this;
  }

  /** Bounds on captured values (depth, string length, collection size). */
  withCaptureLimits(limits: Partial<CaptureLimits>): this {
    const o = optionsObject("withCaptureLimits", limits) as Record<string, unknown>;
    for (const key of Object.keys(o)) positiveInteger(`withCaptureLimits: ${key}`, o[key], 1);
    this.#captureLimits = { ...this.#captureLimits, ...limits } as CaptureLimits;
    return this;
  }

  /**
   * Builds the logger. Once per configuration: the logger owns its sinks (its
   * shutdown closes them), so a second call is a `TypeError`; derive more
   * loggers with `forContext()`.
   */
  createLogger(): Logger {
    if (this.#created) {
      throw new TypeError("createLogger() was already called on this LoggerConfiguration: its sinks belong to that logger; use log.forContext() for another logger");
    }
    this.#created = true;
    const runtime = this.#runtime;
    if (runtime.contextStorage !== undefined) LogContext.useStorage(runtime.contextStorage, true);
    const pipelines = this.#sinks.map(([sink, options]) => {
      attach(sink, runtime);
      if (options.fallback !== undefined) attach(options.fallback, runtime);
      // Where the runtime reports the process going idle, the logger flushes then,
      // so the flush timer need not hold the process.
      return new Pipeline(sink, options, runtime.scheduler, this.#metrics, runtime.onShutdown !== undefined);
    });
    const core = new LoggerCore({
      runtime,
      pipelines,
      minimumLevel: this.#minimumLevel,
      overrides: this.#overrides,
      enrichers: this.#enrichers,
      filters: this.#filters,
      metricsEnabled: this.#metrics,
      shutdown: this.#shutdown,
      captureLimits: this.#captureLimits,
      reportLosses: this.#reportLosses,
      redactor: this.#redact === undefined ? undefined : new Redactor(this.#redact),
    });
    return new Logger(core);
  }
}

function requireLevel(level: string): LogLevel {
  const parsed = typeof level === "string" ? parseLogLevel(level) : undefined;
  if (parsed === undefined) {
    throw new TypeError(`Unknown log level ${JSON.stringify(level)}: use verbose, debug, information, warning, error or fatal`);
  }
  return parsed;
}

function attach(sink: Sink, runtime: RuntimeAdapter): void {
  try {
    sink.attach?.(runtime);
  } catch (error) {
    SelfLog.write(`Sink "${sink.name ?? "sink"}" failed to attach to the runtime`, error);
  }
}
