/**
 * The state a root logger and all its children share: pipelines, level rules,
 * enrichers, filters, and the shutdown lifecycle.
 *
 * @module
 */
import { newPropertyRecord } from "../events/property_record.ts";
import type { LogEvent } from "../events/log_event.ts";
import { levelSeverity, type LogLevel } from "../levels/level.ts";
import type { LogProperties, LogValue } from "../events/log_value.ts";
import type { RuntimeAdapter, ShutdownHookResult, ShutdownSignal, ShutdownSignalName } from "../runtime/runtime.ts";
import type { CaptureLimits } from "../capture/capture_limits.ts";
import type { Pipeline } from "../pipeline/pipeline.ts";
import { estimateEventSize } from "../pipeline/estimate_size.ts";
import {
  runShutdown,
  runShutdownHandlers,
  type ShutdownHandler,
  type ShutdownOptions,
  type ShutdownReport,
} from "../lifecycle/shutdown.ts";
import { LossReport } from "../lifecycle/loss_report.ts";
import type { Redactor } from "../redaction/redactor.ts";
import { beforeDeadline, TIMED_OUT } from "../lifecycle/deadline.ts";
import { createMetricsSnapshot, type MetricsSnapshot, readSinkMetrics } from "../metrics/metrics_snapshot.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { LevelSwitch } from "../levels/level_switch.ts";

/**
 * An enricher: adds properties to each event (write into `event.properties`).
 *
 * @example
 * ```ts
 * import type { Enricher } from "@logging/core";
 * const addPid: Enricher = (event) => { event.properties.pid = 1234; };
 * ```
 */
export type Enricher = (event: LogEvent & { properties: Record<string, LogValue> }) => void;

/**
 * A filter: return false to drop the event before any sink sees it.
 *
 * @example
 * ```ts
 * import type { EventFilter } from "@logging/core";
 * const noHealth: EventFilter = (e) => !e.properties.healthCheck;
 * ```
 */
export type EventFilter = (event: LogEvent) => boolean;

/**
 * Everything `LoggerConfiguration` hands to `LoggerCore`.
 *
 * @example
 * ```ts
 * import type { LoggerCoreSettings } from "./logger_core.ts";
 * type Runtime = LoggerCoreSettings["runtime"];
 * ```
 */
export interface LoggerCoreSettings {
  /** The runtime supplying the scheduler, writers and shutdown signals. */
  runtime: RuntimeAdapter;
  /** One pipeline (queue + sink) per `writeTo`. */
  pipelines: Pipeline[];
  /** The default minimum level, fixed or from a {@link LevelSwitch}. */
  minimumLevel: LogLevel | LevelSwitch;
  /** Per-`SourceContext`-prefix minimum levels; the longest matching prefix wins. */
  overrides: ReadonlyArray<readonly [prefix: string, level: LogLevel | LevelSwitch]>;
  /** Run on each event, in order, before the filters. */
  enrichers: Enricher[];
  /** Run after the enrichers; any returning false drops the event. */
  filters: EventFilter[];
  /** Whether `withMetrics()` was called (full counters rather than losses only). */
  metricsEnabled: boolean;
  /** Default shutdown strategy, timeout and signal handling. */
  shutdown: ShutdownOptions;
  /** Limits on captured values (depth, lengths…); library defaults when absent. */
  captureLimits?: CaptureLimits;
  /** Report drops and failures to stderr (or SelfLog) at most once a minute per sink and reason. Default true. */
  reportLosses?: boolean;
  /** Applied to every event's properties and error before any filter, queue or sink sees them. */
  redactor?: Redactor;
}

const HANDLED_SIGNALS: readonly ShutdownSignalName[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** Redacts the event's own property record in place, and its error; a failure redacts everything rather than leak. */
function redact(redactor: Redactor, event: LogEvent): void {
  const target = event as { properties: Record<string, LogValue>; error?: LogEvent["error"] };
  try {
    redactor.properties(target.properties);
  } catch (error) {
    SelfLog.write("Redaction failed; the event's properties are censored whole", error);
    for (const key in target.properties) target.properties[key] = redactor.censor;
    if (target.error !== undefined) target.error = { name: target.error.name, message: redactor.censor };
  }
}

/** Unregisters a collected logger's runtime hook. */
const collected = new FinalizationRegistry<() => void>((unregister) => unregister());

/**
 * Shared logger state. Internal: reached through `Logger`.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * const log = new LoggerConfiguration().createLogger(); // builds a LoggerCore inside
 * ```
 */
export class LoggerCore {
  /** The runtime the logger was configured with. */
  readonly runtime: RuntimeAdapter;
  /** One pipeline per sink, in `writeTo` order. */
  readonly pipelines: readonly Pipeline[];
  /** The default minimum level as a severity (verbose 0 … fatal 5); follows a {@link LevelSwitch}. */
  get minimumSeverity(): number {
    return severityOf(this.#minimum);
  }
  /** Run on each dispatched event, in order. */
  readonly enrichers: readonly Enricher[];
  /** Run after the enrichers; any returning false drops the event. */
  readonly filters: readonly EventFilter[];
  /** Whether full per-sink metrics are collected. */
  readonly metricsEnabled: boolean;
  /** Limits on captured values; `undefined` for the library defaults. */
  readonly captureLimits: CaptureLimits | undefined;
  /** Defaults for {@link LoggerCore.shutdown}, overridable per call. */
  readonly shutdownOptions: ShutdownOptions;
  /** True once shutdown has begun: log calls become counted no-ops. */
  stopped = false;
  /** Log calls refused because the logger had shut down. */
  droppedAfterShutdown = 0;
  /**
   * Whether a log call should estimate its event's size while binding (a
   * pipeline needs sizes and no enricher can change the properties); see
   * {@link LoggerCore.dispatch}.
   */
  readonly sizeAtCall: boolean;
  /** Censors secrets in every event before it goes further (`LoggerConfiguration.redact`). */
  readonly redactor: Redactor | undefined;
  /** The redactor applied to a `{$Name}` hole's structure before it becomes text. */
  readonly redactStructure: ((name: string, captured: LogValue) => LogValue) | undefined;
  readonly #minimum: LogLevel | LevelSwitch;
  readonly #overrides: ReadonlyArray<readonly [string, LogLevel | LevelSwitch]>;
  /**
   * Whether the minimum level or an override is a {@link LevelSwitch}: its
   * loggers then check the switch epoch in their level methods.
   */
  readonly hasLevelSwitches: boolean;
  readonly #needsSize: boolean;
  readonly #handlers: ShutdownHandler[] = [];
  /** Phase 1 of a shutdown, once: the handlers. */
  #handlersRun: Promise<void> | undefined;
  #shutdown: Promise<ShutdownReport> | undefined;
  #unregisterLifecycle: (() => void) | undefined;
  readonly #losses: LossReport | undefined;
  readonly #redactedContexts = new WeakMap<LogProperties, LogProperties>();

  /**
   * Takes the settings as given and connects to the runtime's lifecycle:
   * always to the process going idle and exiting (so nothing queued is lost),
   * and to SIGTERM/SIGINT/SIGHUP when `shutdown.handleSignals` is set.
   */
  constructor(settings: LoggerCoreSettings) {
    this.runtime = settings.runtime;
    this.pipelines = settings.pipelines;
    this.#minimum = settings.minimumLevel;
    this.#overrides = [...settings.overrides].sort((a, b) => b[0].length - a[0].length);
    this.hasLevelSwitches = this.#minimum instanceof LevelSwitch || this.#overrides.some(([, level]) => level instanceof LevelSwitch);
    this.enrichers = settings.enrichers;
    this.filters = settings.filters;
    this.metricsEnabled = settings.metricsEnabled;
    this.captureLimits = settings.captureLimits;
    this.shutdownOptions = settings.shutdown;
    this.#needsSize = this.pipelines.some((p) => p.needsSize);
    this.redactor = settings.redactor;
    const redactor = this.redactor;
    this.redactStructure = redactor === undefined ? undefined : (name, captured) => redactor.property(name, captured, true);
    this.sizeAtCall = this.#needsSize && this.enrichers.length === 0 && this.redactor === undefined;
    if (settings.reportLosses !== false) {
      const report = this.#losses = new LossReport(this.runtime.stderr, this.runtime.scheduler);
      for (const p of this.pipelines) report.watch(p.counters);
    }
    const signals = settings.shutdown.handleSignals === true ? HANDLED_SIGNALS : [];
    // The runtime's registry is process-wide: it must not keep a logger the
    // application has dropped alive (a queue with events is reachable through
    // its timer anyway), and it forgets the logger once it is collected.
    for (const p of this.pipelines) p.owner = this;
    const self = new WeakRef(this);
    const unregister = this.runtime.onShutdown?.((signal) => {
      const core = self.deref();
      return core === undefined ? undefined : core.#onLifecycle(signal);
    }, {
      signals,
      graceMs: typeof settings.shutdown.timeoutMs === "number" ? settings.shutdown.timeoutMs : 5_000,
    });
    if (unregister !== undefined) {
      this.#unregisterLifecycle = unregister;
      collected.register(this, unregister, this);
    }
  }

  /** The minimum severity for a logger with this SourceContext (overrides by prefix). */
  severityFor(sourceContext: unknown): number {
    if (typeof sourceContext !== "string") return this.minimumSeverity;
    for (const [prefix, level] of this.#overrides) {
      if (
        sourceContext.startsWith(prefix) &&
        (sourceContext.length === prefix.length || sourceContext[prefix.length] === ".")
      ) return severityOf(level);
    }
    return this.minimumSeverity;
  }

  /**
   * Enriches, filters and hands an event to every pipeline that wants its
   * level. `size`, when known (≥ 0), is `estimateEventSize(event)` computed by
   * the caller while it built the properties; it is used only if no enricher ran.
   * `extraBytes` is memory the event holds beyond that estimate (a template of
   * its own).
   */
  dispatch(event: LogEvent, severity: number, size: number = -1, extraBytes: number = 0): void {
    const enrichers = this.enrichers;
    for (let i = 0; i < enrichers.length; i++) {
      try {
        enrichers[i](event as LogEvent & { properties: Record<string, LogValue> });
      } catch (error) {
        SelfLog.write("An enricher threw; the event is kept without its properties", error);
      }
    }
    // Values from the call, child loggers and the context were censored as
    // they came in; enrichers may have added more.
    const redactor = this.redactor;
    if (redactor !== undefined && enrichers.length > 0) redact(redactor, event);
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      try {
        if (!filters[i](event)) return;
      } catch (error) {
        SelfLog.write("A filter threw; the event is kept", error);
      }
    }
    const bytes = this.#needsSize ? (size >= 0 && enrichers.length === 0 ? size : estimateEventSize(event)) + extraBytes : 0;
    const pipelines = this.pipelines;
    for (let i = 0; i < pipelines.length; i++) {
      const pipeline = pipelines[i];
      if (severity >= pipeline.minimumSeverity) pipeline.enqueue(event, bytes);
    }
  }

  /** `context` with its secrets censored: a copy made once per context record (contexts are shared by every logger). */
  redactedContext(context: LogProperties): LogProperties {
    let redacted = this.#redactedContexts.get(context);
    if (redacted === undefined) {
      redacted = Object.assign(newPropertyRecord(), context);
      (this.redactor as Redactor).properties(redacted);
      this.#redactedContexts.set(context, redacted);
    }
    return redacted;
  }

  /** Counts a log call made after shutdown. */
  refuse(severity: number): void {
    this.droppedAfterShutdown++;
    for (const p of this.pipelines) if (severity >= p.minimumSeverity) p.dropAfterShutdown();
  }

  /** Registers a handler to run during shutdown; returns a function that unregisters it. */
  onShutdown(handler: ShutdownHandler): () => void {
    this.#handlers.push(handler);
    return () => {
      const i = this.#handlers.indexOf(handler);
      if (i >= 0) this.#handlers.splice(i, 1);
    };
  }

  /** Resolves once every pipeline has delivered what was queued and its sink has flushed. */
  async flush(): Promise<void> {
    await Promise.all(this.pipelines.map((p) => p.flush()));
  }

  /** Resolves when every `block`-policy queue has room. */
  async ready(): Promise<void> {
    await Promise.all(this.pipelines.map((p) => p.ready()));
  }

  /**
   * Shuts the logger down once, in phases (handlers while still accepting,
   * stop accepting, drain, close); later calls return the same report. The
   * runtime's exit hooks stay connected until the report is ready, so an
   * `exit()` or a second signal meanwhile still writes what is queued.
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    if (this.#shutdown !== undefined) return this.#shutdown;
    const effective = { ...this.shutdownOptions, ...options };
    const subject = {
      pipelines: this.pipelines,
      runHandlers: () => this.#runHandlers(),
      stopAccepting: () => {
        this.stopped = true;
      },
    };
    this.#shutdown = runShutdown(subject, effective, this.runtime.scheduler).then((report) => {
      this.#losses?.flushSync();
      this.#unregisterLifecycle?.();
      this.#unregisterLifecycle = undefined;
      collected.unregister(this);
      return report;
    });
    return this.#shutdown;
  }

  /** Closes and reopens every sink that can (file sinks: after log rotation); the sinks stay usable. */
  async reopen(): Promise<void> {
    const reopening: Promise<void>[] = [];
    for (const p of this.pipelines) reopening.push(p.reopen());
    await Promise.all(reopening);
  }

  /** Writes everything queued synchronously (process exit). */
  flushSync(): number {
    let written = 0;
    for (const p of this.pipelines) written += p.flushSync();
    this.#losses?.flushSync();
    return written;
  }

  /**
   * The process is going idle with events pending: deliver them, but keep the
   * process no longer than one write timeout in all; then what is left goes to
   * the synchronous exit path.
   */
  async #flushBeforeExit(): Promise<void> {
    const scheduler = this.runtime.scheduler;
    const budget = Math.max(...this.pipelines.map((p) => p.writeTimeoutMs));
    if ((await beforeDeadline(this.flush(), scheduler.now() + budget, scheduler)) === TIMED_OUT) {
      for (const p of this.pipelines) p.suspend();
    }
  }

  #runHandlers(): Promise<void> {
    return this.#handlersRun ??= runShutdownHandlers([...this.#handlers]);
  }

  /** A point-in-time snapshot of every sink's counters and gauges. */
  metrics(): MetricsSnapshot {
    const sinks = this.pipelines.map((p) => readSinkMetrics(p.counters, p.gauges(), p.name));
    return createMetricsSnapshot(sinks, {
      timestamp: this.runtime.scheduler.wallClock(),
      enabled: this.metricsEnabled,
    });
  }

  #onLifecycle(signal: ShutdownSignal): ShutdownHookResult | Promise<ShutdownHookResult> {
    switch (signal.reason) {
      case "exit":
        this.flushSync();
        return;
      case "beforeExit":
        if (this.pipelines.some((p) => p.depth > 0 || p.inFlight > 0)) return this.#flushBeforeExit();
        return;
      case "SIGHUP":
        if (this.shutdownOptions.reopenOn === "SIGHUP") return this.reopen().then(() => "continue" as const);
    }
    // The application ends the process itself: run the handlers and deliver
    // what is queued, but go on accepting events until it exits (the exit
    // hook writes the rest).
    if (signal.appExits === true) return this.#runHandlers().then(() => this.flush());
    return this.shutdown().then(() => undefined);
  }
}

function severityOf(level: LogLevel | LevelSwitch): number {
  return levelSeverity(typeof level === "string" ? level : level.level);
}
