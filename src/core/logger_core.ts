/**
 * The state a root logger and all its children share: pipelines, level rules,
 * enrichers, filters, and the shutdown lifecycle.
 *
 * @module
 */
import type { LogEvent } from "./log_event.ts";
import { levelSeverity, type LogLevel } from "./level.ts";
import type { LogValue } from "./log_value.ts";
import type { RuntimeAdapter, ShutdownSignal } from "./runtime.ts";
import type { CaptureLimits } from "./capture/capture_limits.ts";
import type { Pipeline } from "./pipeline/pipeline.ts";
import { estimateEventSize } from "./pipeline/estimate_size.ts";
import { runShutdown, type ShutdownHandler, type ShutdownOptions, type ShutdownReport } from "./shutdown.ts";
import { createMetricsSnapshot, type MetricsSnapshot, snapshotSink } from "./metrics/metrics_snapshot.ts";
import { SelfLog } from "./self_log.ts";
import { LevelSwitch } from "./level_switch.ts";

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
 * import type { LoggerCoreSettings } from "@logging/core";
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
}

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
  readonly #minimum: LogLevel | LevelSwitch;
  readonly #overrides: ReadonlyArray<readonly [string, LogLevel | LevelSwitch]>;
  /**
   * Whether the minimum level or an override is a {@link LevelSwitch}: its
   * loggers then check the switch epoch in their level methods.
   */
  readonly hasLevelSwitches: boolean;
  readonly #needsSize: boolean;
  readonly #handlers: ShutdownHandler[] = [];
  #shutdown: Promise<ShutdownReport> | undefined;
  #unregisterSignals: (() => void) | undefined;

  /** Takes the settings as given and registers for runtime signals if `shutdown.handleSignals` is set. */
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
    this.sizeAtCall = this.#needsSize && this.enrichers.length === 0;
    if (settings.shutdown.handleSignals && this.runtime.onShutdown) {
      this.#unregisterSignals = this.runtime.onShutdown((signal) => this.#onSignal(signal));
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
   */
  dispatch(event: LogEvent, severity: number, size: number = -1): void {
    const enrichers = this.enrichers;
    for (let i = 0; i < enrichers.length; i++) {
      try {
        enrichers[i](event as LogEvent & { properties: Record<string, LogValue> });
      } catch (error) {
        SelfLog.write("An enricher threw; the event is kept without its properties", error);
      }
    }
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      try {
        if (!filters[i](event)) return;
      } catch (error) {
        SelfLog.write("A filter threw; the event is kept", error);
      }
    }
    const bytes = this.#needsSize ? (size >= 0 && enrichers.length === 0 ? size : estimateEventSize(event)) : 0;
    const pipelines = this.pipelines;
    for (let i = 0; i < pipelines.length; i++) {
      const pipeline = pipelines[i];
      if (severity >= pipeline.minimumSeverity) pipeline.enqueue(event, bytes);
    }
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

  /** Stops logging and shuts the pipelines down once; later calls return the same report. */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    if (this.#shutdown !== undefined) return this.#shutdown;
    this.stopped = true;
    this.#unregisterSignals?.();
    this.#unregisterSignals = undefined;
    const effective = { ...this.shutdownOptions, ...options };
    this.#shutdown = runShutdown(this.pipelines, [...this.#handlers], effective, this.runtime.scheduler);
    return this.#shutdown;
  }

  /** Writes everything queued synchronously (process exit). */
  flushSync(): number {
    let written = 0;
    for (const p of this.pipelines) written += p.flushSync();
    return written;
  }

  /** A point-in-time snapshot of every sink's counters and gauges. */
  metrics(): MetricsSnapshot {
    const sinks = this.pipelines.map((p) => snapshotSink(p.metrics ?? p.losses, p.gauges(), p.name));
    return createMetricsSnapshot(sinks, {
      timestamp: this.runtime.scheduler.wallClock(),
      enabled: this.metricsEnabled,
    });
  }

  #onSignal(signal: ShutdownSignal): void | Promise<void> {
    if (signal.synchronous) {
      this.flushSync();
      return;
    }
    if (signal.reason === "beforeExit" || signal.reason === "beforeunload") {
      if (this.pipelines.some((p) => p.depth > 0)) return this.flush();
      return;
    }
    return this.shutdown().then(() => undefined);
  }
}

function severityOf(level: LogLevel | LevelSwitch): number {
  return levelSeverity(typeof level === "string" ? level : level.level);
}
