/**
 * The logger: level methods, child loggers, flush, metrics and shutdown.
 *
 * @module
 */
import type { ErrorInfo, LogEvent } from "../events/log_event.ts";
import { levelSeverity, type LogLevel, parseLogLevel } from "../levels/level.ts";
import type { LogProperties, LogValue } from "../events/log_value.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { parseTemplate } from "../template/parse_template.ts";
import { templateCache } from "../template/template_cache.ts";
import { bindProperties } from "../template/bind_properties.ts";
import { templateHoles } from "../template/template_arrays.ts";
import { reportBindingMismatch } from "../template/binding_diagnostics.ts";
import { capturePlain, captureValue } from "../capture/capture_value.ts";
import { type CaptureLimits, DEFAULT_CAPTURE_LIMITS } from "../capture/capture_limits.ts";
import { escapeBraces, parseBoundedTemplate, resolveCallShape } from "./call_shape.ts";
import { captureProperties } from "../capture/capture_properties.ts";
import { estimateEventSize, estimatePropertySize, estimateTemplateSize } from "../pipeline/estimate_size.ts";
import { LogContext } from "../context/log_context.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { LoggerCore } from "./logger_core.ts";
import { newPropertyRecord } from "../events/property_record.ts";
import type { MetricsSnapshot } from "../metrics/metrics_snapshot.ts";
import type { ShutdownHandler, ShutdownOptions, ShutdownReport } from "../lifecycle/shutdown.ts";
import { levelEpoch } from "../levels/level_gate.ts";

/**
 * A level method. Call it with a message template and its values, with an
 * error first, as a tagged template, or with a properties object first.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * const log = new LoggerConfiguration().createLogger();
 * log.information("User {UserId} logged in from {@Client}", 42, { ip: "10.0.0.1" });
 * log.error(new Error("declined"), "Payment {PaymentId} failed", "p-1");
 * const userId = 42;
 * log.info`User ${{ userId }} logged in`;
 * log.info({ requestId: "r1" }, "Handled in {Ms} ms", 12);
 * ```
 */
export interface LogMethod {
  (template: string, ...values: unknown[]): void;
  (error: unknown, template: string, ...values: unknown[]): void;
  (strings: TemplateStringsArray, ...values: unknown[]): void;
  (properties: Readonly<Record<string, unknown>>, template?: string, ...values: unknown[]): void;
  (error: Error): void;
}

const NOOP: LogMethod = () => {};
/**
 * Per level, the shared disabled method of loggers whose configuration uses a
 * `LevelSwitch`: a no-op unless a switch changed since the logger chose its
 * methods (filled in by `Logger`'s static block).
 */
const GATED_NOOP = {} as Record<LogLevel, LogMethod>;
const SOURCE_CONTEXT = "SourceContext";
const NO_PROPERTIES: LogProperties = Object.freeze(Object.create(null));
const DEFAULT_MAX_STRING = DEFAULT_CAPTURE_LIMITS.maxStringLength;
/** `estimateEventSize` of an event without properties or error. */
const EMPTY_EVENT_SIZE = estimateEventSize({ timestamp: 0, level: "information", template: parseTemplate(""), properties: NO_PROPERTIES });

/**
 * A structured logger. Create one with `LoggerConfiguration.createLogger()`.
 * Level methods never throw and never wait; a disabled level is a shared no-op.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, memorySink } from "@logging/core";
 * const sink = memorySink();
 * const log = new LoggerConfiguration().minimumLevel("debug").writeTo(sink).createLogger();
 * log.debug("Cache {Outcome} for {Key}", "miss", "user:42");
 * await log.flush();
 * sink.events[0].properties.Key; // "user:42"
 * ```
 */
export class Logger implements AsyncDisposable {
  /** Logs at `verbose`, the most detailed level (a no-op when below the minimum). */
  readonly verbose: LogMethod;
  /** Logs at `debug`: internal detail useful when diagnosing. */
  readonly debug: LogMethod;
  /** Logs at `information`: normal operation (the default minimum level). */
  readonly information: LogMethod;
  /** Logs at `warning`: something unexpected that the application handled. */
  readonly warning: LogMethod;
  /** Logs at `error`: an operation failed; pass the error first to capture it. */
  readonly error: LogMethod;
  /** Logs at `fatal`, the most severe level: the application cannot continue. */
  readonly fatal: LogMethod;
  /** Alias of {@link Logger.information}. */
  readonly info: LogMethod;
  /** Alias of {@link Logger.warning}. */
  readonly warn: LogMethod;

  readonly #core: LoggerCore;
  readonly #properties: LogProperties;
  readonly #hasProperties: boolean;
  #severity: number;
  /** `levelEpoch` when the level methods were chosen; checked only when `core.hasLevelSwitches`. */
  #epoch: number = levelEpoch;

  /**
   * Not public: loggers come from `LoggerConfiguration.createLogger()` and
   * `forContext()`. The package exports `Logger` as a type only, and the core
   * it needs cannot be made outside the package.
   */
  constructor(core: LoggerCore, properties: LogProperties = NO_PROPERTIES) {
    if (!(core instanceof LoggerCore)) throw new TypeError("Create a Logger with LoggerConfiguration.createLogger()");
    this.#core = core;
    this.#properties = properties;
    this.#hasProperties = Object.keys(properties).length > 0;
    this.#severity = core.severityFor(properties[SOURCE_CONTEXT]);
    this.verbose = this.#method("verbose");
    this.debug = this.#method("debug");
    this.information = this.#method("information");
    this.warning = this.#method("warning");
    this.error = this.#method("error");
    this.fatal = this.#method("fatal");
    this.info = this.information;
    this.warn = this.warning;
  }

  static {
    for (const level of ["verbose", "debug", "information", "warning", "error", "fatal"] as const) {
      GATED_NOOP[level] = function (this: unknown, ...args: unknown[]): void {
        if (typeof this === "object" && this !== null && #epoch in this && this.#epoch !== levelEpoch) {
          this.#regate();
          this[level](...(args as Parameters<LogMethod>));
        }
      };
    }
  }

  /** A level switch changed since the methods were chosen: recompute the gate and swap the level methods. */
  #regate(): void {
    this.#epoch = levelEpoch;
    this.#severity = this.#core.severityFor(this.#properties[SOURCE_CONTEXT]);
    const methods = this as { -readonly [K in LogLevel | "info" | "warn"]: LogMethod };
    methods.verbose = this.#method("verbose");
    methods.debug = this.#method("debug");
    methods.information = this.#method("information");
    methods.warning = this.#method("warning");
    methods.error = this.#method("error");
    methods.fatal = this.#method("fatal");
    methods.info = methods.information;
    methods.warn = methods.warning;
  }

  /**
   * A child logger whose events carry an extra property (or several). A
   * `SourceContext` property also selects `minimumLevelOverride` rules.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * const db = log.forContext("SourceContext", "Db");
   * const req = log.forContext({ requestId: "r1", route: "/users" });
   * ```
   */
  forContext(nameOrProperties: string | Readonly<Record<string, unknown>>, value?: unknown): Logger {
    try {
      const merged = newPropertyRecord();
      for (const key in this.#properties) merged[key] = this.#properties[key];
      if (typeof nameOrProperties === "string") {
        // Through the same cap as an object (the name is cut like a key; 1,000 properties in all).
        captureProperties({ [nameOrProperties]: value === undefined ? null : value }, merged, true, this.#core.captureLimits);
      } else if (nameOrProperties !== null && typeof nameOrProperties === "object") {
        captureProperties(nameOrProperties, merged, true, this.#core.captureLimits);
      }
      this.#core.redactor?.properties(merged, true);
      return new Logger(this.#core, merged);
    } catch (error) {
      SelfLog.write("forContext failed; returning the parent logger", error);
      return this;
    }
  }

  /**
   * Whether an event of `level` would be logged by this logger.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().minimumLevel("warning").createLogger();
   * log.isEnabled("debug"); // false
   * ```
   */
  isEnabled(level: LogLevel): boolean {
    try {
      if (this.#core.hasLevelSwitches && this.#epoch !== levelEpoch) this.#regate();
      // Anything but a short string is not a level (and must not cost a scan).
      const parsed = typeof level === "string" && level.length <= 32 ? parseLogLevel(level) : undefined;
      return !this.#core.stopped && parsed !== undefined && levelSeverity(parsed) >= this.#severity;
    } catch {
      return false;
    }
  }

  /**
   * Delivers everything queued and waits for the sinks; sinks stay usable.
   * On Workers: `ctx.waitUntil(log.flush())`.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * await log.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.#core.flush().catch((error) => SelfLog.write("flush failed", error));
  }

  /**
   * Resolves when every queue using the `block` overflow policy has room.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * for (let i = 0; i < 100_000; i++) {
   *   log.information("Item {I}", i);
   *   if (i % 1000 === 0) await log.ready();
   * }
   * ```
   */
  ready(): Promise<void> {
    return this.#core.ready();
  }

  /**
   * Shuts the logger down in phases, within `timeoutMs` of real time whatever
   * the sinks do: (1) the `onShutdown` handlers run while the logger still
   * accepts and delivers events; (2) later log calls are refused (counted
   * `afterShutdown`); (3) what is queued is drained by the strategy; (4) the
   * sinks are closed. The process is kept alive until the report is ready.
   * Idempotent: every call returns the same report.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * const report = await log.shutdown({ strategy: "graceful", timeoutMs: 2_000 });
   * ```
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    return this.#core.shutdown(options);
  }

  /**
   * Reopens every sink that can (file sinks: after logrotate renamed or
   * deleted the file) and keeps logging. With `withShutdown({ handleSignals:
   * true, reopenOn: "SIGHUP" })` SIGHUP does the same.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * await log.reopen();
   * ```
   */
  reopen(): Promise<void> {
    return this.#core.reopen();
  }

  /**
   * Registers cleanup to run in the first phase of the shutdown: concurrently
   * with the others, under the shutdown timeout, while the logger still
   * accepts events (what the handlers and in-flight work log is written).
   * Returns a function that unregisters it.
   *
   * Not to be confused with `RuntimeAdapter.onShutdown`, through which the
   * runtime tells the logger that the process is ending (and which starts this
   * shutdown); handlers registered here run however the shutdown started:
   * `log.shutdown()`, a signal, or the program's end.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().createLogger();
   * log.onShutdown(async () => { /* close connections *\/ });
   * ```
   */
  onShutdown(handler: ShutdownHandler): () => void {
    return this.#core.onShutdown(handler);
  }

  /**
   * A snapshot of per-sink counters, gauges and latency.
   *
   * @example
   * ```ts
   * import { LoggerConfiguration } from "@logging/core";
   * const log = new LoggerConfiguration().withMetrics().createLogger();
   * const text = log.metrics().toPrometheus();
   * ```
   */
  metrics(): MetricsSnapshot {
    return this.#core.metrics();
  }

  /** `await using log = …` shuts the logger down at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  #method(level: LogLevel): LogMethod {
    const severity = levelSeverity(level);
    if (!this.#core.hasLevelSwitches) {
      if (severity < this.#severity) return NOOP;
      return (...args: unknown[]): void => this.#write(level, severity, args);
    }
    if (severity < this.#severity) return GATED_NOOP[level];
    return (...args: unknown[]): void => {
      if (this.#epoch === levelEpoch) return this.#write(level, severity, args);
      this.#regate();
      this[level](...(args as Parameters<LogMethod>));
    };
  }

  #write(level: LogLevel, severity: number, args: unknown[]): void {
    const core = this.#core;
    if (core.stopped) {
      core.refuse(severity);
      return;
    }
    try {
      const properties = newPropertyRecord();
      const first = args[0];
      let template: MessageTemplate;
      let error: ErrorInfo | undefined;
      let templateFromError = false;
      // The event's estimated size, summed while binding when a pipeline needs
      // it (−1: dispatch estimates it from the finished event).
      let size = -1;
      const offered = templateCache.offered;
      if (typeof first === "string") {
        template = parseBoundedTemplate(first);
        if (core.sizeAtCall && !template.positional) size = bindNamedSized(template, args, properties, core.captureLimits);
        else bindProperties(template, args, 1, properties, core.captureLimits, core.redactStructure);
      } else {
        const shape = resolveCallShape(args);
        template = shape.template;
        error = shape.error;
        templateFromError = error !== undefined && typeof args[1] !== "string";
        // A leading properties object may fill the holes (`log.info({ id }, "Got {id}")`):
        // no values is then no mismatch.
        if (shape.extra === undefined || (shape.values ?? args).length > shape.valuesStart) {
          bindProperties(template, shape.values ?? args, shape.valuesStart, properties, core.captureLimits, core.redactStructure);
        }
        if (shape.extra !== undefined) addCaptured(properties, shape.extra, core);
      }
      const redactor = core.redactor;
      if (redactor !== undefined) {
        // The record holds only this call's own, freshly captured values yet:
        // censor them where they are. Child-logger properties were censored
        // when the child was made; the context's are censored once per context.
        if (typeof first !== "string" || redactor.mayMatch(template)) redactor.properties(properties, true);
        if (error !== undefined) {
          const raw = error;
          error = redactor.error(error);
          // An error logged without a template made its message the template: use the censored one.
          if (templateFromError && error.message !== raw.message) template = parseBoundedTemplate(escapeBraces(error.message));
        }
      }
      if (this.#hasProperties) size = addAbsent(properties, this.#properties, size);
      const context = LogContext.current();
      if (context !== undefined) size = addAbsent(properties, redactor === undefined ? context : core.redactedContext(context), size);
      const event: LogEvent = error === undefined
        ? { timestamp: core.runtime.scheduler.wallClock(), level, template, properties }
        : { timestamp: core.runtime.scheduler.wallClock(), level, template, properties, error };
      // A template this call had to parse is held by this event alone unless
      // it is used again (a message built from data): count it, once.
      const templateBytes = templateCache.offered !== offered && !(template.text.length > templateCache.maxLength)
        ? estimateTemplateSize(template, true)
        : 0;
      core.dispatch(event, severity, size, templateBytes);
    } catch (failure) {
      this.#writeUnloggable(level, severity, args[0], failure);
    }
  }

  /** Last resort: the call's arguments defeated capture, so keep what can be kept. */
  #writeUnloggable(level: LogLevel, severity: number, first: unknown, failure: unknown): void {
    SelfLog.write(`A ${level} log call could not be captured; logging its template only`, failure);
    try {
      const properties = newPropertyRecord();
      properties.LogFailure = failure instanceof Error ? `${failure.name}: ${failure.message}` : "unknown failure";
      const template = parseTemplate(typeof first === "string" ? first : "");
      const core = this.#core;
      core.dispatch({ timestamp: core.runtime.scheduler.wallClock(), level, template, properties }, severity);
    } catch (error) {
      SelfLog.write(`A ${level} log call failed and was dropped`, error);
    }
  }
}

/**
 * Copies the properties of `source` that `target` lacks. With `size` ≥ 0,
 * returns it plus the estimated size of what was added; otherwise returns −1.
 */
function addAbsent(target: Record<string, LogValue>, source: LogProperties, size: number): number {
  for (const key in source) {
    if (key in target) continue;
    const value = source[key];
    target[key] = value;
    if (size >= 0) size += estimatePropertySize(key, value);
  }
  return size;
}

/**
 * `bindProperties(template, values, 1, target, limits)` for a non-positional
 * template, returning `estimateEventSize` of an event holding just these
 * properties, summed while binding (so metrics and memory budgets need no
 * second walk over the properties).
 */
function bindNamedSized(
  template: MessageTemplate,
  values: readonly unknown[],
  target: Record<string, LogValue>,
  limits: CaptureLimits | undefined,
): number {
  let size = EMPTY_EVENT_SIZE + estimateTemplateSize(template);
  const count = values.length - 1;
  const holes = templateHoles(template);
  const named = holes.length;
  if (named !== count) reportBindingMismatch(template, count);
  if (named === 0) return size; // Serilog drops values given to a template without holes
  // A repeated name (`{A} {A}`) is bound again: the last value wins, as in Serilog.
  const repeats = named !== template.propertyNames.length;
  const bound = named < count ? named : count;
  const maxString = limits === undefined ? DEFAULT_MAX_STRING : limits.maxStringLength;
  for (let i = 0; i < bound; i++) {
    const name = holes[i].name;
    if (repeats && name in target) size -= estimatePropertySize(name, target[name]);
    const given = values[1 + i];
    const plain = capturePlain(given, holes[i].hint, maxString);
    const value = plain !== undefined ? plain : captureValue(given, holes[i].hint, limits);
    target[name] = value;
    size += estimatePropertySize(name, value);
  }
  for (let i = bound; i < count; i++) {
    const key = "__" + i; // as bindProperties names a value no hole takes
    if (key in target) size -= estimatePropertySize(key, target[key]);
    const value = captureValue(values[1 + i], "default", limits);
    target[key] = value;
    size += estimatePropertySize(key, value);
  }
  return size;
}

function addCaptured(target: Record<string, LogValue>, source: Readonly<Record<string, unknown>>, core: LoggerCore): void {
  captureProperties(source, target, false, core.captureLimits);
}
