/**
 * Library-first logging: a library takes a logger for its category once, at
 * module load, with {@link getLogger}; the application decides where events go
 * with {@link setGlobalLogger}, before or after. Until then the library's calls
 * are no-ops.
 *
 * @module
 */
import type { LogLevel } from "../levels/level.ts";
import type { LogMethod, Logger } from "./logger.ts";
import { levelEpoch } from "../levels/level_gate.ts";

const NOOP: LogMethod = () => {};
const SOURCE_CONTEXT = "SourceContext";

let installed: Logger | undefined;
/** Bumped by every {@link setGlobalLogger}: category loggers rebind when they see a new one. */
let generation = 0;
/** One logger per category: libraries asking twice share it (up to a bound, so categories made per request cannot grow it forever). */
const roots = new Map<string, CategoryLogger>();
const MAX_SHARED_CATEGORIES = 1_000;

/**
 * Installs the logger that every {@link getLogger} logger writes to, including
 * those created before this call; `undefined` turns them back into no-ops.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink, getLogger, setGlobalLogger } from "@logging/core";
 * const lib = getLogger(["db", "pool"]);   // in a library, at module load
 * const log = new LoggerConfiguration().writeTo(consoleSink()).createLogger();
 * setGlobalLogger(log);                    // in the application
 * lib.information("Pool of {Size} ready", 10); // SourceContext "db.pool"
 * ```
 */
export function setGlobalLogger(logger: Logger | undefined): void {
  installed = logger;
  generation++;
}

/**
 * The logger installed with {@link setGlobalLogger}, if any.
 *
 * @example
 * ```ts
 * import { getGlobalLogger } from "@logging/core";
 * getGlobalLogger()?.information("only if the application configured logging");
 * ```
 */
export function getGlobalLogger(): Logger | undefined {
  return installed;
}

/**
 * A logger for a category (`"db.pool"` or `["db", "pool"]`) that a library can
 * keep in a module constant. Its events carry `SourceContext` = the category
 * joined with `.` (so `minimumLevelOverride("db", …)` applies) and go to the
 * logger installed with {@link setGlobalLogger}, whenever that happens; until
 * then, and after `setGlobalLogger(undefined)`, its calls are no-ops. The same
 * category gives the same logger. A category that is not a non-empty string
 * (or array of them) is a `TypeError`.
 *
 * @example
 * ```ts
 * import { getLogger } from "@logging/core";
 * const log = getLogger("payments.stripe");
 * export function charge(id: string) {
 *   log.debug("Charging {PaymentId}", id);
 * }
 * ```
 */
export function getLogger(category: string | readonly string[]): CategoryLogger {
  const name = categoryName(category);
  let logger = roots.get(name);
  if (logger === undefined) {
    logger = new CategoryLogger(name);
    if (roots.size < MAX_SHARED_CATEGORIES) roots.set(name, logger);
  }
  return logger;
}

function categoryName(category: string | readonly string[]): string {
  const parts = typeof category === "string" ? [category] : Array.isArray(category) ? category : undefined;
  if (parts === undefined || parts.length === 0 || parts.some((p) => typeof p !== "string" || p === "")) {
    throw new TypeError(`getLogger takes a category: a non-empty string or an array of non-empty strings, not ${String(category)}`);
  }
  return parts.join(".");
}

/**
 * What {@link getLogger} returns: the level methods of a `Logger`, following
 * whatever logger is installed with {@link setGlobalLogger} at the time of the
 * call.
 *
 * @example
 * ```ts
 * import { getLogger, type CategoryLogger } from "@logging/core";
 * const log: CategoryLogger = getLogger(["http", "client"]);
 * log.warning("Retrying {Url} in {Ms} ms", "https://example.com", 200);
 * ```
 */
export class CategoryLogger {
  /** The category, joined with `.`: the events' `SourceContext`. */
  readonly category: string;
  /** The `forContext` calls made on this logger and its parents, replayed on each installed logger. */
  readonly #context: readonly ContextCall[];
  #generation = -1;
  #epoch = -1;
  #target: Logger | undefined;

  /** Internal: use {@link getLogger} and {@link CategoryLogger.forContext}. */
  constructor(category: string, context: readonly ContextCall[] = []) {
    this.category = category;
    this.#context = context;
  }

  /** The installed logger's child for this category, rebuilt when another logger is installed. */
  #current(): Logger | undefined {
    if (this.#generation !== generation) {
      this.#generation = generation;
      let target = installed?.forContext(SOURCE_CONTEXT, this.category);
      for (const [nameOrProperties, value] of this.#context) target = target?.forContext(nameOrProperties, value);
      this.#target = target;
    }
    if (this.#epoch !== levelEpoch) {
      // A LevelSwitch moved: let the target choose its level methods again
      // (its shared no-op cannot do that when called through this logger).
      this.#epoch = levelEpoch;
      this.#target?.isEnabled("verbose");
    }
    return this.#target;
  }

  /** Logs at `verbose` (a no-op until a global logger is installed). */
  get verbose(): LogMethod {
    return this.#current()?.verbose ?? NOOP;
  }
  /** Logs at `debug`. */
  get debug(): LogMethod {
    return this.#current()?.debug ?? NOOP;
  }
  /** Logs at `information`. */
  get information(): LogMethod {
    return this.#current()?.information ?? NOOP;
  }
  /** Logs at `warning`. */
  get warning(): LogMethod {
    return this.#current()?.warning ?? NOOP;
  }
  /** Logs at `error`. */
  get error(): LogMethod {
    return this.#current()?.error ?? NOOP;
  }
  /** Logs at `fatal`. */
  get fatal(): LogMethod {
    return this.#current()?.fatal ?? NOOP;
  }
  /** Alias of {@link CategoryLogger.information}. */
  get info(): LogMethod {
    return this.information;
  }
  /** Alias of {@link CategoryLogger.warning}. */
  get warn(): LogMethod {
    return this.warning;
  }

  /** Whether an event of `level` would be logged now (false while no global logger is installed). */
  isEnabled(level: LogLevel): boolean {
    return this.#current()?.isEnabled(level) ?? false;
  }

  /**
   * A child with extra properties, following the global logger too. The
   * values are captured when a global logger is installed (or at once, if one
   * is).
   */
  forContext(nameOrProperties: string | Readonly<Record<string, unknown>>, value?: unknown): CategoryLogger {
    return new CategoryLogger(this.category, [...this.#context, [nameOrProperties, value]]);
  }
}

/** One `forContext(nameOrProperties, value)` call. */
type ContextCall = readonly [nameOrProperties: string | Readonly<Record<string, unknown>>, value: unknown];
