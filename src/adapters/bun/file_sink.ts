/**
 * `fileSink` for Bun.
 *
 * @module
 */
import { type RollingFileSink, rollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
import type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
import { bunFileSystem } from "./bun_file_system.ts";

/**
 * A rolling file sink on the local disk through Bun's native `node:fs`
 * (`fs.writeSync` on an O_APPEND descriptor: faster than a `Bun.file` FileSink,
 * which moreover overwrites instead of appending when opened by path; see the
 * notes in `bun_runtime.ts`): size and interval rolls, retention,
 * restart-append, synchronous last-chance writes.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { bunRuntime, fileSink } from "@logging/core/bun";
 * const log = new LoggerConfiguration({ runtime: bunRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day" }))
 *   .createLogger();
 * ```
 */
export function fileSink(path: string, options: FileSinkOptions = {}): RollingFileSink {
  return rollingFileSink(bunFileSystem(), path, options);
}
