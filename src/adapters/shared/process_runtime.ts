/**
 * The runtime over a Node-compatible `process` (`node:fs`, `process.stdout`,
 * `process` events, `AsyncLocalStorage`), shared by the Node and Bun adapters,
 * which differ only in their name.
 *
 * @module
 */
import process from "node:process";
import { webScheduler } from "../../core/runtime/web_scheduler.ts";
import type { RuntimeAdapter, ShutdownHook, ShutdownHookOptions } from "../../core/runtime/runtime.ts";
import { asyncLocalContextStorage } from "./async_local_context.ts";
import { processFileSystem } from "./process_file_system.ts";
import { onProcessShutdown } from "./process_shutdown.ts";
import { streamWriter } from "./stream_writer.ts";

/**
 * Options of a runtime over `process` (`NodeRuntimeOptions`, `BunRuntimeOptions`).
 *
 * @example
 * ```ts
 * import type { ProcessRuntimeOptions } from "@logging/core/node"; // also /bun
 * const options: ProcessRuntimeOptions = { exitOnSignal: false };
 * ```
 */
export interface ProcessRuntimeOptions {
  /**
   * After a handled signal, exit with its code. Default: yes, unless the
   * application listens for the signal too (then it decides when to exit).
   * `false`: never; the application exits itself. `true`: always.
   */
  readonly exitOnSignal?: boolean;
}

/**
 * `performance.now()` and timers that keep the process alive only while work
 * is pending, stdout/stderr through `process.stdout`/`process.stderr` (with
 * `fs.writeSync(1|2)` for the last-chance flush), the `node:fs` file system,
 * `AsyncLocalStorage` context, `process.env`, and shutdown hooks on
 * `beforeExit`/`exit` and the signals a logger asks for.
 *
 * @example
 * ```ts
 * import { processRuntime } from "./process_runtime.ts";
 * const runtime = processRuntime("node", {});
 * ```
 */
export function processRuntime(name: "node" | "bun", options: ProcessRuntimeOptions): RuntimeAdapter {
  const exitOnSignal = options.exitOnSignal;
  return {
    name,
    scheduler: webScheduler(),
    stdout: streamWriter(process.stdout, 1),
    stderr: streamWriter(process.stderr, 2),
    fs: processFileSystem(),
    contextStorage: asyncLocalContextStorage(),
    env: (variable: string): string | undefined => process.env[variable],
    onShutdown: (hook: ShutdownHook, hookOptions: ShutdownHookOptions = {}): (() => void) =>
      onProcessShutdown(hook, { ...hookOptions, exitOnSignal }),
  };
}
