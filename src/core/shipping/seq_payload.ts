/**
 * Turning a batch into Seq CLEF payloads: the per-event body limit (oversize
 * events are replaced by a small placeholder event, never silently lost) and
 * the per-request payload limit (a batch is split into several requests).
 *
 * @module
 */
import type { Formatter } from "../formatting/formatter.ts";
import type { LogEvent } from "../events/log_event.ts";
import { utf8ByteLength } from "../formatting/utf8_length.ts";
import { parseTemplate } from "../template/parse_template.ts";

/** The sample of an oversize event kept in its placeholder, in characters: tried in turn until it fits. */
const SAMPLE_SIZES = [1024, 256, 0];

const PLACEHOLDER = parseTemplate(
  "Event JSON of {EventBodyBytes} bytes exceeded the {EventBodyLimitBytes}-byte body limit and was replaced; template: {OriginalTemplate}",
);

/**
 * The payloads for one batch.
 *
 * @example
 * ```ts
 * import type { SeqPayloads } from "./seq_payload.ts";
 * const none: SeqPayloads = { payloads: [], replaced: 0, dropped: 0 };
 * ```
 */
export interface SeqPayloads {
  /** Request bodies, each at most the payload limit (newline-delimited CLEF). */
  readonly payloads: string[];
  /** Oversize events replaced by a placeholder event. */
  readonly replaced: number;
  /** Events whose placeholder was still too large (a tiny limit): dropped. */
  readonly dropped: number;
}

/**
 * The placeholder for an event whose JSON is too large: same time and level,
 * a message with the original size, the limit, the original template and the
 * first `sampleChars` characters of its JSON as `EventBodySample`.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { oversizePlaceholder } from "./seq_payload.ts";
 * const big = { timestamp: 0, level: "information" as const, template: parseTemplate("{Blob}"), properties: { Blob: "x".repeat(300_000) } };
 * oversizePlaceholder(big, 300_060, 262_144, "{…").properties.EventBodyBytes; // 300060
 * ```
 */
export function oversizePlaceholder(
  event: LogEvent,
  bytes: number,
  limit: number,
  line: string,
  sampleChars: number = 1024,
): LogEvent {
  return {
    timestamp: event.timestamp,
    level: event.level,
    template: PLACEHOLDER,
    properties: {
      EventBodyBytes: bytes,
      EventBodyLimitBytes: limit,
      OriginalTemplate: event.template.text.slice(0, Math.max(sampleChars, 64)),
      EventBodySample: line.slice(0, sampleChars),
    },
  };
}

/**
 * Formats a batch into payloads: each event one line; a line longer than
 * `eventBodyLimitBytes` (UTF-8, newline excluded) is replaced by
 * {@link oversizePlaceholder}; lines are packed into payloads of at most
 * `payloadLimitBytes`.
 *
 * @example
 * ```ts
 * import { clefFormatter, parseTemplate } from "@logging/core";
 * import { buildSeqPayloads } from "./seq_payload.ts";
 * const e = { timestamp: 0, level: "information" as const, template: parseTemplate("hi"), properties: {} };
 * buildSeqPayloads([e, e], clefFormatter(), 1024, 100).payloads.length; // 2: one line per payload
 * ```
 */
export function buildSeqPayloads(
  batch: readonly LogEvent[],
  formatter: Formatter,
  eventBodyLimitBytes: number,
  payloadLimitBytes: number,
): SeqPayloads {
  const payloads: string[] = [];
  let replaced = 0;
  let dropped = 0;
  let current = "";
  let currentBytes = 0;
  for (let i = 0; i < batch.length; i++) {
    let line = withNewline(formatter.format(batch[i]));
    let bytes = utf8ByteLength(line);
    if (bytes - 1 > eventBodyLimitBytes) {
      const original = line;
      const originalBytes = bytes - 1;
      // Smaller samples until the placeholder fits (a tight limit).
      for (const sample of SAMPLE_SIZES) {
        line = withNewline(formatter.format(oversizePlaceholder(batch[i], originalBytes, eventBodyLimitBytes, original, sample)));
        bytes = utf8ByteLength(line);
        if (bytes - 1 <= eventBodyLimitBytes) break;
      }
      if (bytes - 1 > eventBodyLimitBytes || bytes > payloadLimitBytes) {
        dropped++;
        continue;
      }
      replaced++;
    }
    if (currentBytes + bytes > payloadLimitBytes && currentBytes > 0) {
      payloads.push(current);
      current = "";
      currentBytes = 0;
    }
    current += line;
    currentBytes += bytes;
  }
  if (currentBytes > 0) payloads.push(current);
  return { payloads, replaced, dropped };
}

function withNewline(line: string): string {
  return line.endsWith("\n") ? line : line + "\n";
}
