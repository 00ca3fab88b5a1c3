/**
 * Encoding buffers for HTTP request bodies, reused without copying.
 *
 * @module
 */

/**
 * One spare buffer for request bodies: a send takes it (or a fresh one while
 * another send holds it), encodes its batch into it, posts views over it, and
 * gives it back once every post has succeeded. Nothing is copied, and no two
 * sends write into one buffer (a batch given up by a write timeout may still
 * be posting when the next one is encoded). A send that fails, or whose
 * posts had an attempt abandoned (`HttpSender.abandonedAttempts`), keeps its
 * buffer out of reuse: an HTTP client could still read it.
 *
 * @example
 * ```ts
 * import { RequestBuffers } from "./request_buffers.ts";
 * const buffers = new RequestBuffers(1 << 16);
 * const buffer = buffers.take();
 * // … encode into buffer, post views over it …
 * buffers.give(buffer);
 * ```
 */
export class RequestBuffers {
  readonly #initialSize: number;
  readonly #maxKept: number;
  #spare: Uint8Array | undefined;

  /** Buffers start at `initialSize` bytes; one larger than `maxKept` is not kept. */
  constructor(initialSize: number, maxKept: number = 16 << 20) {
    this.#initialSize = initialSize;
    this.#maxKept = maxKept;
  }

  /** The spare buffer, or a new one when it is in use. */
  take(): Uint8Array {
    const spare = this.#spare;
    this.#spare = undefined;
    return spare ?? new Uint8Array(this.#initialSize);
  }

  /** Returns the whole buffer under `bytes` (a buffer an encoder grew into counts) for the next send. */
  give(bytes: Uint8Array): void {
    if (bytes.buffer.byteLength <= this.#maxKept) this.#spare = new Uint8Array(bytes.buffer, 0, bytes.buffer.byteLength);
  }
}
