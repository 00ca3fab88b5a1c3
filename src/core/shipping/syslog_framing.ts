/**
 * Byte-level helpers of the syslog sink: UTF-8 truncation at a character
 * boundary and RFC 6587 octet-counting frames.
 *
 * @module
 */

const encoder = new TextEncoder();
const SPACE = 0x20;

/**
 * Cuts UTF-8 bytes to at most `max` bytes without splitting a character.
 *
 * @example
 * ```ts
 * import { truncateUtf8 } from "./syslog_framing.ts";
 * truncateUtf8(new TextEncoder().encode("héllo"), 2).length; // 1: "é" does not fit
 * ```
 */
export function truncateUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = Math.max(0, max);
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * Concatenates messages as RFC 6587 octet-counted frames: `LEN SP MSG` each,
 * LEN the decimal byte length of MSG.
 *
 * @example
 * ```ts
 * import { octetCountedFrames } from "./syslog_framing.ts";
 * new TextDecoder().decode(octetCountedFrames([new TextEncoder().encode("<14>1 - - - - - - hi")])); // "20 <14>1 - - - - - - hi"
 * ```
 */
export function octetCountedFrames(messages: readonly Uint8Array[]): Uint8Array {
  const prefixes: Uint8Array[] = [];
  let total = 0;
  for (const m of messages) {
    const prefix = encoder.encode(String(m.length));
    prefixes.push(prefix);
    total += prefix.length + 1 + m.length;
  }
  const out = new Uint8Array(total);
  let pos = 0;
  for (let i = 0; i < messages.length; i++) {
    out.set(prefixes[i], pos);
    pos += prefixes[i].length;
    out[pos++] = SPACE;
    out.set(messages[i], pos);
    pos += messages[i].length;
  }
  return out;
}
