/**
 * The console sink: formatted text to the runtime's stdout and stderr in event
 * order, with ANSI level colours where the stream is a terminal.
 *
 * @module
 */
import { booleanOption, formatterOption, nonEmptyString, oneOf, optionError, optionsObject } from "../options/option_checks.ts";
import type { Formatter } from "../formatting/formatter.ts";
import { type LogLevel, levelSeverity, parseLogLevel } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import { portableRuntime } from "../runtime/portable_runtime.ts";
import type { RuntimeAdapter, Writer } from "../runtime/runtime.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import type { Sink } from "./sink.ts";
import { ansiLevelStyle } from "../formatting/ansi_theme.ts";
import { textFormatter } from "../formatting/text_formatter.ts";
import { utf8ByteLength } from "../formatting/utf8_length.ts";
import { autoColour, isBrowserLike } from "./colour_support.ts";
import { consoleFormatter } from "./console_formatter.ts";

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
   * Formats each event. A custom formatter's text is written as it is (the
   * theme does not apply to it).
   */
  readonly formatter?: Formatter;
  /**
   * Output template of the text formatter (see `textFormatter`). Default: the
   * line `[12:00:01 INF] Handled /orders {RequestId: "r7", Ms: 12}`, i.e.
   * `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}` followed by the
   * properties the message does not show (nothing when there are none), a
   * newline and the error's stack, if any.
   */
  readonly outputTemplate?: string;
  /**
   * `"auto"` (default): colour a stream only when it is a terminal
   * (`Writer.isTerminal`), unless `NO_COLOR` is set to a non-empty value or
   * `TERM=dumb`; `FORCE_COLOR` (not `0`/`false`) colours even a pipe or file.
   * Never on Workers or in a browser. `"ansi"`: always colour; `"none"`: never.
   * Environment variables are read through `runtime.env`.
   */
  readonly theme?: "ansi" | "none" | "auto";
  /** Timestamps in UTC rather than local time (default false: local time, for people reading a terminal). */
  readonly utc?: boolean;
  /**
   * Events at this level and above go to stderr, the rest to stdout. Default
   * `"error"`; `"off"`: all to stdout. Ignored when `stream` is given.
   */
  readonly stderrLevel?: LogLevel | "off";
  /**
   * Writes every event to this one stream (in order, one write per batch)
   * instead of splitting by `stderrLevel`.
   */
  readonly stream?: "stdout" | "stderr";
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
  /** Takes the `stdout`/`stderr` writers from `runtime` and decides colour (`auto` theme) for each. */
  attach(runtime: RuntimeAdapter): void;
  /** Writes a batch through the writers' `writeSync` where they have one (last-chance flush on exit). */
  emitSync(batch: readonly LogEvent[]): void;
}

type ConsoleMethod = "debug" | "info" | "warn" | "error";
const BROWSER_METHOD: Readonly<Record<LogLevel, ConsoleMethod>> = {
  verbose: "debug",
  debug: "debug",
  information: "info",
  warning: "warn",
  error: "error",
  fatal: "error",
};

/**
 * Creates a console sink. Writers come from the runtime given to `attach`
 * (its `stdout`/`stderr`); a sink used without `attach` writes through
 * `portableRuntime()` (the global `console`). Events are written in their
 * order: each run of consecutive events for the same stream is one write, and
 * the next run waits for it, so an error on stderr never shows up after the
 * lines logged after it (a batch for one stream is one write). `emitSync` does
 * the same with the writers' `writeSync` where they have one.
 *
 * In a browser (the portable runtime where `document` or `WorkerGlobalScope`
 * exists), each event goes to the console method of its level
 * (`console.debug`/`info`/`warn`/`error`), without colour codes, so the
 * devtools' level filter works.
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
  optionsObject("consoleSink options", options);
  const stream = options.stream === undefined ? undefined : oneOf("consoleSink: stream", options.stream, ["stdout", "stderr"] as const, "stdout");
  const stderrLevel = stream === "stderr" ? "verbose" : stream === "stdout" ? "off" : stderrLevelOption(options.stderrLevel);
  const threshold = stderrLevel === "off" ? Number.POSITIVE_INFINITY : levelSeverity(stderrLevel);
  const utc = booleanOption("consoleSink: utc", options.utc, false);
  const theme = oneOf("consoleSink: theme", options.theme, ["auto", "ansi", "none"] as const, "auto");
  if (options.formatter !== undefined) formatterOption("consoleSink: formatter", options.formatter, () => options.formatter as Formatter);
  if (options.outputTemplate !== undefined && typeof options.outputTemplate !== "string") {
    throw optionError("consoleSink: outputTemplate", "a string", options.outputTemplate);
  }
  const name = nonEmptyString("consoleSink: name", options.name, "console");
  let stdout: Writer | undefined;
  let stderr: Writer | undefined;
  let browser = false;
  // [stdout, stderr]: the same formatter unless colour differs per stream.
  let formatters: [Formatter, Formatter] | undefined;
  let bytesWritten = 0;

  const textFor = (colour: boolean): Formatter => {
    if (options.formatter !== undefined) return options.formatter;
    const style = colour ? { levelStyle: ansiLevelStyle } : {};
    return options.outputTemplate === undefined
      ? consoleFormatter({ utc, ...style })
      : textFormatter(options.outputTemplate, { utc, ...style });
  };

  const attach = (runtime: RuntimeAdapter): void => {
    stdout = runtime.stdout;
    stderr = runtime.stderr;
    browser = runtime.name === "portable" && isBrowserLike();
    const colourOf = (writer: Writer): boolean =>
      theme === "auto"
        ? autoColour({ isTerminal: writer.isTerminal, env: runtime.env, runtimeName: runtime.name, browser })
        : theme === "ansi";
    const outColour = colourOf(stdout);
    const errColour = colourOf(stderr);
    const out = textFor(outColour);
    formatters = [out, errColour === outColour ? out : textFor(errColour)];
  };

  const format = (event: LogEvent, toStderr: boolean): string | undefined => {
    try {
      return (formatters as [Formatter, Formatter])[toStderr ? 1 : 0].format(event);
    } catch (error) {
      SelfLog.write(`console sink: formatting an event failed; the event is skipped`, error);
      return undefined;
    }
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

  const writeToConsole = (batch: readonly LogEvent[]): void => {
    const console = (globalThis as unknown as { console: Record<ConsoleMethod, (text: string) => void> }).console;
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i];
      const text = format(event, false);
      if (text === undefined) continue;
      console[BROWSER_METHOD[event.level] ?? "info"](text.endsWith("\n") ? text.slice(0, -1) : text);
      bytesWritten += utf8ByteLength(text);
    }
  };

  const writeBatch = (batch: readonly LogEvent[], sync: boolean): void | Promise<void> => {
    if (formatters === undefined) attach(portableRuntime());
    if (browser) return writeToConsole(batch);
    let i = 0;
    // Writes the runs from event i on; after an asynchronous write, the rest
    // waits for it so the two streams interleave in event order.
    const writeRuns = (): void | Promise<void> => {
      while (i < batch.length) {
        let toStderr: boolean | undefined;
        let text = "";
        for (; i < batch.length; i++) {
          const event = batch[i];
          const err = levelSeverity(event.level) >= threshold;
          if (toStderr !== undefined && err !== toStderr) break;
          const line = format(event, err);
          if (line === undefined) continue;
          toStderr = err;
          text += line;
        }
        if (text === "") continue;
        const pending = write((toStderr ? stderr : stdout) as Writer, text, sync);
        if (pending !== undefined) return i < batch.length ? pending.then(writeRuns) : pending;
      }
    };
    return writeRuns();
  };

  return {
    name,
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

/** `stderrLevel`: a level name (aliases allowed) or `"off"`; default `"error"`. */
function stderrLevelOption(value: unknown): LogLevel | "off" {
  if (value === undefined) return "error";
  if (value === "off") return "off";
  const level = typeof value === "string" ? parseLogLevel(value) : undefined;
  if (level === undefined) throw optionError("consoleSink: stderrLevel", 'a level name or "off"', value);
  return level;
}
