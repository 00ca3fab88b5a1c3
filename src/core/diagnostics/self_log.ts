/**
 * SelfLog: where the library reports its own troubles (a failing sink, an
 * exception in an enricher), since they must never reach the application.
 *
 * @module
 */

/**
 * Receives one diagnostic message from the library.
 *
 * @example
 * ```ts
 * import type { SelfLogListener } from "@logging/core";
 * const listener: SelfLogListener = (message, error) => console.error(message, error);
 * ```
 */
export type SelfLogListener = (message: string, error?: unknown) => void;

let listener: SelfLogListener | undefined;

/**
 * The library's own diagnostics channel. Off by default: messages are dropped
 * until a listener is enabled. A listener that throws is ignored.
 *
 * @example
 * ```ts
 * import { SelfLog } from "@logging/core";
 * SelfLog.enable((message) => console.error("[logging]", message));
 * // …
 * SelfLog.disable();
 * ```
 */
export const SelfLog: {
  /** Sends library diagnostics to `fn` (replacing any previous listener). */
  enable(fn: SelfLogListener): void;
  /** Stops reporting. */
  disable(): void;
  /** Whether a listener is set. */
  readonly enabled: boolean;
  /** Reports a message; never throws. */
  write(message: string, error?: unknown): void;
} = {
  enable(fn: SelfLogListener): void {
    listener = typeof fn === "function" ? fn : undefined;
  },
  disable(): void {
    listener = undefined;
  },
  get enabled(): boolean {
    return listener !== undefined;
  },
  write(message: string, error?: unknown): void {
    const current = listener;
    if (current === undefined) return;
    try {
      current(`${new Date().toISOString()} ${message}`, error);
    } catch {
      // A broken listener must not turn a diagnostic into an application error.
    }
  },
};
