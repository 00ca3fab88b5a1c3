/**
 * The circuit breaker a pipeline puts in front of its sink.
 *
 * @module
 */
import type { Scheduler } from "../runtime.ts";
import type { BreakerState } from "../metrics/sink_metrics.ts";
import { nonNegative, positiveInteger } from "./option_values.ts";

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
  /** A batch not settled within this many ms counts as failed. Default 10 000 ms. */
  writeTimeoutMs?: number;
}

/**
 * Closed → Open after `failureThreshold` consecutive failures → Half-open once
 * `resetTimeoutMs` has passed (the next batch is the probe) → Closed on a good
 * probe, Open again on a bad one.
 *
 * @example
 * ```ts
 * import { CircuitBreaker, ManualScheduler } from "@logging/core";
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
  /** Milliseconds after which an unsettled batch counts as failed (default 10 000). */
  readonly writeTimeoutMs: number;
  #scheduler: Scheduler;
  #state: BreakerState = "closed";
  #consecutiveFailures = 0;
  #openedAt = 0;
  #transitions = 0;

  /** Starts closed; invalid option values fall back to the defaults. */
  constructor(scheduler: Scheduler, options: CircuitBreakerOptions = {}) {
    this.#scheduler = scheduler;
    this.failureThreshold = positiveInteger(options.failureThreshold, 5);
    this.resetTimeoutMs = nonNegative(options.resetTimeoutMs, 30_000);
    this.writeTimeoutMs = nonNegative(options.writeTimeoutMs, 10_000);
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
