/**
 * Whether text for a stream should carry ANSI colours: the `auto` decision of
 * the console sink and the `logging-core` CLI.
 *
 * @module
 */

/** What the decision reads: the stream, the environment, the kind of runtime. */
export interface ColourContext {
  /** The destination is a terminal (`Writer.isTerminal`); unknown counts as not. */
  readonly isTerminal: boolean | undefined;
  /** Reads an environment variable; may throw (Deno without `--allow-env`), which counts as unset. */
  readonly env?: (name: string) => string | undefined;
  /** Workers' log viewers and browsers' consoles show escape codes verbatim. */
  readonly runtimeName?: string;
  /** A browser page or web worker (the console there styles nothing from ANSI). */
  readonly browser?: boolean;
}

/**
 * The `auto` rule, in order: never on Workers or in a browser; `FORCE_COLOR`
 * set (to anything but `0` or `false`) colours, `FORCE_COLOR=0|false` does not;
 * otherwise `NO_COLOR` set to a non-empty value or `TERM=dumb` turns colour
 * off; otherwise colour exactly when the stream is a terminal. (`FORCE_COLOR`
 * wins over `NO_COLOR`, as in Node.)
 */
export function autoColour(context: ColourContext): boolean {
  if (context.runtimeName === "workers" || context.browser === true) return false;
  const force = readEnv(context.env, "FORCE_COLOR");
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  const noColor = readEnv(context.env, "NO_COLOR");
  if (noColor !== undefined && noColor !== "") return false;
  if (readEnv(context.env, "TERM") === "dumb") return false;
  return context.isTerminal === true;
}

/**
 * `globalThis` looks like a browser page or a web worker (a `document`, or
 * `WorkerGlobalScope`); Deno, Bun, Node and Workers have neither.
 */
export function isBrowserLike(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined || g.WorkerGlobalScope !== undefined;
}

function readEnv(env: ((name: string) => string | undefined) | undefined, name: string): string | undefined {
  if (env === undefined) return undefined;
  try {
    return env(name);
  } catch {
    return undefined; // e.g. Deno without --allow-env
  }
}
