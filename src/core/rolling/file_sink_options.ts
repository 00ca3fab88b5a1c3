/**
 * The options of a rolling file sink, and their defaults.
 *
 * @module
 */
import type { Formatter } from "../formatting/formatter.ts";
import { textFormatter } from "../formatting/text_formatter.ts";
import type { RollingInterval } from "./rolling_interval.ts";
import {
  booleanOption,
  formatterOption,
  nonEmptyString,
  numberAtLeast,
  oneOf,
  optionsObject,
  orNull,
  positiveInteger,
} from "../options/option_checks.ts";

const ROLLING_INTERVALS: readonly RollingInterval[] = ["infinite", "minute", "hour", "day", "month"];

/**
 * The output template of the default file formatter: a full timestamp with
 * its UTC offset, the level, the message and the exception.
 *
 * @example
 * ```ts
 * import { textFormatter } from "@logging/core";
 * import { DEFAULT_FILE_OUTPUT_TEMPLATE } from "./file_sink_options.ts";
 * const formatter = textFormatter(DEFAULT_FILE_OUTPUT_TEMPLATE);
 * ```
 */
export const DEFAULT_FILE_OUTPUT_TEMPLATE: string =
  "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

/**
 * How a file sink names, rolls and prunes its files.
 *
 * @example
 * ```ts
 * import { clefFormatter } from "@logging/core";
 * import { type FileSinkOptions } from "./file_sink_options.ts";
 * const options: FileSinkOptions = {
 *   formatter: clefFormatter(),
 *   rollingInterval: "day",          // logs/app.log → logs/app-20261122.log
 *   fileSizeLimitBytes: 10 << 20,    // then app-20261122_001.log, _002…
 *   retainedFileCountLimit: 7,
 * };
 * ```
 */
export interface FileSinkOptions {
  /** Event → text. Default: {@link DEFAULT_FILE_OUTPUT_TEMPLATE} through `textFormatter`. */
  readonly formatter?: Formatter;
  /** Start a new file after this many bytes. Default: no limit. */
  readonly fileSizeLimitBytes?: number | null;
  /** Start a new file each period (UTC). Default: `"infinite"` (never). */
  readonly rollingInterval?: RollingInterval;
  /** Keep at most this many of the sink's files, the current one included. Default 31; `null` keeps all. */
  readonly retainedFileCountLimit?: number | null;
  /**
   * Whether reaching `fileSizeLimitBytes` starts a new file (`_001`, `_002`…).
   * When false, events past the limit are dropped until the next period.
   * Default: true.
   */
  readonly rollOnFileSizeLimit?: boolean;
  /** The sink's name in metrics and SelfLog. Default: `"file"`. */
  readonly name?: string;
}

/**
 * {@link FileSinkOptions} validated, with every default applied.
 *
 * @example
 * ```ts
 * import { resolveFileSinkOptions } from "./file_sink_options.ts";
 * resolveFileSinkOptions({ rollingInterval: "day" }).retainedFileCountLimit; // 31
 * ```
 */
export interface ResolvedFileSinkOptions {
  /** The formatter given, or a `textFormatter` over {@link DEFAULT_FILE_OUTPUT_TEMPLATE}. */
  readonly formatter: Formatter;
  /** Whole bytes per file before a size roll; `null` for no limit. */
  readonly fileSizeLimitBytes: number | null;
  /** The period (UTC) after which a new file starts; `"infinite"` never rolls by time. */
  readonly rollingInterval: RollingInterval;
  /** How many of the sink's files to keep, the current one included; `null` keeps all. */
  readonly retainedFileCountLimit: number | null;
  /** Whether hitting the size limit starts a new file (true) or drops events until the next period. */
  readonly rollOnFileSizeLimit: boolean;
  /** The sink's name in metrics and SelfLog. */
  readonly name: string;
}

/**
 * Applies the defaults and rejects nonsense (a negative size limit, an unknown
 * interval) with a `TypeError` naming the option, at configuration time
 * (through the same checks as the pipeline options).
 *
 * @example
 * ```ts
 * import { resolveFileSinkOptions } from "./file_sink_options.ts";
 * resolveFileSinkOptions({ fileSizeLimitBytes: 1024 }).rollOnFileSizeLimit; // true
 * ```
 */
export function resolveFileSinkOptions(options: FileSinkOptions = {}): ResolvedFileSinkOptions {
  const o = optionsObject("fileSink options", options);
  const size = orNull("fileSizeLimitBytes", o.fileSizeLimitBytes, null, (name, value) => numberAtLeast(name, value, 1, 0));
  return {
    formatter: formatterOption("formatter", o.formatter, () => textFormatter(DEFAULT_FILE_OUTPUT_TEMPLATE)),
    fileSizeLimitBytes: size === null ? null : Math.floor(size),
    rollingInterval: oneOf("rollingInterval", o.rollingInterval, ROLLING_INTERVALS, "infinite"),
    retainedFileCountLimit: orNull("retainedFileCountLimit", o.retainedFileCountLimit, 31, positiveInteger),
    rollOnFileSizeLimit: booleanOption("rollOnFileSizeLimit", o.rollOnFileSizeLimit, true),
    name: nonEmptyString("name", o.name, "file"),
  };
}
