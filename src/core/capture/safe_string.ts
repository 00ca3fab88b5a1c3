/**
 * Conversions to text that never throw, whatever they are given.
 *
 * @module
 */

import { ownCopy } from "./capture_limits.ts";

const MAX_THROWN_MESSAGE = 200;

/**
 * The message of something thrown (an `Error`'s `message`, or the thrown value
 * as text), at most 200 characters. Never throws.
 *
 * @example
 * ```ts
 * import { thrownMessage } from "./safe_string.ts";
 * thrownMessage(new TypeError("bad input")); // "bad input"
 * thrownMessage("plain"); // "plain"
 * ```
 */
export function thrownMessage(thrown: unknown): string {
  let text: string;
  try {
    if (thrown instanceof Error) {
      const message: unknown = thrown.message;
      text = typeof message === "string" ? message : String(message);
    } else {
      text = typeof thrown === "string" ? thrown : String(thrown);
    }
  } catch {
    text = "unknown error";
  }
  return text.length > MAX_THROWN_MESSAGE ? ownCopy(text.slice(0, MAX_THROWN_MESSAGE) + "…") : text;
}

/**
 * `String(value)`, except that it never throws: when conversion throws (an
 * object whose `toString` throws, a revoked Proxy, an object without a
 * prototype) the result is `"[Threw: message]"`.
 *
 * @example
 * ```ts
 * import { safeString } from "./safe_string.ts";
 * safeString(42); // "42"
 * safeString(Symbol("id")); // "Symbol(id)"
 * safeString({ toString() { throw new Error("nope"); } }); // "[Threw: nope]"
 * ```
 */
export function safeString(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch (error) {
    return "[Threw: " + thrownMessage(error) + "]";
  }
}
