/**
 * A minimum level that can be changed while the application runs.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "./level.ts";
import { bumpLevelEpoch } from "./level_gate.ts";

/**
 * A minimum level that can change at run time. Pass it to
 * `LoggerConfiguration.minimumLevel` or `minimumLevelOverride`; setting
 * `level` re-gates every live logger built from that configuration (children
 * included) at once: their next call sees the new level. A disabled call
 * stays a shared no-op per level (one comparison of a version number, checked
 * when the configuration uses a switch at all). Call level methods on the
 * logger (`log.debug(…)`): a method taken off it (`const { debug } = log`)
 * keeps the gate it had when taken.
 *
 * @example
 * ```ts
 * import { LevelSwitch, LoggerConfiguration, memorySink } from "@logging/core";
 * const level = new LevelSwitch("information");
 * const sink = memorySink();
 * const log = new LoggerConfiguration().minimumLevel(level).writeTo(sink).createLogger();
 * log.debug("not logged");
 * level.level = "debug"; // e.g. from an admin endpoint or on SIGUSR2
 * log.debug("logged");
 * ```
 */
export class LevelSwitch {
  #level: LogLevel;

  /**
   * Starts at `level` (default `information`; aliases such as `warn`
   * accepted). Throws a `TypeError` for an unknown level.
   */
  constructor(level: LogLevel | string = "information") {
    this.#level = requireSwitchLevel(level);
  }

  /** The current minimum level. */
  get level(): LogLevel {
    return this.#level;
  }

  /** Changes the minimum level of every logger using this switch; throws a `TypeError` for an unknown level. */
  set level(level: LogLevel | string) {
    const next = requireSwitchLevel(level);
    if (next === this.#level) return;
    this.#level = next;
    bumpLevelEpoch();
  }
}

function requireSwitchLevel(level: unknown): LogLevel {
  const parsed = typeof level === "string" ? parseLogLevel(level) : undefined;
  if (parsed === undefined) {
    throw new TypeError(`LevelSwitch: unknown log level ${JSON.stringify(level)}: use verbose, debug, information, warning, error or fatal`);
  }
  return parsed;
}
