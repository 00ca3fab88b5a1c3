/**
 * Capturing an error (or anything thrown) as an {@link ErrorInfo}.
 *
 * @module
 */
import type { ErrorInfo } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import { type CaptureLimits, truncateString } from "./capture_limits.ts";
import { captureAny, captureErrorInfo } from "./capture_engine.ts";
import { createCaptureState, isError } from "./capture_state.ts";
import { className, describeFunction } from "./capture_describe.ts";
import { safeString, thrownMessage } from "./safe_string.ts";

type MutableErrorInfo = { -readonly [K in keyof ErrorInfo]: ErrorInfo[K] };

function info(name: string, message: string): MutableErrorInfo {
  const out: MutableErrorInfo = Object.create(null);
  out.name = name;
  out.message = message;
  return out;
}

function hasStringMessage(value: object): boolean {
  try {
    return typeof (value as { message?: unknown }).message === "string";
  } catch {
    return false;
  }
}

/**
 * Captures `error` as it is now, as a null-prototype {@link ErrorInfo}. Never
 * throws.
 *
 * - An Error, or an object with a string `message` (an error from another
 *   realm, a DOMException, a plain `{ message, code }`): `name`, `message`,
 *   `stack` (cut at `maxStringLength`), `cause` (an Error cause is itself an
 *   ErrorInfo, anything else a captured value; a cycle is `"[Circular]"`; the
 *   chain stops at `maxDepth` with `"[ErrorName]"`), and the other own
 *   enumerable properties (`code`, `errno`…) plus an AggregateError's `errors`
 *   (each an ErrorInfo) as `properties`.
 * - Any other object: `name` is its class name or `"Error"`, `message` the
 *   compact JSON of the captured object.
 * - A primitive (a thrown string, `undefined`…): `name` `"Error"`, `message`
 *   the value as text.
 *
 * @example
 * ```ts
 * import { captureError } from "./capture_error.ts";
 * const err = Object.assign(new Error("disk full", { cause: new Error("ENOSPC") }), { code: "E_DISK" });
 * const info = captureError(err);
 * info.message; // "disk full"
 * (info.cause as { message: string }).message; // "ENOSPC"
 * info.properties; // { code: "E_DISK" }
 * captureError("boom"); // { name: "Error", message: "boom" }
 * ```
 */
export function captureError(error: unknown, limits?: CaptureLimits): ErrorInfo {
  try {
    const state = createCaptureState(limits);
    if (typeof error === "object" && error !== null) {
      if (isError(error) || hasStringMessage(error)) {
        state.ancestors.push(error);
        return captureErrorInfo(error, 0, state);
      }
      const captured: LogValue = captureAny(error, 0, state);
      let name: string | undefined;
      try {
        name = Array.isArray(error) ? undefined : className(error);
      } catch {
        name = undefined;
      }
      const text = typeof captured === "string" ? captured : JSON.stringify(captured);
      return info(name ?? "Error", truncateString(text, state.maxString));
    }
    const text = typeof error === "function" ? describeFunction(error) : safeString(error);
    return info("Error", truncateString(text, state.maxString));
  } catch (caught) {
    return info("Error", "[Threw: " + thrownMessage(caught) + "]");
  }
}
