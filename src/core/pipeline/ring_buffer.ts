/**
 * A FIFO ring buffer of events with a per-entry size, stored in parallel
 * arrays so enqueueing allocates nothing.
 *
 * @module
 */

/**
 * A growable FIFO ring buffer (power-of-two capacity, no `Array.shift`). Each
 * entry carries its estimated size in bytes (for the memory budget).
 *
 * @example
 * ```ts
 * import { RingBuffer } from "./ring_buffer.ts";
 * const ring = new RingBuffer<string>(4);
 * ring.push("a", 1);
 * ring.push("b", 1);
 * ring.shift(); // "a"
 * ring.length; // 1
 * ```
 */
export class RingBuffer<T> {
  #items: (T | undefined)[];
  #sizes: Float64Array;
  #mask: number;
  #head = 0;
  #length = 0;
  #bytes = 0;

  /**
   * Creates an empty buffer; it doubles its capacity whenever it fills.
   *
   * @param initialCapacity rounded up to a power of two (at least 2)
   */
  constructor(initialCapacity = 1024) {
    const capacity = powerOfTwoAtLeast(Math.max(2, initialCapacity));
    this.#items = new Array<T | undefined>(capacity);
    this.#sizes = new Float64Array(capacity);
    this.#mask = capacity - 1;
  }

  /** Entries held. */
  get length(): number {
    return this.#length;
  }

  /** The sum of the sizes of the entries held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends an entry, growing the buffer when it is full. */
  push(item: T, size: number): void {
    if (this.#length > this.#mask) this.#grow();
    const index = (this.#head + this.#length) & this.#mask;
    this.#items[index] = item;
    this.#sizes[index] = size;
    this.#length++;
    this.#bytes += size;
  }

  /** Removes and returns the oldest entry. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const index = this.#head;
    const item = this.#items[index];
    this.#items[index] = undefined;
    this.#bytes -= this.#sizes[index];
    this.#head = (index + 1) & this.#mask;
    this.#length--;
    if (this.#length === 0) this.#bytes = 0;
    return item;
  }

  /**
   * Moves up to `max` of the oldest entries into `items`, returning how many
   * were moved.
   */
  takeInto(max: number, items: T[]): number {
    const n = Math.min(max, this.#length);
    // Fields in locals for the loop (measured on Bun: private field reads per
    // item were 7 % of a shipping run's samples).
    const all = this.#items;
    const sizes = this.#sizes;
    const mask = this.#mask;
    let head = this.#head;
    let bytes = this.#bytes;
    for (let i = 0; i < n; i++) {
      items.push(all[head] as T);
      all[head] = undefined;
      bytes -= sizes[head];
      head = (head + 1) & mask;
    }
    this.#head = head;
    this.#length -= n;
    this.#bytes = this.#length === 0 ? 0 : bytes;
    return n;
  }

  sum(measure: (item: T) => number): number {
    let total = 0;
    for (let i = 0; i < this.#length; i++) total += measure(this.#items[(this.#head + i) & this.#mask] as T);
    return total;
  }

  /** Empties the buffer, returning how many entries were discarded. */
  clear(): number {
    const n = this.#length;
    while (this.#length > 0) this.shift();
    return n;
  }

  #grow(): void {
    const oldCapacity = this.#mask + 1;
    const capacity = oldCapacity * 2;
    const items = new Array<T | undefined>(capacity);
    const sizes = new Float64Array(capacity);
    for (let i = 0; i < this.#length; i++) {
      const from = (this.#head + i) & this.#mask;
      items[i] = this.#items[from];
      sizes[i] = this.#sizes[from];
    }
    this.#items = items;
    this.#sizes = sizes;
    this.#mask = capacity - 1;
    this.#head = 0;
  }
}

function powerOfTwoAtLeast(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}
