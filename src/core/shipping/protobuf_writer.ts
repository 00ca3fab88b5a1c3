/**
 * A minimal protocol-buffers (proto3 wire format) writer: varints,
 * length-delimited fields (strings, bytes, embedded messages), fixed64 and
 * double. Enough for OTLP; no runtime dependency.
 *
 * Embedded messages are written in one pass: the writer reserves one byte for
 * the length, writes the message, then moves it right if its length needs a
 * longer varint (a `copyWithin`, i.e. memmove), so no size pre-pass is needed.
 * The buffer grows by doubling and is reused across messages.
 *
 * @module
 */

const encoder = new TextEncoder();
const TWO_32 = 4_294_967_296;

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

/**
 * Writes protobuf fields into a growable, reusable buffer.
 *
 * @example
 * ```ts
 * import { ProtobufWriter } from "./protobuf_writer.ts";
 * const w = new ProtobufWriter();
 * const m = w.beginMessage(1); // field 1: an embedded message
 * w.string(1, "hi");
 * w.endMessage(m);
 * w.finish(); // Uint8Array [0x0a, 0x04, 0x0a, 0x02, 0x68, 0x69]
 * ```
 */
export class ProtobufWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  /** Allocates a buffer of `initialCapacity` bytes (at least 64); it doubles as needed. */
  constructor(initialCapacity: number = 4096) {
    this.#buf = new Uint8Array(Math.max(64, initialCapacity));
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written since the last {@link reset}. */
  get length(): number {
    return this.#pos;
  }

  /**
   * Forgets what was written; keeps the buffer, or writes into `into` from
   * now on (its owner's: see {@link ProtobufWriter.view}).
   */
  reset(into?: Uint8Array): void {
    this.#pos = 0;
    if (into !== undefined && into !== this.#buf) {
      this.#buf = into;
      this.#view = new DataView(into.buffer, into.byteOffset, into.byteLength);
    }
  }

  /**
   * The bytes written, as a view over the writer's buffer (no copy): valid
   * until the writer writes again, unless the next {@link reset} hands it
   * another buffer. The view's buffer may be larger than the one given to
   * `reset` (the writer grew it).
   */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }

  /** A copy of the bytes written; the writer is reset. */
  finish(): Uint8Array {
    const out = this.#buf.slice(0, this.#pos);
    this.#pos = 0;
    return out;
  }

  /** Writes a field tag (field number and wire type). */
  tag(field: number, wireType: number): void {
    this.varint32(field * 8 + wireType);
  }

  /** Writes an unsigned 32-bit varint (no tag). */
  varint32(value: number): void {
    if (this.#pos + 5 > this.#buf.length) this.#ensure(5);
    const buf = this.#buf;
    let v = value >>> 0;
    while (v > 0x7f) {
      buf[this.#pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.#pos++] = v;
  }

  /** A `uint32`/enum field (omitted when 0, as proto3 does). */
  uint32(field: number, value: number): void {
    if (value === 0) return;
    this.tag(field, VARINT);
    this.varint32(value);
  }

  /** A `bool` field, written even when false (for oneof members). */
  bool(field: number, value: boolean): void {
    this.tag(field, VARINT);
    if (this.#pos + 1 > this.#buf.length) this.#ensure(1);
    this.#buf[this.#pos++] = value ? 1 : 0;
  }

  /**
   * An `int64` field from a safe integer, written even when 0 (for oneof
   * members). Negative values take ten bytes (two's complement), as protobuf
   * requires.
   */
  int64(field: number, value: number): void {
    this.tag(field, VARINT);
    if (value >= 0 && value < 0x80000000) {
      this.varint32(value);
      return;
    }
    let lo: number;
    let hi: number;
    if (value >= 0) {
      lo = value % TWO_32;
      hi = Math.floor(value / TWO_32);
    } else {
      const magnitude = -value;
      lo = magnitude % TWO_32;
      hi = Math.floor(magnitude / TWO_32);
      // two's complement of the 64-bit magnitude
      lo = (~lo >>> 0) + 1;
      hi = ~hi >>> 0;
      if (lo === TWO_32) {
        lo = 0;
        hi = (hi + 1) >>> 0;
      }
    }
    this.#varint64(lo >>> 0, hi >>> 0);
  }

  /** A `double` field, written even when 0 (for oneof members). */
  double(field: number, value: number): void {
    this.tag(field, FIXED64);
    if (this.#pos + 8 > this.#buf.length) this.#ensure(8);
    this.#view.setFloat64(this.#pos, value, true);
    this.#pos += 8;
  }

  /** A `fixed64` field from its low and high 32-bit halves (omitted when 0). */
  fixed64(field: number, lo: number, hi: number): void {
    if (lo === 0 && hi === 0) return;
    this.tag(field, FIXED64);
    if (this.#pos + 8 > this.#buf.length) this.#ensure(8);
    this.#view.setUint32(this.#pos, lo >>> 0, true);
    this.#view.setUint32(this.#pos + 4, hi >>> 0, true);
    this.#pos += 8;
  }

  /** A `string` field, UTF-8 (omitted when empty unless `always`). */
  string(field: number, value: string, always: boolean = false): void {
    const n = value.length;
    if (n === 0 && !always) return;
    this.tag(field, LENGTH_DELIMITED);
    if (n < 0x80) {
      // Short ASCII (most keys and values): copy the code units; no encoder call.
      if (this.#pos + (1 + n) > this.#buf.length) this.#ensure(1 + n);
      const buf = this.#buf;
      const start = this.#pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      if (i === n) {
        buf[this.#pos] = n;
        this.#pos = start + n;
        return;
      }
    }
    // Worst case 3 bytes per UTF-16 unit; encode in place, then fix the length.
    const max = value.length * 3;
    const lengthBytes = varintSize(max);
    if (this.#pos + (lengthBytes + max) > this.#buf.length) this.#ensure(lengthBytes + max);
    const start = this.#pos + lengthBytes;
    const written = encoder.encodeInto(value, this.#buf.subarray(start)).written;
    this.#placeLength(this.#pos, lengthBytes, written);
  }

  /**
   * Appends bytes that are already protobuf (a field or fields encoded once
   * and reused, such as a constant attribute).
   *
   * @example
   * ```ts
   * import { ProtobufWriter } from "./protobuf_writer.ts";
   * const w = new ProtobufWriter();
   * w.raw(new Uint8Array([0x10, 0x09])); // severity_number = 9
   * ```
   */
  raw(encoded: Uint8Array): void {
    const n = encoded.length;
    if (this.#pos + n > this.#buf.length) this.#ensure(n);
    const buf = this.#buf;
    const p = this.#pos;
    if (n < 16) for (let i = 0; i < n; i++) buf[p + i] = encoded[i];
    else buf.set(encoded, p);
    this.#pos = p + n;
  }

  /**
   * A length-delimited field holding the first `length` bytes of `encoded`
   * (UTF-8 already), written even when empty: a `string` field from encoded
   * text, without a view over it.
   *
   * @example
   * ```ts
   * import { ProtobufWriter } from "./protobuf_writer.ts";
   * const w = new ProtobufWriter();
   * w.bytesField(1, new TextEncoder().encode("hi!"), 2); // as w.string(1, "hi", true)
   * ```
   */
  bytesField(field: number, encoded: Uint8Array, length: number): void {
    this.tag(field, LENGTH_DELIMITED);
    this.varint32(length);
    if (this.#pos + length > this.#buf.length) this.#ensure(length);
    const buf = this.#buf;
    const p = this.#pos;
    // A loop below 64 bytes: a view for `set` costs more than the copy (Bun:
    // `subarray` was 9 % of an OTLP shipping run's samples).
    if (length < 64) for (let i = 0; i < length; i++) buf[p + i] = encoded[i];
    else buf.set(length === encoded.length ? encoded : encoded.subarray(0, length), p);
    this.#pos = p + length;
  }

  /** A `bytes` field (omitted when empty). */
  bytes(field: number, value: Uint8Array): void {
    if (value.length === 0) return;
    this.tag(field, LENGTH_DELIMITED);
    this.varint32(value.length);
    if (this.#pos + value.length > this.#buf.length) this.#ensure(value.length);
    this.#buf.set(value, this.#pos);
    this.#pos += value.length;
  }

  /**
   * Starts an embedded message in `field`; returns a mark for
   * {@link endMessage}. Fields written in between belong to the message.
   * `reserve` bytes (1–3) are set aside for its length: a guess of its
   * varint's size (1: under 128 bytes, 2: under 16 KiB, 3: under 2 MiB).
   * A wrong guess costs one move of the content, a right one none.
   */
  beginMessage(field: number, reserve: 1 | 2 | 3 = 1): number {
    this.tag(field, LENGTH_DELIMITED);
    if (this.#pos + reserve > this.#buf.length) this.#ensure(reserve);
    const mark = this.#pos;
    this.#pos += reserve;
    return mark * 4 + reserve;
  }

  /** Ends the embedded message started at `mark`, writing its length. */
  endMessage(mark: number): void {
    const reserved = mark % 4;
    const at = (mark - reserved) / 4;
    this.#placeLength(at, reserved, this.#pos - at - reserved);
  }

  /**
   * The content of a length-delimited field starts `reserved` bytes after
   * `at` and is `length` bytes long: write the length varint at `at`, moving
   * the content if the varint is not `reserved` bytes long.
   */
  #placeLength(at: number, reserved: number, length: number): void {
    const needed = varintSize(length);
    const contentStart = at + reserved;
    if (needed !== reserved) {
      if (this.#pos + (needed - reserved) > this.#buf.length) this.#ensure(needed - reserved);
      this.#buf.copyWithin(at + needed, contentStart, contentStart + length);
    }
    const buf = this.#buf;
    let p = at;
    let v = length;
    while (v > 0x7f) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p] = v;
    this.#pos = at + needed + length;
  }

  #varint64(lo: number, hi: number): void {
    if (this.#pos + 10 > this.#buf.length) this.#ensure(10);
    const buf = this.#buf;
    while (hi !== 0 || lo > 0x7f) {
      buf[this.#pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[this.#pos++] = lo;
  }

  /** Grows the buffer to hold `extra` more bytes (callers test for room first: the test inlines, the call did not on JavaScriptCore). */
  #ensure(extra: number): void {
    const needed = this.#pos + extra;
    if (needed <= this.#buf.length) return;
    let size = Math.max(64, this.#buf.length * 2);
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}

/**
 * The number of bytes a non-negative 32-bit value takes as a varint.
 *
 * @example
 * ```ts
 * import { varintSize } from "./protobuf_writer.ts";
 * varintSize(127); // 1
 * varintSize(128); // 2
 * ```
 */
export function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}
