/**
 * The Node runtime adapter.
 *
 * @module
 */
import process from "node:process";
import { webScheduler } from "../../core/portable_runtime.ts";
import type { RuntimeAdapter, ShutdownHook, ShutdownHookOptions } from "../../core/runtime.ts";
import { asyncLocalContextStorage } from "./async_context.ts";
import { nodeFileSystem } from "./node_file_system.ts";
import { nodeHttpFetch } from "./node_http_fetch.ts";
import { onProcessShutdown } from "./process_shutdown.ts";
import { streamWriter } from "./stream_writer.ts";

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
export interface NodeRuntimeOptions {
  /**
   * After a handled signal, exit with its code. Default: yes, unless the
   * application listens for the signal too (then it decides when to exit).
   * `false`: never; the application exits itself. `true`: always.
   */
  readonly exitOnSignal?: boolean;
}

/**
 * The runtime for Node: `performance.now()` and timers that keep the process
 * alive only while work is pending, stdout/stderr through
 * `process.stdout`/`process.stderr` (with `fs.writeSync(1|2)` for the
 * last-chance flush), the `node:fs` file system, `AsyncLocalStorage` context,
 * `process.env`, and shutdown hooks on `beforeExit`/`exit` and the signals a
 * logger asks for (see {@link onProcessShutdown}).
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
  const exitOnSignal = options.exitOnSignal;
  return {
    name: "node",
    scheduler: webScheduler(),
    stdout: streamWriter(process.stdout, 1),
    stderr: streamWriter(process.stderr, 2),
    fs: nodeFileSystem(),
    contextStorage: asyncLocalContextStorage(),
    env: (name: string): string | undefined => process.env[name],
    fetch: nodeHttpFetch(),
    onShutdown: (hook: ShutdownHook, hookOptions: ShutdownHookOptions = {}): (() => void) =>
      onProcessShutdown(hook, { ...hookOptions, exitOnSignal }),
  };
}
