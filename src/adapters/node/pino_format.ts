/**
 * pino's printf-style messages (`"user %s did %d things"`) as message
 * templates, so interpolated values stay structured.
 *
 * @module
 */

/** A pino message turned into a template, and how to convert each interpolated value. */
export interface PinoMessage {
  /** Message template text: literal braces escaped, one hole per placeholder that had a value. */
  readonly template: string;
  /** Per hole, the placeholder letter (`s d i f o O j`). */
  readonly kinds: readonly string[];
}

const MAX_CACHED = 512;
const cache = new Map<string, PinoMessage>();

/**
 * Converts a pino message with `argCount` interpolation arguments. `%s` →
 * `{__0:l}` (text without quotes), `%d %i %f` → `{__1}` (a number), `%o %O %j`
 * → `{@__2}` (a structure), `%%` → `%`; a placeholder without an argument stays
 * literal, as in pino. Results are cached (bounded).
 *
 * @example
 * ```ts
 * import { pinoMessage } from "./pino_format.ts";
 * pinoMessage("user %s has %d {items}", 2).template; // "user {__0:l} has {__1} {{items}}"
 * ```
 */
export function pinoMessage(message: string, argCount: number): PinoMessage {
  if (argCount === 0 && message.indexOf("{") === -1 && message.indexOf("}") === -1 && message.indexOf("%") === -1) {
    return { template: message, kinds: [] };
  }
  const key = argCount + "\u0000" + message;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let template = "";
  const kinds: string[] = [];
  for (let i = 0; i < message.length; i++) {
    const ch = message[i];
    if (ch === "{" || ch === "}") {
      template += ch + ch;
      continue;
    }
    if (ch !== "%" || i + 1 >= message.length) {
      template += ch;
      continue;
    }
    const next = message[i + 1];
    if (next === "%") {
      template += "%";
      i++;
    } else if ("sdifoOj".indexOf(next) !== -1 && kinds.length < argCount) {
      const name = `__${kinds.length}`;
      template += next === "s" ? `{${name}:l}` : next === "o" || next === "O" || next === "j" ? `{@${name}}` : `{${name}}`;
      kinds.push(next);
      i++;
    } else {
      template += ch;
    }
  }
  const result: PinoMessage = { template, kinds };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, result);
  return result;
}

/** An interpolation argument converted the way its placeholder asks. Never throws. */
export function pinoValue(kind: string, value: unknown): unknown {
  try {
    switch (kind) {
      case "s":
        return typeof value === "string" ? value : String(value);
      case "d":
      case "f":
        return typeof value === "number" ? value : Number(value);
      case "i":
        return Math.trunc(Number(value));
      default:
        return value;
    }
  } catch {
    return "[unprintable]";
  }
}
