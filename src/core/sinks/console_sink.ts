/**
 * The console sink: formatted text to the runtime's stdout and stderr, one
 * write per stream per batch, with ANSI level colours.
 *
 * @module
 */
import type { Formatter } from "../formatter.ts";
import { type LogLevel, levelSeverity } from "../level.ts";
import type { LogEvent } from "../log_event.ts";
import { portableRuntime } from "../portable_runtime.ts";
import type { RuntimeAdapter, Writer } from "../runtime.ts";
import { SelfLog } from "../self_log.ts";
import type { Sink } from "../sink.ts";
import { ansiLevelStyle } from "../formatting/ansi_theme.ts";
import { DEFAULT_OUTPUT_TEMPLATE, textFormatter } from "../formatting/text_formatter.ts";
import { utf8ByteLength } from "../formatting/utf8_length.ts";

/**
 * Options of {@link consoleSink}.
 *
 * @example
 * ```ts
 * import type { ConsoleSinkOptions } from "@logging/core";
 * const options: ConsoleSinkOptions = { theme: "none", stderrLevel: "warning" };
 * ```
 */
export interface ConsoleSinkOptions {
  /**
   * Formats each event. Default: `textFormatter(outputTemplate)` with the
   * level token coloured per `theme`. A custom formatter's text is written
   * as it is (the theme does not apply to it).
   */
  readonly formatter?: Formatter;
  /** Output template of the default text formatter. */
  readonly outputTemplate?: string;
  /**
   * `"ansi"`: always colour; `"none"`: never; `"auto"` (default): colour
   * unless `NO_COLOR` is set to a non-empty value (read via `runtime.env`) or
   * the runtime is `workers` (its log viewer shows escape codes verbatim).
   */
  readonly theme?: "ansi" | "none" | "auto";
  /** Events at this level and above go to stderr. Default `"error"`; `"off"`: all to stdout. */
  readonly stderrLevel?: LogLevel | "off";
  /** The sink's name in metrics and SelfLog. Default `"console"`. */
  readonly name?: string;
}

/**
 * The sink {@link consoleSink} returns: a {@link Sink} with a synchronous
 * path and a byte count.
 *
 * @example
 * ```ts
 * import { consoleSink, type ConsoleSink } from "@logging/core";
 * const sink: ConsoleSink = consoleSink();
 * sink.bytesWritten; // 0
 * ```
 */
export interface ConsoleSink extends Sink {
  /** UTF-8 bytes of every completed write (exact, counted with `encodeInto`). */
  readonly bytesWritten: number;
  /** Takes the `stdout`/`stderr` writers from `runtime` and decides colour (`auto` theme) for it. */
  attach(runtime: RuntimeAdapter): void;
  /** Writes a batch through the writers' `writeSync` where they have one (last-chance flush on exit). */
  emitSync(batch: readonly LogEvent[]): void;
}

/**
 * Creates a console sink. Writers come from the runtime given to `attach`
 * (its `stdout`/`stderr`); a sink used without `attach` writes through
 * `portableRuntime()` (the global `console`). Each batch becomes at most one
 * write to stdout and one to stderr, each the concatenation of the batch's
 * records for that stream in order. `emitSync` does the same with the
 * writers' `writeSync` where they have one (last-chance flush on exit).
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .writeTo(consoleSink({ theme: "auto", stderrLevel: "warning" }))
 *   .createLogger();
 * log.warning("Disk {Pct}% full", 93); // [12:00:00 WRN] Disk 93% full → stderr
 * ```
 */
export function consoleSink(options: ConsoleSinkOptions = {}): ConsoleSink {
  const stderrLevel = options.stderrLevel ?? "error";
  const threshold = stderrLevel === "off" ? Number.POSITIVE_INFINITY : levelSeverity(stderrLevel);
  let stdout: Writer | undefined;
  let stderr: Writer | undefined;
  let formatter: Formatter = options.formatter ?? textFormatter(options.outputTemplate ?? DEFAULT_OUTPUT_TEMPLATE);
  let bytesWritten = 0;

  const attach = (runtime: RuntimeAdapter): void => {
    stdout = runtime.stdout;
    stderr = runtime.stderr;
    if (options.formatter === undefined) {
      formatter = textFormatter(
        options.outputTemplate ?? DEFAULT_OUTPUT_TEMPLATE,
        useColour(options.theme ?? "auto", runtime) ? { levelStyle: ansiLevelStyle } : {},
      );
    }
  };

  const split = (batch: readonly LogEvent[]): [string, string] => {
    let out = "";
    let err = "";
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i];
      let text: string;
      try {
        text = formatter.format(event);
      } catch (error) {
        SelfLog.write(`console sink: formatting an event failed; the event is skipped`, error);
        continue;
      }
      if (levelSeverity(event.level) >= threshold) err += text;
      else out += text;
    }
    return [out, err];
  };

  const write = (writer: Writer, text: string, sync: boolean): void | Promise<void> => {
    const bytes = utf8ByteLength(text);
    if (sync && writer.writeSync !== undefined) {
      writer.writeSync(text);
      bytesWritten += bytes;
      return;
    }
    const pending = writer.write(text);
    if (pending === undefined || typeof (pending as Promise<void>).then !== "function") {
      bytesWritten += bytes;
      return;
    }
    return pending.then(() => {
      bytesWritten += bytes;
    });
  };

  const writeBatch = (batch: readonly LogEvent[], sync: boolean): void | Promise<void> => {
    if (stdout === undefined || stderr === undefined) attach(portableRuntime());
    const [out, err] = split(batch);
    const first = out === "" ? undefined : write(stdout as Writer, out, sync);
    const second = err === "" ? undefined : write(stderr as Writer, err, sync);
    if (first === undefined) return second;
    if (second === undefined) return first;
    return Promise.all([first, second]).then(() => undefined);
  };

  return {
    name: options.name ?? "console",
    get bytesWritten(): number {
      return bytesWritten;
    },
    attach,
    emit(batch: readonly LogEvent[]): void | Promise<void> {
      return writeBatch(batch, false);
    },
    emitSync(batch: readonly LogEvent[]): void {
      const pending = writeBatch(batch, true);
      // A writer without writeSync: its promise cannot be awaited now.
      if (pending !== undefined) pending.catch((e: unknown) => SelfLog.write("console sink: write failed", e));
    },
    async flush(): Promise<void> {
      await Promise.all([stdout?.flush?.(), stderr?.flush?.()]);
    },
  };
}

function useColour(theme: "ansi" | "none" | "auto", runtime: RuntimeAdapter): boolean {
  if (theme !== "auto") return theme === "ansi";
  if (runtime.name === "workers") return false;
  let noColor: string | undefined;
  try {
    noColor = runtime.env?.("NO_COLOR");
  } catch {
    noColor = undefined; // e.g. Deno without --allow-env
  }
  return noColor === undefined || noColor === "";
}
