/**
 * The runtime-agnostic part of `logging-core pretty`: turns each input line
 * into output text (a rendered CLEF event, the line itself, or nothing when a
 * filter skips it).
 *
 * @module
 */
import type { Formatter } from "../formatting/formatter.ts";
import { levelSeverity } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import { ansiLevelStyle } from "../formatting/ansi_theme.ts";
import { textFormatter } from "../formatting/text_formatter.ts";
import { consoleFormatter } from "../sinks/console_formatter.ts";
import { parseClefLine } from "./clef_line.ts";
import type { PrettyOptions } from "./pretty_options.ts";

/** Renders lines for `logging-core pretty`. */
export interface PrettyPrinter {
  /** The text to print for one input line (without its newline): ends with a newline, or "" when filtered out. */
  line(text: string): string;
}

/**
 * A printer for `options`, colouring level tokens when `colour` is true.
 * Lines that are not CLEF pass through unless `--where` is given (they have
 * no properties to match); `--level` skips CLEF events only.
 */
export function prettyPrinter(options: Pick<PrettyOptions, "template" | "level" | "where" | "utc">, colour: boolean): PrettyPrinter {
  const style = colour ? { levelStyle: ansiLevelStyle } : {};
  const formatter: Formatter = options.template === undefined
    ? consoleFormatter({ utc: options.utc, ...style })
    : textFormatter(options.template, { utc: options.utc, ...style });
  const minimum = levelSeverity(options.level);
  const where = options.where;
  const matches = (event: LogEvent): boolean => {
    if (levelSeverity(event.level) < minimum) return false;
    for (const [name, wanted] of where) {
      if (!Object.hasOwn(event.properties, name) || valueText(event.properties[name]) !== wanted) return false;
    }
    return true;
  };
  return {
    line(text: string): string {
      const event = parseClefLine(text);
      if (event === undefined) return where.length > 0 ? "" : text + "\n";
      if (!matches(event)) return "";
      try {
        return formatter.format(event);
      } catch {
        return text + "\n";
      }
    },
  };
}

/** A property value as `--where` compares it: strings as they are, others as JSON. */
function valueText(value: LogValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
