/**
 * `fileSink` for Deno.
 *
 * @module
 */
import { type RollingFileSink, rollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
import type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
import { denoFileSystem } from "./deno_file_system.ts";

/**
 * A rolling file sink on the local disk through `Deno.open` (see
 * {@link denoFileSystem}): size and interval rolls, retention, restart-append,
 * synchronous last-chance writes. Needs `--allow-read --allow-write`.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { denoRuntime, fileSink } from "@logging/core/deno";
 * const log = new LoggerConfiguration({ runtime: denoRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" }))
 *   .createLogger();
 * ```
 */
export function fileSink(path: string, options: FileSinkOptions = {}): RollingFileSink {
  return rollingFileSink(denoFileSystem(), path, options);
}
