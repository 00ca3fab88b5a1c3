/**
 * `seqSink`: CLEF batches to Seq's ingestion endpoint over `fetch`.
 *
 * @module
 */
import { formatterOption, integerAtLeast, nonEmptyString, optionsObject, positiveInteger, urlOption } from "../options/option_checks.ts";
import type { Formatter } from "../formatting/formatter.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { RuntimeAdapter } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { clefFormatter } from "../formatting/clef_formatter.ts";
import type { HttpShippingStats } from "./http_error.ts";
import type { HttpSender, HttpTransportOptions } from "./http_sender.ts";
import { httpShippingSink } from "./http_shipping_sink.ts";
import { checkHeaders, checkHeaderValue } from "./http_headers.ts";
import { buildSeqPayloads } from "./seq_payload.ts";
import { encodeSeqPayloads } from "./seq_payload_bytes.ts";
import { RequestBuffers } from "./request_buffers.ts";
import { batchEncoderOf } from "../formatting/batch_encoder.ts";

/**
 * Options of {@link seqSink}.
 *
 * @example
 * ```ts
 * import type { SeqSinkOptions } from "@logging/core";
 * const options: SeqSinkOptions = { url: "http://localhost:5341", apiKey: "…", eventBodyLimitBytes: 256 * 1024 };
 * ```
 */
export interface SeqSinkOptions extends HttpTransportOptions {
  /** The Seq server (`http://localhost:5341`); `/ingest/clef` is appended unless present. */
  url: string;
  /** Sent as `X-Seq-ApiKey`. */
  apiKey?: string;
  /**
   * The largest event (its CLEF JSON, UTF-8 bytes) sent as is; larger ones are
   * replaced by a placeholder event. Default 256 KiB, Seq's default limit.
   */
  eventBodyLimitBytes?: number;
  /** The largest request body; a batch above it is split. Default 5 MiB (under Seq's 10 MB default). */
  payloadLimitBytes?: number;
  /** Default `clefFormatter()`. Must write one JSON object per line. */
  formatter?: Formatter;
  /** The sink's name in metrics and SelfLog. Default `"seq"`. */
  name?: string;
}

/**
 * The sink {@link seqSink} returns: a {@link Sink} with request counters and
 * the count of replaced oversize events.
 *
 * @example
 * ```ts
 * import { seqSink } from "@logging/core";
 * const sink = seqSink({ url: "http://localhost:5341" });
 * sink.replacedEvents; // 0
 * ```
 */
export interface SeqSink extends Sink {
  /** The ingestion endpoint. */
  readonly url: string;
  /** Request counters (a snapshot). */
  readonly stats: HttpShippingStats;
  /** Oversize events sent as placeholders so far. */
  readonly replacedEvents: number;
  /** Events dropped because even their placeholder exceeded the limits. */
  readonly droppedEvents: number;
  /** Sends a batch; rejects when it could not be delivered. */
  emit(batch: readonly LogEvent[]): Promise<void>;
  /** Uses the runtime's scheduler for request timeouts and retry backoff. */
  attach(runtime: RuntimeAdapter): void;
  /** Aborts requests in flight and retry waits. */
  close(): Promise<void>;
}

/**
 * The CLEF ingestion endpoint of a Seq server URL.
 *
 * @example
 * ```ts
 * import { seqIngestUrl } from "./seq_sink.ts";
 * seqIngestUrl("http://localhost:5341/"); // "http://localhost:5341/ingest/clef"
 * ```
 */
export function seqIngestUrl(url: string): string {
  const text = String(url);
  if (/\/ingest\/clef\/?(?:[?#].*)?$/.test(text)) return text;
  return text.replace(/\/+$/, "") + "/ingest/clef";
}

/**
 * Ships events to Seq as CLEF (`application/vnd.serilog.clef`, one JSON event
 * per line) — the format of `clefFormatter()`. Each pipeline batch is posted
 * as one request, split into several when it passes `payloadLimitBytes`;
 * events over `eventBodyLimitBytes` are replaced by a placeholder event (same
 * time and level, the original size, template and the start of its JSON) and
 * counted in `replacedEvents` and `SelfLog`.
 *
 * Retries 408/429/5xx, network errors and timeouts with backoff and
 * `Retry-After`. If a request is given up on, `emit` rejects (the parts of
 * the batch sent before it stay delivered) and the pipeline counts the batch
 * failed.
 *
 * A header or `apiKey` containing CR, LF or NUL is a `TypeError` here, at
 * creation, naming the option; credential values never appear in SelfLog or
 * error messages.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, seqSink } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .writeTo(seqSink({ url: "http://localhost:5341", apiKey: "abc123" }), { circuitBreaker: true })
 *   .createLogger();
 * log.information("Order {OrderId} placed", 1234);
 * ```
 */
export function seqSink(options: SeqSinkOptions): SeqSink {
  optionsObject("seqSink options", options);
  checkHeaders("seqSink", options.headers);
  if (options.apiKey !== undefined && options.apiKey !== "") checkHeaderValue("seqSink", "apiKey", options.apiKey);
  const name = nonEmptyString("seqSink: name", options.name, "seq");
  const url = seqIngestUrl(urlOption("seqSink: url", options.url));
  const formatter = formatterOption("seqSink: formatter", options.formatter, () => clefFormatter());
  const ownFormatter = options.formatter === undefined;
  const payloadLimit = integerAtLeast("seqSink: payloadLimitBytes", options.payloadLimitBytes, 2, 5 * 1024 * 1024);
  const eventLimit = Math.min(positiveInteger("seqSink: eventBodyLimitBytes", options.eventBodyLimitBytes, 256 * 1024), payloadLimit - 1);
  const headers: Record<string, string> = { ...options.headers, "content-type": "application/vnd.serilog.clef" };
  if (typeof options.apiKey === "string" && options.apiKey !== "") headers["x-seq-apikey"] = options.apiKey;
  let replacedEvents = 0;
  let droppedEvents = 0;
  const encoder = batchEncoderOf(formatter);
  const buffers = new RequestBuffers(1 << 16);

  return httpShippingSink(options, {
    name,
    url,
    async send(batch: readonly LogEvent[], sender: HttpSender): Promise<void> {
      // Straight to bytes when the formatter can and no event is oversize; else the string path decides.
      if (encoder !== undefined) {
        const buffer = buffers.take();
        const bodies = encodeSeqPayloads(batch, encoder, buffer, eventLimit, payloadLimit, ownFormatter);
        if (bodies !== undefined) {
          const abandoned = sender.abandonedAttempts;
          for (const body of bodies) await sender.post({ url, headers, body });
          // A client that timed out may still read the bytes: keep such a buffer out of reuse.
          if (bodies.length > 0 && sender.abandonedAttempts === abandoned) buffers.give(bodies[0]);
          return;
        }
        buffers.give(buffer);
      }
      const { payloads, replaced, dropped } = buildSeqPayloads(batch, formatter, eventLimit, payloadLimit);
      if (replaced > 0 || dropped > 0) {
        replacedEvents += replaced;
        droppedEvents += dropped;
        SelfLog.write(
          `Sink "${name}": ${replaced + dropped} events exceeded the ${eventLimit}-byte event body limit; ` +
            `${replaced} sent as placeholders, ${dropped} dropped`,
        );
      }
      for (const body of payloads) await sender.post({ url, headers, body });
    },
  }, {
    get replacedEvents(): number {
      return replacedEvents;
    },
    get droppedEvents(): number {
      return droppedEvents;
    },
    get discardedEvents(): number {
      return droppedEvents;
    },
  });
}
