/**
 * The state of one capture call (resolved limits, node budget, ancestors for
 * cycle detection) and small helpers shared by the capture engine. Internal.
 *
 * @module
 */
import { type CaptureLimits, DEFAULT_CAPTURE_LIMITS } from "./capture_limits.ts";
import { thrownMessage } from "./safe_string.ts";

/** Depth is clamped to this so recursion can never exhaust the stack. */
const MAX_DEPTH_CEILING = 100;

/**
 * The state of one capture call: resolved limits, the values captured so far
 * and the containers being captured (for cycle detection).
 *
 * @example
 * ```ts
 * import { createCaptureState } from "./capture_state.ts";
 * const state = createCaptureState(undefined);
 * state.maxDepth; // 8
 * ```
 */
export interface CaptureState {
  readonly maxDepth: number;
  readonly maxString: number;
  readonly maxItems: number;
  readonly maxProps: number;
  readonly maxNodes: number;
  nodes: number;
  /** String characters that may still be kept (the `maxTotalStringLength` budget). */
  charsLeft: number;
  readonly ancestors: object[];
}

function bound(value: unknown, fallback: number): number {
  return typeof value === "number" && value >= 0 ? value : fallback;
}

/**
 * Resolves `limits` (missing or invalid fields take the defaults) into a fresh
 * capture state. Never throws.
 *
 * @example
 * ```ts
 * import { createCaptureState } from "./capture_state.ts";
 * createCaptureState({ maxDepth: 2, maxStringLength: 10, maxCollectionItems: 5 }).maxProps; // 5
 * ```
 */
export function createCaptureState(limits: CaptureLimits | undefined): CaptureState {
  const d = DEFAULT_CAPTURE_LIMITS;
  let maxDepth = d.maxDepth, maxString = d.maxStringLength, maxItems = d.maxCollectionItems;
  let maxProps = d.maxProperties, maxNodes = d.maxNodes, maxChars = d.maxTotalStringLength;
  if (limits !== undefined && limits !== null) {
    try {
      maxDepth = Math.min(bound(limits.maxDepth, maxDepth), MAX_DEPTH_CEILING);
      maxString = bound(limits.maxStringLength, maxString);
      maxItems = bound(limits.maxCollectionItems, maxItems);
      maxProps = bound(limits.maxProperties, maxItems);
      maxNodes = bound(limits.maxNodes, maxNodes);
      maxChars = bound(limits.maxTotalStringLength, maxChars);
    } catch {
      // Unreadable limits: keep the defaults read so far.
    }
  }
  return { maxDepth, maxString, maxItems, maxProps, maxNodes, nodes: 0, charsLeft: maxChars, ancestors: [] };
}

/**
 * The marker for something that threw while being captured: `"[Threw: message]"`.
 *
 * @example
 * ```ts
 * import { threw } from "./capture_state.ts";
 * threw(new Error("boom")); // "[Threw: boom]"
 * ```
 */
export function threw(error: unknown): string {
  return "[Threw: " + thrownMessage(error) + "]";
}

/**
 * The text of a truncation marker for `count` left-out items: `"[+count more]"`.
 *
 * @example
 * ```ts
 * import { more } from "./capture_state.ts";
 * more(3); // "[+3 more]"
 * ```
 */
export function more(count: number): string {
  return "[+" + count + " more]";
}

const errorIsError: ((value: unknown) => boolean) | undefined = (() => {
  const candidate = (Error as unknown as { isError?: unknown }).isError;
  return typeof candidate === "function" ? (candidate as (value: unknown) => boolean) : undefined;
})();

/**
 * Whether `value` is an Error (including one from another realm where the
 * runtime has `Error.isError`). May throw (Proxy traps); callers guard.
 *
 * @example
 * ```ts
 * import { isError } from "./capture_state.ts";
 * isError(new RangeError("x")); // true
 * ```
 */
export function isError(value: unknown): value is Error {
  return value instanceof Error || (errorIsError !== undefined && errorIsError(value));
}
