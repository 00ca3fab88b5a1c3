/**
 * A runtime adapter over a {@link ManualScheduler}, for deterministic tests of
 * code that logs.
 *
 * @module
 */
import { ManualScheduler } from "../core/runtime/manual_scheduler.ts";
import type { RuntimeAdapter, Writer } from "../core/runtime/runtime.ts";

/** A {@link RuntimeAdapter} whose clock is a {@link ManualScheduler} and whose stdout/stderr are kept in memory. */
export interface ManualRuntime extends RuntimeAdapter {
  /** The virtual clock: timers fire only when the test advances it. */
  readonly scheduler: ManualScheduler;
  /** Every chunk written to stdout or stderr, decoded, in order. */
  readonly written: string[];
}

/**
 * A runtime whose time moves only when the test says so, and whose console
 * output is collected in `written` instead of printed. No file system, no
 * shutdown hooks, no async context.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * import { manualRuntime } from "@logging/core/testing";
 * const runtime = manualRuntime();
 * const log = new LoggerConfiguration({ runtime }).writeTo(consoleSink()).createLogger();
 * log.information("Hello");
 * await log.flush();
 * runtime.written.length; // 1
 * ```
 */
export function manualRuntime(scheduler: ManualScheduler = new ManualScheduler()): ManualRuntime {
  const written: string[] = [];
  const decoder = new TextDecoder();
  const writer: Writer = {
    write(chunk) {
      written.push(typeof chunk === "string" ? chunk : decoder.decode(chunk));
    },
    writeSync(chunk) {
      written.push(typeof chunk === "string" ? chunk : decoder.decode(chunk));
    },
    async close() {},
  };
  return { name: "portable", scheduler, stdout: writer, stderr: writer, written };
}
