/**
 * Internal: Seq payloads written straight to UTF-8 by the formatter's batch
 * encoder (the CLEF one), for a batch with no oversize event. Saves building
 * one string per event, joining them and encoding the result (measured, 512
 * CLEF events: 394 → ~200 ns/event on Node).
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { BatchEncoder } from "../formatting/batch_encoder.ts";

const NEWLINE = 0x0a;

/**
 * The request bodies for `batch` (newline-delimited lines, each body at most
 * `payloadLimitBytes`) as views over one encoding (in `into`, or in a larger
 * buffer when it did not fit), or `undefined` when the string path must
 * decide: an event over `eventBodyLimitBytes`, or output that is not one line
 * per event. With `oneLinePerEvent` (the library's own CLEF formatter, which
 * escapes every newline inside a value), a batch that fits both limits whole
 * is one body without a scan for line ends (`indexOf` per line cost
 * ~100 ns/event on V8).
 *
 * @example
 * ```ts
 * import { encodeSeqPayloads } from "./seq_payload_bytes.ts";
 * import { batchEncoderOf } from "../formatting/batch_encoder.ts";
 * import { clefFormatter } from "../formatting/clef_formatter.ts";
 * const encoder = batchEncoderOf(clefFormatter())!;
 * encodeSeqPayloads([], encoder, new Uint8Array(1024), 1024, 4096); // []
 * ```
 */
export function encodeSeqPayloads(
  batch: readonly LogEvent[],
  encoder: BatchEncoder,
  into: Uint8Array,
  eventBodyLimitBytes: number,
  payloadLimitBytes: number,
  oneLinePerEvent: boolean = false,
): Uint8Array[] | undefined {
  if (batch.length === 0) return [];
  const bytes = encoder.encode(batch, 0, batch.length, into);
  if (
    oneLinePerEvent && bytes.length <= eventBodyLimitBytes && bytes.length <= payloadLimitBytes &&
    bytes[bytes.length - 1] === NEWLINE
  ) return [bytes];
  const payloads: Uint8Array[] = [];
  let payloadStart = 0;
  let lineStart = 0;
  for (let i = 0; i < batch.length; i++) {
    const end = bytes.indexOf(NEWLINE, lineStart);
    if (end < 0 || end - lineStart > eventBodyLimitBytes) return undefined;
    if (end + 1 - payloadStart > payloadLimitBytes) {
      payloads.push(bytes.subarray(payloadStart, lineStart));
      payloadStart = lineStart;
    }
    lineStart = end + 1;
  }
  if (lineStart !== bytes.length) return undefined;
  payloads.push(bytes.subarray(payloadStart, lineStart));
  return payloads;
}
