/**
 * Internal (not exported from the package): how sinks that write bytes find a
 * formatter's batch encoding (its own `Formatter.encodeBatch`), and the
 * growable UTF-8 writer the encoders use.
 *
 * Why encode batches at all: a batch built as one string is a rope of ~12
 * pieces per event, and flattening it before encoding costs more than the
 * encoding itself (measured, 512 CLEF events of ~150 B: format + flatten +
 * encode 400 → 290 ns/event on Node 24, 335 → 238 on Deno 2.9, 394 → 248 on
 * Bun 1.4).
 *
 * @module
 */
import type { Formatter } from "./formatter.ts";
import type { LogEvent } from "../events/log_event.ts";
import { jsonNumber, jsonString } from "./json_text.ts";

/**
 * Writes events as their formatter's text would be, UTF-8 encoded (the shape
 * of `Formatter.encodeBatch`, as an object).
 *
 * @example
 * ```ts
 * import { batchEncoderOf } from "./batch_encoder.ts";
 * import { clefFormatter } from "./clef_formatter.ts";
 * const encoder = batchEncoderOf(clefFormatter());
 * ```
 */
export interface BatchEncoder {
  /**
   * The UTF-8 of `format(events[i])` for `start ≤ i < end`, concatenated:
   * a view of `into` when it has room, otherwise of a new, larger array.
   */
  encode(events: readonly LogEvent[], start: number, end: number, into: Uint8Array): Uint8Array;
}

/**
 * The formatter's own batch encoding (`formatter.encodeBatch`), if it has one.
 *
 * @example
 * ```ts
 * import { batchEncoderOf } from "./batch_encoder.ts";
 * batchEncoderOf({ format: (e) => e.template.text + "\n" }); // undefined
 * ```
 */
export function batchEncoderOf(formatter: Formatter): BatchEncoder | undefined {
  const encodeBatch = formatter.encodeBatch;
  if (typeof encodeBatch !== "function") return undefined;
  return { encode: (events, start, end, into) => encodeBatch.call(formatter, events, start, end, into) };
}

/**
 * `text` as UTF-8 in `into` when it surely fits (a view of it), else in a new
 * array: the batch encoding of formatters that build text.
 *
 * @example
 * ```ts
 * import { encodeTextInto } from "./batch_encoder.ts";
 * encodeTextInto("héllo", new Uint8Array(64)).length; // 6
 * ```
 */
export function encodeTextInto(text: string, into: Uint8Array): Uint8Array {
  if (text.length * 3 <= into.length) return into.subarray(0, encoder.encodeInto(text, into).written);
  return encoder.encode(text);
}

const encoder = new TextEncoder();
/** Strings longer than this go to `encodeInto` rather than the per-character loop. */
const LOOP_LIMIT = 48;
/** Constants shorter than this are copied by a loop rather than `Uint8Array.set`. */
const SET_LIMIT = 24;
/** Strings up to this many UTF-16 units are escaped in place by `jsonString` (longer ones by JSON.stringify, which is faster at length). */
const ESCAPE_LIMIT = 256;
/** The one-letter escapes JSON.stringify uses for control characters (0 where it writes \u00XX). */
const SHORT_ESCAPES = new Uint8Array(0x20);
SHORT_ESCAPES[0x08] = 0x62; // \b
SHORT_ESCAPES[0x09] = 0x74; // \t
SHORT_ESCAPES[0x0a] = 0x6e; // \n
SHORT_ESCAPES[0x0c] = 0x66; // \f
SHORT_ESCAPES[0x0d] = 0x72; // \r
const HEX = new Uint8Array([0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]);
const MAX_SAFE = 9007199254740992; // 2^53: integers below print without an exponent

/**
 * A growable byte buffer that appends UTF-8, starting in a caller's buffer.
 *
 * @example
 * ```ts
 * import { Utf8Writer } from "./batch_encoder.ts";
 * const w = new Utf8Writer(new Uint8Array(16));
 * w.text("héllo");
 * w.view().length; // 6
 * ```
 */
export class Utf8Writer {
  /** The buffer being written (replaced by a larger one when full). */
  buf: Uint8Array;
  /** Bytes written so far. */
  pos = 0;

  /** Starts writing at the beginning of `into`. */
  constructor(into: Uint8Array) {
    this.buf = into;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > this.buf.length) this.#grow(n);
  }

  /** Appends bytes (pre-encoded constants). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.#grow(n);
    const buf = this.buf;
    const p = this.pos;
    if (n < SET_LIMIT) for (let i = 0; i < n; i++) buf[p + i] = b[i];
    else buf.set(b, p);
    this.pos = p + n;
  }

  /** Appends one byte. */
  byte(b: number): void {
    if (this.pos + 1 > this.buf.length) this.#grow(1);
    this.buf[this.pos++] = b;
  }

  /** Appends the UTF-8 of `s` (as `TextEncoder` encodes it). */
  text(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.buf.length) this.#grow(n * 3);
    if (n > LOOP_LIMIT) {
      this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p + encoder.encodeInto(i === 0 ? s : s.slice(i), buf.subarray(p)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /**
   * Appends `jsonNumber(v)`. Integers and decimals of up to six places below
   * 2^31 are written digit by digit, which is what `String(v)` gives for them
   * (the shortest decimal that reads back as `v`); anything else goes through
   * `jsonNumber`. Measured: −37 ns/event on Node 24 for an int and a decimal,
   * whose double-to-string conversion is the single largest formatting cost.
   */
  number(v: number): void {
    if (this.pos + 24 > this.buf.length) this.#grow(24);
    if (v === 0) { // 0 and -0
      this.buf[this.pos++] = 0x30;
      return;
    }
    const a = v < 0 ? -v : v;
    if (a < MAX_SAFE && Math.floor(a) === a) {
      if (v < 0) this.buf[this.pos++] = 0x2d;
      this.#digits(a);
      return;
    }
    if (a < 2147483648 && a >= 1e-6) {
      // A decimal of k ≤ 6 places m·10^-k that reads back as v exists exactly
      // when M = round(v·10^6) does (M = m·10^(6-k), and the quotient M / 10^6
      // is the correctly rounded m / 10^k); the fewest places are then M's
      // fraction without its trailing zeros. For |v| < 2^31 the doubles are
      // < 10^-6 apart, so it is also the only decimal with that many places.
      // One multiply and one divide decide it (a loop over k cost up to six).
      const scaled = Math.round(a * 1e6);
      if (scaled / 1e6 === a) {
        let whole = Math.floor(scaled / 1e6);
        let fraction = scaled - whole * 1e6;
        if (fraction < 0) {
          whole -= 1;
          fraction += 1e6;
        } else if (fraction >= 1e6) {
          whole += 1;
          fraction -= 1e6;
        }
        let f = fraction | 0; // < 10^6, > 0: a is not an integer
        let k = 6;
        while (f % 10 === 0) {
          f = (f / 10) | 0;
          k--;
        }
        const buf = this.buf;
        if (v < 0) buf[this.pos++] = 0x2d;
        this.#digits(whole);
        buf[this.pos++] = 0x2e;
        for (let j = this.pos + k - 1; j >= this.pos; j--) {
          const q = (f / 10) | 0;
          buf[j] = 0x30 + f - q * 10;
          f = q;
        }
        this.pos += k;
        return;
      }
    }
    this.text(jsonNumber(v));
  }

  /** Writes a non-negative safe integer in decimal. */
  #digits(u: number): void {
    if (u < 2147483648) {
      // Int32 arithmetic (measured: the float path below costs about twice as much on V8).
      let v = u | 0;
      const count = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
      const buf = this.buf;
      let p = this.pos + count - 1;
      while (v >= 10) {
        const q = (v / 10) | 0;
        buf[p--] = 0x30 + v - q * 10;
        v = q;
      }
      buf[p] = 0x30 + v;
      this.pos += count;
      return;
    }
    let count = 1;
    for (let t = 10; t <= u && count < 16; t *= 10) count++;
    const buf = this.buf;
    let p = this.pos + count - 1;
    while (u >= 10) {
      const q = Math.floor(u / 10);
      buf[p--] = 0x30 + (u - q * 10);
      u = q;
    }
    buf[p] = 0x30 + u;
    this.pos += count;
  }

  /**
   * Appends the first `length` bytes of `utf8` (text already encoded) as a
   * quoted JSON string literal, escaped as `jsonString` escapes the text they
   * encode (`"`, `\\` and control characters; other bytes as they are). Text
   * with lone surrogates cannot be given: the encoder replaced them.
   *
   * @example
   * ```ts
   * import { Utf8Writer } from "./batch_encoder.ts";
   * const w = new Utf8Writer(new Uint8Array(16));
   * w.jsonUtf8(new TextEncoder().encode('say "hi"'), 8); // "say \"hi\""
   * ```
   */
  jsonUtf8(utf8: Uint8Array, length: number): void {
    if (this.pos + length * 6 + 2 > this.buf.length) this.#grow(length * 6 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < length; i++) {
      const c = utf8[i];
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
        buf[p++] = c;
        continue;
      }
      buf[p++] = 0x5c;
      const short = c === 0x22 || c === 0x5c ? c : SHORT_ESCAPES[c];
      if (short !== 0) {
        buf[p++] = short;
        continue;
      }
      buf[p++] = 0x75;
      buf[p++] = 0x30;
      buf[p++] = 0x30;
      buf[p++] = HEX[c >> 4];
      buf[p++] = HEX[c & 15];
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /**
   * Appends `jsonString(s)`: a quoted, escaped JSON string literal. ASCII is
   * escaped in place (`"`, `\\`, control characters as `JSON.stringify`
   * writes them), up to 256 units; anything else (non-ASCII,
   * longer) through `jsonString` and the encoder.
   */
  jsonString(s: string): void {
    const n = s.length;
    if (n <= ESCAPE_LIMIT) {
      // At most 6 bytes per unit (\u00XX) plus the quotes.
      if (this.pos + n * 6 + 2 > this.buf.length) this.#grow(n * 6 + 2);
      const buf = this.buf;
      const start = this.pos;
      let p = start + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
          if (c >= 0x80) break;
          buf[p++] = c;
          continue;
        }
        buf[p++] = 0x5c; // backslash
        const short = c === 0x22 || c === 0x5c ? c : SHORT_ESCAPES[c];
        if (short !== 0) {
          buf[p++] = short;
          continue;
        }
        buf[p++] = 0x75; // u00XX, lowercase hex as JSON.stringify writes it
        buf[p++] = 0x30;
        buf[p++] = 0x30;
        buf[p++] = HEX[c >> 4];
        buf[p++] = HEX[c & 15];
      }
      if (i === n) {
        buf[start] = 0x22;
        buf[p] = 0x22;
        this.pos = p + 1;
        return;
      }
    }
    this.text(jsonString(s));
  }

  /** The bytes written so far. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  #grow(n: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n, 1 << 14));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}
