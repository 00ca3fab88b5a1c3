/**
 * The Deno runtime adapter.
 *
 * @module
 */
import type { RuntimeAdapter, ShutdownHook, ShutdownHookOptions } from "../../core/runtime/runtime.ts";
import { asyncLocalContextStorage } from "../shared/async_local_context.ts";
import { denoApi } from "./deno_api.ts";
import { denoFileSystem } from "./deno_file_system.ts";
import { denoScheduler } from "./deno_scheduler.ts";
import { onDenoShutdown } from "./deno_shutdown.ts";
import { denoStdioWriter } from "./deno_writer.ts";

/**
 * Options of {@link denoRuntime}.
 *
 * @example
 * ```ts
 * import { denoRuntime, type DenoRuntimeOptions } from "@logging/core/deno";
 * const options: DenoRuntimeOptions = { exitOnSignal: false };
 * const runtime = denoRuntime(options);
 * ```
 */
export interface DenoRuntimeOptions {
  /**
   * After a handled signal, exit with its code. Default: yes, unless the
   * application listens for it through `node:process` (a listener added with
   * `Deno.addSignalListener` cannot be seen: pass `false` when the
   * application exits itself). `true`: always.
   */
  readonly exitOnSignal?: boolean;
}

/**
 * The runtime for Deno: `performance.now()` and unref'd timers, `Deno.stdout`
 * / `Deno.stderr` with full-write loops, the `Deno.open` file system,
 * `AsyncLocalStorage` context, `Deno.env` where `--allow-env` grants it (never
 * prompting; `NO_COLOR` comes from `Deno.noColor` without it), and shutdown
 * hooks on `beforeunload`/`unload`/uncaught errors and the signals a logger
 * asks for (see {@link onDenoShutdown}).
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { denoRuntime } from "@logging/core/deno";
 * const log = new LoggerConfiguration({ runtime: denoRuntime() })
 *   .writeTo(consoleSink())
 *   .createLogger();
 * ```
 */
export function denoRuntime(options: DenoRuntimeOptions = {}): RuntimeAdapter {
  const deno = denoApi();
  const exitOnSignal = options.exitOnSignal;
  return {
    name: "deno",
    scheduler: denoScheduler(),
    stdout: denoStdioWriter(deno.stdout),
    stderr: denoStdioWriter(deno.stderr),
    fs: denoFileSystem(),
    contextStorage: asyncLocalContextStorage(),
    env(name: string): string | undefined {
      try {
        // Ask first: a plain Deno.env.get without the permission would prompt on a terminal.
        const state = deno.permissions?.querySync?.({ name: "env", variable: name }).state ?? "granted";
        if (state === "granted") return deno.env.get(name);
      } catch {
        // no --allow-env
      }
      return name === "NO_COLOR" && deno.noColor === true ? "1" : undefined;
    },
    onShutdown: (hook: ShutdownHook, hookOptions: ShutdownHookOptions = {}): (() => void) =>
      onDenoShutdown(hook, { ...hookOptions, exitOnSignal }),
  };
}
