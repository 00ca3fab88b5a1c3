/**
 * A sink's queue: a ring buffer with a length bound and its overflow policy,
 * and a byte budget. It decides what to evict; the pipeline counts it.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { DropReason } from "../metrics/sink_metrics.ts";
import { RingBuffer } from "./ring_buffer.ts";
import type { OverflowPolicy } from "./sink_options.ts";

/** With `block`, how far past `maxSize` the queue may grow before it drops. */
const BLOCK_HEADROOM = 2;

/**
 * The bounds of a {@link BoundedQueue}.
 *
 * @example
 * ```ts
 * import type { QueueBounds } from "./bounded_queue.ts";
 * const bounds: QueueBounds = { maxSize: 10_000, overflow: "drop-oldest", memoryLimitBytes: 8 << 20 };
 * ```
 */
export interface QueueBounds {
  /** Events held before the overflow policy applies. */
  readonly maxSize: number;
  /** What happens beyond `maxSize`. */
  readonly overflow: OverflowPolicy;
  /** Estimated bytes held before the oldest events are evicted; 0 for no budget. */
  readonly memoryLimitBytes: number;
}

/**
 * A bounded FIFO of events with their estimated sizes.
 * `offer` never throws and never grows the queue past its bounds: it evicts
 * the oldest (`drop-oldest`, and the byte budget) or refuses the new event
 * (`drop-newest`, `block` past its headroom), telling `evicted` about queued
 * events it let go.
 *
 * @example
 * ```ts
 * import { BoundedQueue } from "./bounded_queue.ts";
 * const evictions: string[] = [];
 * const q = new BoundedQueue({ maxSize: 1, overflow: "drop-oldest", memoryLimitBytes: 0 }, (reason, n) => evictions.push(`${reason}:${n}`));
 * const event = { timestamp: 0, level: "information" as const, template: { text: "", tokens: [], propertyNames: [], propertyHints: [], positional: false }, properties: {} };
 * q.offer(event, 0);
 * q.offer(event, 0); // evictions: ["queueFull:1"]
 * ```
 */
export class BoundedQueue {
  /** Whether `offer` needs each event's size (there is a byte budget). */
  readonly needsSize: boolean;
  readonly #ring: RingBuffer<LogEvent>;
  readonly #maxSize: number;
  readonly #hardLimit: number;
  readonly #dropOldest: boolean;
  readonly #memoryLimit: number;
  readonly #evicted: (reason: DropReason, count: number) => void;

  /** An empty queue within `bounds`; `evicted` hears of each eviction of queued events. */
  constructor(bounds: QueueBounds, evicted: (reason: DropReason, count: number) => void) {
    this.#maxSize = bounds.maxSize;
    this.#dropOldest = bounds.overflow === "drop-oldest";
    this.#hardLimit = bounds.overflow === "block" ? bounds.maxSize * BLOCK_HEADROOM : bounds.maxSize;
    this.#memoryLimit = bounds.memoryLimitBytes;
    this.needsSize = bounds.memoryLimitBytes > 0;
    this.#ring = new RingBuffer<LogEvent>(Math.min(bounds.maxSize, 1024));
    this.#evicted = evicted;
  }

  /** Events waiting. */
  get length(): number {
    return this.#ring.length;
  }

  /** Estimated bytes waiting (0 without a byte budget: sizes are not taken then). */
  get bytes(): number {
    return this.#ring.bytes;
  }

  /** Whether there is room below `maxSize` (what `block` producers wait for). */
  get hasRoom(): boolean {
    return this.#ring.length < this.#maxSize;
  }

  /**
   * Adds an event (with its estimated size); returns false
   * when the policy refused it (the caller counts that drop).
   */
  offer(event: LogEvent, size: number): boolean {
    const ring = this.#ring;
    if (ring.length >= this.#maxSize) {
      if (this.#dropOldest) {
        ring.shift();
        this.#evicted("queueFull", 1);
      } else if (ring.length >= this.#hardLimit || this.#hardLimit === this.#maxSize) {
        return false;
      }
    }
    ring.push(event, size);
    if (this.#memoryLimit > 0 && ring.bytes > this.#memoryLimit) this.#trimToBudget();
    return true;
  }

  /** Moves up to `max` of the oldest events into `events`. */
  take(max: number, events: LogEvent[]): number {
    return this.#ring.takeInto(max, events);
  }

  /** Empties the queue; returns how many events it held. */
  clear(): number {
    return this.#ring.clear();
  }

  /** Sums `measure` over the queued events (for a gauge, when sizes were not taken). */
  sum(measure: (event: LogEvent) => number): number {
    return this.#ring.sum(measure);
  }

  #trimToBudget(): void {
    const ring = this.#ring;
    let trimmed = 0;
    while (ring.length > 0 && ring.bytes > this.#memoryLimit) {
      ring.shift();
      trimmed++;
    }
    if (trimmed > 0) this.#evicted("memoryLimit", trimmed);
  }
}
