/**
 * The text of a captured error as CLEF's `@x` and an output template's
 * `{Exception}` show it: the stack, then the `cause` chain.
 *
 * @module
 */
import type { ErrorInfo } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import { jsonValue } from "./json_text.ts";

/** Causes followed before the chain is cut with `Caused by: …`. */
const MAX_CAUSES = 16;
/** Inner errors of an AggregateError written before the rest are counted. */
const MAX_INNER = 16;
/** AggregateErrors inside AggregateErrors followed before their inner errors are left out. */
const MAX_NESTING = 4;

/**
 * Formats an error and its cause chain:
 *
 * ```text
 * Error: payment failed
 *     at charge (app.js:10:5)
 * Caused by: TypeError: fetch failed
 *     at …
 * Caused by: ECONNREFUSED
 * ```
 *
 * Each error is its stack when the stack names it (V8/Bun style, first line
 * `Name: message`); otherwise `Name: message` (just `Name` when the message is
 * empty) followed by the stack (JavaScriptCore/SpiderMonkey style frames), or
 * alone when there is no stack. A cause that is not an error (a captured
 * value) is written as text: strings as they are, other values as JSON. The
 * chain stops after 16 causes. An AggregateError's inner errors (its captured
 * `errors`) follow it, each as `Inner error N of M: ` and its own text,
 * indented by two spaces (at most 16; the rest counted). No trailing newline. Never throws.
 *
 * @example
 * ```ts
 * import { formatErrorText } from "./error_text.ts";
 * formatErrorText({ name: "Error", message: "outer", cause: { name: "TypeError", message: "inner" } });
 * // "Error: outer\nCaused by: TypeError: inner"
 * ```
 */
export function formatErrorText(error: ErrorInfo): string {
  return formatNested(error, 0);
}

function formatNested(error: ErrorInfo, nesting: number): string {
  let out = describe(error) + innerErrors(error, nesting);
  let cause = error.cause;
  for (let depth = 0; cause !== undefined; depth++) {
    if (depth === MAX_CAUSES) return out + "\nCaused by: \u2026";
    if (isErrorInfo(cause)) {
      out += "\nCaused by: " + describe(cause) + innerErrors(cause, nesting);
      cause = cause.cause;
    } else {
      out += "\nCaused by: " + valueText(cause);
      break;
    }
  }
  return out;
}

/**
 * Whether a captured `cause` is an error (has string `name` and `message`)
 * rather than an ordinary value.
 *
 * @example
 * ```ts
 * import { isErrorInfo } from "./error_text.ts";
 * isErrorInfo({ name: "Error", message: "x" }); // true
 * isErrorInfo("timeout"); // false
 * ```
 */
export function isErrorInfo(value: ErrorInfo | LogValue | undefined): value is ErrorInfo {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

function describe(error: ErrorInfo): string {
  const name = typeof error.name === "string" && error.name !== "" ? error.name : "Error";
  const message = typeof error.message === "string" ? error.message : "";
  const header = message === "" ? name : name + ": " + message;
  const stack = typeof error.stack === "string" ? error.stack.replace(/\s+$/, "") : "";
  if (stack === "") return header;
  const firstLine = stack.split("\n", 1)[0];
  // V8 and Bun put "Name: message" first; keep the stack as the runtime wrote it.
  if (message !== "" ? firstLine.includes(message) : firstLine.startsWith(name)) return stack;
  if (message !== "" && stack.startsWith(header)) return stack; // multi-line messages
  return header + "\n" + stack;
}

function valueText(value: ErrorInfo | LogValue): string {
  return typeof value === "string" ? value : jsonValue(value as LogValue);
}

/** The text of an AggregateError's captured `errors`, or "". */
function innerErrors(error: ErrorInfo, nesting: number): string {
  const properties = error.properties as Record<string, LogValue> | undefined;
  const errors = typeof properties === "object" && properties !== null ? properties.errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) return "";
  if (nesting >= MAX_NESTING) return "\nInner errors: " + errors.length + " (not shown)";
  const total = errors.length;
  let out = "";
  for (let i = 0; i < total; i++) {
    if (i === MAX_INNER) return out + "\nInner errors: " + (total - i) + " more";
    const inner = errors[i] as ErrorInfo | LogValue;
    out += "\nInner error " + (i + 1) + " of " + total + ": " +
      // Indented, so an inner error's own "Caused by:" lines read as its own.
      (isErrorInfo(inner) ? formatNested(inner, nesting + 1) : valueText(inner)).replaceAll("\n", "\n  ");
  }
  return out;
}
