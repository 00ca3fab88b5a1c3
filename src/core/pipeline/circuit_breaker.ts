/**
 * The circuit breaker a pipeline puts in front of its sink.
 *
 * @module
 */
import type { Scheduler } from "../runtime/runtime.ts";

/**
 * State of a sink's circuit breaker: `closed` (writing normally), `open`
 * (failing fast, events go to the fallback or are dropped) or `half-open`
 * (one probe batch allowed through).
 *
 * @example
 * ```ts
 * import type { BreakerState } from "@logging/core";
 * const state: BreakerState = "half-open";
 * ```
 */
export type BreakerState = "closed" | "open" | "half-open";

/**
 * Every {@link BreakerState}, in the order metrics output lists them.
 *
 * @example
 * ```ts
 * import { BREAKER_STATES } from "./circuit_breaker.ts";
 * for (const state of BREAKER_STATES) console.log(state);
 * ```
 */
export const BREAKER_STATES: readonly BreakerState[] = Object.freeze(["closed", "open", "half-open"] as const);

/**
 * Circuit breaker settings for one sink.
 *
 * @example
 * ```ts
 * import type { CircuitBreakerOptions } from "@logging/core";
 * const breaker: CircuitBreakerOptions = { failureThreshold: 5, resetTimeoutMs: 30_000 };
 * ```
 */
export interface CircuitBreakerOptions {
  /** Consecutive failed batches that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe batch is tried. Default 30 000 ms. */
  resetTimeoutMs?: number;
}

/**
 * Closed → Open after `failureThreshold` consecutive failures → Half-open once
 * `resetTimeoutMs` has passed (the next batch is the probe) → Closed on a good
 * probe, Open again on a bad one.
 *
 * @example
 * ```ts
 * import { CircuitBreaker } from "./circuit_breaker.ts";
 * import { ManualScheduler } from "@logging/core/testing";
 * const clock = new ManualScheduler();
 * const breaker = new CircuitBreaker(clock, { failureThreshold: 1, resetTimeoutMs: 100 });
 * breaker.recordFailure();
 * breaker.state; // "open"
 * clock.advance(100);
 * breaker.allowRequest(); // true: the half-open probe
 * ```
 */
export class CircuitBreaker {
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold: number;
  /** Milliseconds the circuit stays open before the half-open probe (default 30 000). */
  readonly resetTimeoutMs: number;
  #scheduler: Scheduler;
  #state: BreakerState = "closed";
  #consecutiveFailures = 0;
  #openedAt = 0;
  #transitions = 0;

  /** Starts closed, with checked options (see `resolveSinkOptions`). */
  constructor(scheduler: Scheduler, options: Required<CircuitBreakerOptions>) {
    this.#scheduler = scheduler;
    this.failureThreshold = options.failureThreshold;
    this.resetTimeoutMs = options.resetTimeoutMs;
  }

  /** The current state, moving Open → Half-open when the reset timeout has passed. */
  get state(): BreakerState {
    if (this.#state === "open" && this.#scheduler.now() - this.#openedAt >= this.resetTimeoutMs) {
      this.#state = "half-open";
      this.#transitions++;
    }
    return this.#state;
  }

  /** How many times the state has changed. */
  get transitions(): number {
    return this.#transitions;
  }

  /** Failures in a row since the last success. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /** Whether a batch may be sent to the sink now (closed, or the half-open probe). */
  allowRequest(): boolean {
    return this.state !== "open";
  }

  /** Records a delivered batch: resets the failure count and closes the circuit. */
  recordSuccess(): void {
    this.#consecutiveFailures = 0;
    if (this.#state !== "closed") {
      this.#state = "closed";
      this.#transitions++;
    }
  }

  /** Records a failed batch: opens the circuit at the threshold, or at once after a failed probe. */
  recordFailure(): void {
    this.#consecutiveFailures++;
    if (this.#state === "half-open" || (this.#state === "closed" && this.#consecutiveFailures >= this.failureThreshold)) {
      this.#state = "open";
      this.#openedAt = this.#scheduler.now();
      this.#transitions++;
    }
  }
}
