/**
 * Command-line options of `logging-core pretty`.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "../levels/level.ts";

/** What `logging-core pretty` was asked to do. */
export interface PrettyOptions {
  /** Files to read in order; none: standard input. */
  readonly files: readonly string[];
  /** Keep reading the (last) file as it grows. */
  readonly follow: boolean;
  /** Output template (see `textFormatter`); undefined: the console sink's default line. */
  readonly template: string | undefined;
  /** Events below this level are skipped. */
  readonly level: LogLevel;
  /** Every pair must match: the property's value, as text, equals the given text. */
  readonly where: ReadonlyArray<readonly [name: string, value: string]>;
  /** `auto`: colour when stdout is a terminal (and NO_COLOR/FORCE_COLOR allow). */
  readonly colour: "auto" | "always" | "never";
  /** Timestamps in UTC rather than local time. */
  readonly utc: boolean;
}

/** The usage text, printed by `--help` and after a usage error. */
export const PRETTY_USAGE: string = `Usage: logging-core pretty [options] [files...]

Reads CLEF (one JSON event per line) from the files, or standard input, and
prints each event as text. Lines that are not CLEF are printed as they are.

Options:
  -f, --follow            keep reading the last file as it grows (like tail -f)
  -t, --template <text>   output template, e.g. "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}"
                          (default: [12:00:01 INF] message {Other: "properties"})
  -l, --level <level>     minimum level: verbose debug information warning error fatal
  -w, --where <Name=value>  only events whose property Name is value (repeatable; all must match)
      --color, --no-color colour always / never (default: when stdout is a terminal;
                          NO_COLOR and FORCE_COLOR are honoured)
      --utc               timestamps in UTC (default: local time)
  -h, --help              this text
`;

/**
 * Parses the arguments after `pretty`. Returns the options, `"help"`, or an
 * error message naming the bad argument.
 */
export function parsePrettyArgs(args: readonly string[]): PrettyOptions | "help" | { readonly error: string } {
  const files: string[] = [];
  const where: [string, string][] = [];
  let follow = false;
  let template: string | undefined;
  let level: LogLevel = "verbose";
  let colour: PrettyOptions["colour"] = "auto";
  let utc = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "-f":
      case "--follow":
        follow = true;
        break;
      case "-t":
      case "--template": {
        const v = value();
        if (v === undefined) return { error: `${flag} needs a template` };
        template = v.replace(/\\n/g, "\n");
        break;
      }
      case "-l":
      case "--level": {
        const v = value();
        const parsed = v === undefined ? undefined : parseLogLevel(v);
        if (parsed === undefined) return { error: `${flag}: unknown level ${JSON.stringify(v ?? "")}` };
        level = parsed;
        break;
      }
      case "-w":
      case "--where": {
        const v = value();
        const at = v === undefined ? -1 : v.indexOf("=");
        if (v === undefined || at <= 0) return { error: `${flag} needs Name=value, got ${JSON.stringify(v ?? "")}` };
        where.push([v.slice(0, at), v.slice(at + 1)]);
        break;
      }
      case "--color":
      case "--colour":
        colour = "always";
        break;
      case "--no-color":
      case "--no-colour":
        colour = "never";
        break;
      case "--utc":
        utc = true;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") return { error: `unknown option ${arg}` };
        files.push(arg);
    }
  }
  if (follow && files.length === 0) return { error: "--follow needs a file" };
  return { files, follow, template, level, where, colour, utc };
}
