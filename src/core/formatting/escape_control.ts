/**
 * Visible escapes for control characters in text output, so that data in an
 * event can neither split it into several lines (forging log lines) nor drive
 * a terminal (ANSI/OSC sequences).
 *
 * @module
 */

/** C0 controls except TAB, DEL, C1 controls, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same without LF: for multi-line blocks such as an exception's stack. */
const CONTROL_NO_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_NO_LF_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeOne(c: string): string {
  switch (c) {
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    default:
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
  }
}

/**
 * `text` with every control character escaped visibly: LF as `\n`, CR as
 * `\r`, the others (C0 except TAB, DEL, C1, U+2028, U+2029) as `\u001b` and
 * so on. TAB and all printable text are kept; backslashes are not doubled.
 * With `keepLineFeeds`, LF is kept (the other controls are still escaped).
 * Returns `text` itself when there is nothing to escape.
 *
 * @example
 * ```ts
 * import { escapeControl } from "./escape_control.ts";
 * escapeControl("a\nb\u001b[2J"); // "a\\nb\\u001b[2J"
 * escapeControl("at x\n  at y\r", true); // "at x\n  at y\\r"
 * ```
 */
export function escapeControl(text: string, keepLineFeeds: boolean = false): string {
  if (keepLineFeeds) return CONTROL_NO_LF.test(text) ? text.replace(CONTROL_NO_LF_ALL, escapeOne) : text;
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, escapeOne) : text;
}
