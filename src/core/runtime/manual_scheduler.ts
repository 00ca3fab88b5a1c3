/**
 * A virtual clock for deterministic tests of timing logic.
 *
 * @module
 */
import type { Scheduler, TimerId } from "./runtime.ts";

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A {@link Scheduler} whose time moves only when a test calls
 * {@link ManualScheduler.advance}. Timers fire in due order, ties in creation
 * order. `advanceAsync` also lets promise continuations run between timers, so
 * a queue's async flush completes as it would in real time.
 *
 * @example
 * ```ts
 * import { ManualScheduler } from "@logging/core/testing";
 * const clock = new ManualScheduler();
 * let fired = false;
 * clock.setTimeout(() => { fired = true; }, 50);
 * clock.advance(49); // fired === false
 * clock.advance(1);  // fired === true
 * ```
 */
export class ManualScheduler implements Scheduler {
  #now: number;
  #epoch: number;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  /**
   * Creates a clock stopped at `startMs` with no pending timers.
   *
   * @param startMs the initial monotonic time
   * @param epochMs the wall-clock time at `startMs` (for event timestamps)
   */
  constructor(startMs: number = 0, epochMs: number = Date.UTC(2026, 10, 22, 12, 0, 0)) {
    this.#now = startMs;
    this.#epoch = epochMs - startMs;
  }

  /** The virtual monotonic time, in milliseconds; moves only when a test advances it. */
  now(): number {
    return this.#now;
  }

  /** Milliseconds since the Unix epoch: `epochMs` plus the virtual time elapsed since `startMs`. */
  wallClock(): number {
    return this.#epoch + this.#now;
  }

  /** Schedules `fn` to fire once virtual time reaches now + `ms` (non-finite or negative `ms` means 0). */
  setTimeout(fn: () => void, ms: number): TimerId {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer = { id: this.#nextId++, due: this.#now + delay, fn };
    this.#timers.push(timer);
    return timer.id;
  }

  /** Cancels a pending timer; a no-op for an unknown or already-fired id. */
  clearTimeout(id: TimerId): void {
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  /** Set to simulate a runtime that may drop timers (Workers): see {@link dropPendingTimers}. */
  timersMayBeDropped = false;

  /** Forgets every pending timer without firing it, as Workers does when a request ends. */
  dropPendingTimers(): void {
    this.#timers = [];
  }

  /** The number of timers still pending. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let t = this.#takeDue(target); t; t = this.#takeDue(target)) {
      this.#now = t.due;
      t.fn();
    }
    this.#now = target;
  }

  /**
   * Like {@link advance}, but drains pending promise jobs before and after
   * each timer, so async work started by a timer settles at that instant.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (let t = this.#takeDue(target); t; t = this.#takeDue(target)) {
      this.#now = t.due;
      t.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Fires every pending timer (and those they schedule), moving time as needed. */
  async runAll(limit = 10_000): Promise<void> {
    for (let i = 0; i < limit && this.#timers.length > 0; i++) {
      const next = this.#timers.reduce((a, b) => (b.due < a.due ? b : a));
      await this.advanceAsync(next.due - this.#now);
    }
  }

  #takeDue(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.due <= target && (best === undefined || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    }
    if (best) this.#timers = this.#timers.filter((t) => t !== best);
    return best;
  }
}

/** Lets queued promise jobs (several generations deep) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
