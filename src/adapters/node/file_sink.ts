/**
 * `fileSink` for Node.
 *
 * @module
 */
import { type RollingFileSink, rollingFileSink } from "../../core/rolling/rolling_file_sink.ts";
import type { FileSinkOptions } from "../../core/rolling/file_sink_options.ts";
import { nodeFileSystem } from "./node_file_system.ts";

/**
 * A rolling file sink on the local disk through `node:fs` (see
 * {@link nodeFileSystem}): size and interval rolls, retention, restart-append,
 * synchronous last-chance writes.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, clefFormatter } from "@logging/core";
 * import { fileSink, nodeRuntime } from "@logging/core/node";
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() })
 *   .writeTo(fileSink("logs/app.log", { formatter: clefFormatter(), rollingInterval: "day", retainedFileCountLimit: 7 }))
 *   .createLogger();
 * ```
 */
export function fileSink(path: string, options: FileSinkOptions = {}): RollingFileSink {
  return rollingFileSink(nodeFileSystem(), path, options);
}
