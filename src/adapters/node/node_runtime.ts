/**
 * The Node runtime adapter.
 *
 * @module
 */
import type { RuntimeAdapter } from "../../core/runtime/runtime.ts";
import { processRuntime, type ProcessRuntimeOptions } from "../shared/process_runtime.ts";
import { nodeHttpFetch } from "./node_http_fetch.ts";

/**
 * Options of {@link nodeRuntime}.
 *
 * @example
 * ```ts
 * import { nodeRuntime, type NodeRuntimeOptions } from "@logging/core/node";
 * const options: NodeRuntimeOptions = { exitOnSignal: false };
 * const runtime = nodeRuntime(options);
 * ```
 */
export interface NodeRuntimeOptions extends ProcessRuntimeOptions {}

/**
 * The runtime for Node: `performance.now()` and timers that keep the process
 * alive only while work is pending ({@link nodeScheduler}), stdout/stderr
 * through `process.stdout`/`process.stderr` with `fs.writeSync(1|2)` for the
 * last-chance flush ({@link nodeStdioWriter}), the `node:fs` file system
 * ({@link nodeFileSystem}), `AsyncLocalStorage` context
 * ({@link asyncLocalContextStorage}), `process.env`, and shutdown hooks on
 * `beforeExit`/`exit` and the signals a logger asks for ({@link onNodeShutdown}).
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { nodeRuntime } from "@logging/core/node";
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() })
 *   .writeTo(consoleSink())
 *   .createLogger();
 * ```
 */
export function nodeRuntime(options: NodeRuntimeOptions = {}): RuntimeAdapter {
  return { ...processRuntime("node", options), fetch: nodeHttpFetch() };
}
