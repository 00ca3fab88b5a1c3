/**
 * `httpShippingSink` (internal, not re-exported from the package): what the
 * HTTP sinks (`otlpSink`, `seqSink`) share — an {@link HttpSender}, attaching
 * it to the runtime's scheduler, the request counters and `bytesWritten`,
 * skipping empty batches, and closing.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { RuntimeAdapter } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import type { HttpShippingStats } from "./http_error.ts";
import { HttpSender, type HttpTransportOptions } from "./http_sender.ts";

/**
 * A {@link Sink} that posts batches over HTTP, with request counters.
 *
 * @example
 * ```ts
 * import { httpShippingSink, type HttpShippingSink } from "./http_shipping_sink.ts";
 * const sink: HttpShippingSink = httpShippingSink({}, {
 *   name: "collector",
 *   url: "http://127.0.0.1:8080/ingest",
 *   send: async (batch, sender) => {
 *     await sender.post({ url: "http://127.0.0.1:8080/ingest", headers: {}, body: JSON.stringify(batch.length) });
 *   },
 * });
 * sink.stats.requests; // 0
 * ```
 */
export interface HttpShippingSink extends Sink {
  /** The endpoint requests go to. */
  readonly url: string;
  /** Request counters (a snapshot). */
  readonly stats: HttpShippingStats;
  /** Sends a batch; rejects when it could not be delivered. */
  emit(batch: readonly LogEvent[]): Promise<void>;
  /** Uses the runtime's scheduler for request timeouts and retry backoff. */
  attach(runtime: RuntimeAdapter): void;
  /** Aborts requests in flight and retry waits. */
  close(): Promise<void>;
}

/**
 * What one HTTP sink adds to {@link httpShippingSink}.
 *
 * @example
 * ```ts
 * import type { HttpShippingSinkSetup } from "./http_shipping_sink.ts";
 * const setup: HttpShippingSinkSetup = {
 *   name: "collector",
 *   url: "http://127.0.0.1:8080/ingest",
 *   send: async (batch, sender) => {
 *     await sender.post({ url: "http://127.0.0.1:8080/ingest", headers: {}, body: String(batch.length) });
 *   },
 * };
 * ```
 */
export interface HttpShippingSinkSetup {
  /** The sink's name in metrics, SelfLog and error messages. */
  readonly name: string;
  /** The endpoint requests go to. */
  readonly url: string;
  /** Sends a non-empty batch through `sender`; rejects when it could not be delivered. */
  send(batch: readonly LogEvent[], sender: HttpSender): Promise<void>;
  /** Called by `attach`, after the sender has taken the runtime's scheduler. */
  attach?(runtime: RuntimeAdapter): void;
}

/**
 * Builds an HTTP sink: creates the {@link HttpSender} from `options`, calls
 * `setup.send` for each non-empty batch, reports the sender's `bytesSent` as
 * `bytesWritten`, and closes the sender on `close`. The properties of `extra`
 * (getters included, not read) are added to the sink.
 *
 * @example
 * ```ts
 * import { httpShippingSink } from "./http_shipping_sink.ts";
 * let batches = 0;
 * const sink = httpShippingSink({ retry: { maxAttempts: 3 } }, {
 *   name: "collector",
 *   url: "http://127.0.0.1:8080/ingest",
 *   send: async (batch, sender) => {
 *     batches++;
 *     await sender.post({ url: "http://127.0.0.1:8080/ingest", headers: {}, body: JSON.stringify(batch.length) });
 *   },
 * }, {
 *   get batches(): number {
 *     return batches;
 *   },
 * });
 * sink.batches; // 0
 * ```
 */
export function httpShippingSink<Extra extends object = Record<never, never>>(
  options: HttpTransportOptions,
  setup: HttpShippingSinkSetup,
  extra?: Extra,
): HttpShippingSink & Extra {
  const sender = new HttpSender(options, setup.name);
  const sink: HttpShippingSink = {
    name: setup.name,
    url: setup.url,
    get stats(): HttpShippingStats {
      return sender.stats;
    },
    get bytesWritten(): number {
      return sender.stats.bytesSent;
    },
    attach(runtime: RuntimeAdapter): void {
      sender.attach(runtime.scheduler, runtime.fetch);
      setup.attach?.(runtime);
    },
    async emit(batch: readonly LogEvent[]): Promise<void> {
      if (batch.length === 0) return;
      await setup.send(batch, sender);
    },
    close(): Promise<void> {
      sender.close();
      return Promise.resolve();
    },
  };
  return Object.defineProperties(sink, Object.getOwnPropertyDescriptors(extra ?? {})) as HttpShippingSink & Extra;
}
