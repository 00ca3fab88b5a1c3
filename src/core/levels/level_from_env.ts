/**
 * The minimum level from an environment variable such as `LOG_LEVEL`.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "./level.ts";

/**
 * Where {@link levelFromEnv} reads variables: a record (Workers' `env`
 * binding, Node's `process` environment, Deno's environment object) or a lookup function.
 *
 * @example
 * ```ts
 * import type { EnvSource } from "@logging/core";
 * const fromRecord: EnvSource = { LOG_LEVEL: "debug" };
 * const fromFunction: EnvSource = (name) => (name === "LOG_LEVEL" ? "warn" : undefined);
 * ```
 */
export type EnvSource = Readonly<Record<string, unknown>> | ((name: string) => string | undefined);

interface EnvGlobals {
  Deno?: {
    env?: { get(name: string): string | undefined };
    permissions?: { querySync?(d: { name: "env"; variable: string }): { state: string } };
  };
  process?: { env?: Record<string, string | undefined> };
}

/**
 * The level named by the environment variable `name` (default `LOG_LEVEL`),
 * or `fallback` (default `information`) when it is unset or empty. Names and
 * aliases are accepted case-insensitively (`debug`, `INFO`, `warn`, `trace`,
 * `critical`, `ERR`…). A value that names no level throws a `TypeError` that
 * says which variable and which value, at configuration time.
 *
 * Without `env`, reads the process environment where the runtime has one:
 * Node and Bun: the process environment; Deno: its environment when `--allow-env` grants the
 * variable (never prompting; otherwise unset); Workers with `nodejs_compat`
 * the process environment. On Workers pass the `env` binding of the handler.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, levelFromEnv } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .minimumLevel(levelFromEnv("LOG_LEVEL", "information"))
 *   .createLogger();
 * // Workers: export default { fetch(req, env) { … levelFromEnv("LOG_LEVEL", "information", env) … } }
 * levelFromEnv("LOG_LEVEL", "information", { LOG_LEVEL: "warn" }); // "warning"
 * ```
 */
export function levelFromEnv(name: string = "LOG_LEVEL", fallback: LogLevel | string = "information", env?: EnvSource): LogLevel {
  if (typeof name !== "string" || name === "") throw new TypeError("levelFromEnv: the variable name must be a non-empty string");
  const fallbackLevel = typeof fallback === "string" ? parseLogLevel(fallback) : undefined;
  if (fallbackLevel === undefined) {
    throw new TypeError(`levelFromEnv: the fallback ${JSON.stringify(fallback)} is not a log level: use verbose, debug, information, warning, error or fatal`);
  }
  const raw = env === undefined ? readProcessEnv(name) : typeof env === "function" ? env(name) : env[name];
  if (raw === undefined || raw === null || raw === "") return fallbackLevel;
  if (typeof raw !== "string") throw new TypeError(`levelFromEnv: ${name} is not a string (got ${typeof raw})`);
  const level = parseLogLevel(raw);
  if (level === undefined) {
    throw new TypeError(
      `levelFromEnv: ${name}=${JSON.stringify(raw)} is not a log level: use verbose, debug, information, warning, error or fatal (or an alias such as info, warn, trace)`,
    );
  }
  return level;
}

/**
 * The process environment where the runtime exposes one. Feature detection on
 * `globalThis` (no runtime import), so the root entry keeps working everywhere.
 */
function readProcessEnv(name: string): string | undefined {
  const g = globalThis as unknown as EnvGlobals;
  try {
    const deno = g.Deno;
    if (deno?.env !== undefined) {
      const state = deno.permissions?.querySync?.({ name: "env", variable: name }).state ?? "granted";
      return state === "granted" ? deno.env.get(name) : undefined;
    }
    return g.process?.env?.[name];
  } catch {
    return undefined; // environment not readable here
  }
}
