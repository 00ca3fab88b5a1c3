/**
 * The console sink's default text: `[12:00:01 INF] Handled /orders {RequestId: "r7", Ms: 12}`,
 * local time, the properties the message does not show in compact form.
 *
 * @module
 */
import type { Formatter } from "../formatting/formatter.ts";
import type { LogLevel } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import { renderValue } from "../template/render_template.ts";
import { formatErrorText } from "../formatting/error_text.ts";
import { textFormatter } from "../formatting/text_formatter.ts";

/** The head of each line; the compact properties, a newline and the error's text follow. */
export const CONSOLE_HEAD_TEMPLATE = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}";

const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

/**
 * `CONSOLE_HEAD_TEMPLATE`, then ` {Name: value, …}` for the properties the
 * message template does not use (values as `renderValue` shows them; nothing
 * when there are none; dim when `levelStyle` is given, i.e. colour is on),
 * then a newline and the error's stack and causes, if any.
 */
export function consoleFormatter(options: { utc: boolean; levelStyle?: (level: LogLevel, text: string) => string }): Formatter {
  const head = textFormatter(CONSOLE_HEAD_TEMPLATE, options.levelStyle === undefined ? { utc: options.utc } : { utc: options.utc, levelStyle: options.levelStyle });
  const coloured = options.levelStyle !== undefined;
  return {
    format(event: LogEvent): string {
      let out = head.format(event);
      const rest = compactProperties(event);
      if (rest !== "") out += coloured ? " " + DIM + rest + RESET : " " + rest;
      out += "\n";
      if (event.error !== undefined) out += formatErrorText(event.error) + "\n";
      return out;
    },
  };
}

/** `{A: 1, B: "x"}` for the properties not named in the event's message template, or "". */
export function compactProperties(event: LogEvent): string {
  const used = event.template.propertyNames;
  const props = event.properties;
  let out = "";
  for (const name of Object.keys(props)) {
    if (used.includes(name)) continue;
    out += (out === "" ? "{" : ", ") + name + ": " + renderValue(props[name]);
  }
  return out === "" ? "" : out + "}";
}
