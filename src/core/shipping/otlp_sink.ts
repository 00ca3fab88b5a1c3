/**
 * `otlpSink`: OpenTelemetry logs over OTLP/HTTP (protobuf or JSON), through
 * `fetch`, on every runtime including Workers.
 *
 * @module
 */
import { nonEmptyString, oneOf, optionsObject, urlOption } from "../options/option_checks.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import type { RuntimeAdapter } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { checkHeaders } from "./http_headers.ts";
import type { HttpShippingStats } from "./http_error.ts";
import type { HttpSender, HttpTransportOptions } from "./http_sender.ts";
import { httpShippingSink } from "./http_shipping_sink.ts";
import { OtlpJsonEncoder } from "./otlp_json_events.ts";
import { OtlpProtobufEncoder } from "./otlp_protobuf.ts";
import { RequestBuffers } from "./request_buffers.ts";
import type { OtlpAttribute } from "./otlp_record.ts";

/**
 * Options of {@link otlpSink}.
 *
 * @example
 * ```ts
 * import type { OtlpSinkOptions } from "@logging/core";
 * const options: OtlpSinkOptions = {
 *   url: "http://localhost:4318",
 *   protocol: "protobuf",
 *   resource: { "service.name": "checkout", "deployment.environment.name": "prod" },
 *   headers: { authorization: "Bearer …" },
 * };
 * ```
 */
export interface OtlpSinkOptions extends HttpTransportOptions {
  /**
   * The collector: a base URL (`http://localhost:4318`, `/v1/logs` is
   * appended) or the full logs endpoint (a URL whose path ends in `/v1/logs`
   * is used as is).
   */
  url: string;
  /** `"protobuf"` (default, `application/x-protobuf`) or `"json"` (`application/json`). */
  protocol?: "json" | "protobuf";
  /** Resource attributes; `service.name` defaults to `"unknown_service"` as the OTel spec says. */
  resource?: Readonly<Record<string, LogValue>>;
  /** The scope name of events without a `scopeProperty`. Default `"@logging/core"`. */
  scopeName?: string;
  /** The instrumentation scope version. Default none. */
  scopeVersion?: string;
  /** A string property naming the event's instrumentation scope. Default `"SourceContext"`. */
  scopeProperty?: string;
  /** The sink's name in metrics and SelfLog. Default `"otlp"`. */
  name?: string;
}

/**
 * The sink {@link otlpSink} returns: a {@link Sink} with request counters.
 *
 * @example
 * ```ts
 * import { otlpSink } from "@logging/core";
 * const sink = otlpSink({ url: "http://localhost:4318" });
 * sink.stats.requests; // 0
 * ```
 */
export interface OtlpSink extends Sink {
  /** The logs endpoint requests go to. */
  readonly url: string;
  /** Request counters (a snapshot). */
  readonly stats: HttpShippingStats;
  /** Sends a batch; rejects when it could not be delivered. */
  emit(batch: readonly LogEvent[]): Promise<void>;
  /** Uses the runtime's scheduler for timeouts, backoff and `observedTimeUnixNano`. */
  attach(runtime: RuntimeAdapter): void;
  /** Aborts requests in flight and retry waits. */
  close(): Promise<void>;
}

/**
 * The logs endpoint for a collector URL: `/v1/logs` appended unless the path
 * already ends with it.
 *
 * @example
 * ```ts
 * import { otlpLogsUrl } from "./otlp_sink.ts";
 * otlpLogsUrl("http://localhost:4318/"); // "http://localhost:4318/v1/logs"
 * otlpLogsUrl("https://otel.example/custom/v1/logs"); // unchanged
 * ```
 */
export function otlpLogsUrl(url: string): string {
  const text = String(url);
  const query = text.search(/[?#]/);
  const base = query < 0 ? text : text.slice(0, query);
  const rest = query < 0 ? "" : text.slice(query);
  if (/\/v1\/logs\/?$/.test(base)) return text;
  return base.replace(/\/+$/, "") + "/v1/logs" + rest;
}

/**
 * Ships events to an OpenTelemetry collector (or any OTLP/HTTP logs
 * receiver). Each batch from the pipeline is one export request: a
 * `resourceLogs` with the configured resource, one `scopeLogs` per
 * instrumentation scope, and per event a log record with `timeUnixNano`,
 * `observedTimeUnixNano` (when the sink sent it), `severityNumber` and
 * `severityText`, `body` (the rendered message), attributes
 * (`message_template.text`, every property as a typed AnyValue,
 * `exception.*`), and `traceId`/`spanId` from `TraceId`/`SpanId` properties.
 * See `toOtlpRecord` for the mapping.
 *
 * Retries 408/429/5xx, network errors and timeouts with backoff and
 * `Retry-After`; gives up on other statuses. A batch given up on rejects
 * `emit`, so the pipeline counts it failed, trips the breaker and uses the
 * fallback. Put it behind a queue (the default) so callers never wait.
 *
 * A header containing CR, LF or NUL (or an invalid header name) is a
 * `TypeError` here, at creation, naming the header; credential values
 * (`authorization`, API keys, cookies) never appear in SelfLog or error
 * messages.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, otlpSink } from "@logging/core";
 * const log = new LoggerConfiguration()
 *   .writeTo(otlpSink({ url: "http://localhost:4318", resource: { "service.name": "checkout" } }), {
 *     circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 30_000 },
 *   })
 *   .createLogger();
 * log.information("Order {OrderId} placed", 1234);
 * ```
 */
export function otlpSink(options: OtlpSinkOptions): OtlpSink {
  optionsObject("otlpSink options", options);
  checkHeaders("otlpSink", options.headers);
  const name = nonEmptyString("otlpSink: name", options.name, "otlp");
  const url = otlpLogsUrl(urlOption("otlpSink: url", options.url));
  const json = oneOf("otlpSink: protocol", options.protocol, ["protobuf", "json"] as const, "protobuf") === "json";
  const headers: Record<string, string> = {
    ...options.headers,
    "content-type": json ? "application/json" : "application/x-protobuf",
  };
  const resource = resourceAttributes(options.resource);
  const scopeName = nonEmptyString("otlpSink: scopeName", options.scopeName, "@logging/core");
  const scopeVersion = options.scopeVersion === "" ? "" : nonEmptyString("otlpSink: scopeVersion", options.scopeVersion, "");
  const scopeProperty = nonEmptyString("otlpSink: scopeProperty", options.scopeProperty, "SourceContext");
  const protobuf = json ? undefined : new OtlpProtobufEncoder();
  const jsonEncoder = json ? new OtlpJsonEncoder() : undefined;
  const buffers = new RequestBuffers(1 << 16);
  let wallClock: () => number = () => Date.now();

  return httpShippingSink(options, {
    name,
    url,
    attach(runtime: RuntimeAdapter): void {
      wallClock = () => runtime.scheduler.wallClock();
    },
    async send(batch: readonly LogEvent[], sender: HttpSender): Promise<void> {
      const request = { resource, scopeName, scopeVersion, scopeProperty, observedAt: wallClock() };
      // Straight from the events into a buffer this send owns until its post
      // has succeeded (no copy of the body; never one buffer for two sends).
      const into = buffers.take();
      const body = protobuf !== undefined ? protobuf.encodeEvents(batch, request, into) : (jsonEncoder as OtlpJsonEncoder).encodeEvents(batch, request, into);
      const abandoned = sender.abandonedAttempts;
      const answer = await sender.post({ url, headers, body });
      // A client that timed out may still read the bytes: keep such a buffer out of reuse.
      if (sender.abandonedAttempts === abandoned) buffers.give(body);
      if (json) reportPartialSuccess(name, answer);
    },
  });
}

function resourceAttributes(resource: Readonly<Record<string, LogValue>> | undefined): OtlpAttribute[] {
  const attributes: OtlpAttribute[] = [];
  if (resource === undefined || resource === null || !Object.hasOwn(resource, "service.name")) {
    attributes.push({ key: "service.name", value: "unknown_service" });
  }
  if (resource !== undefined && resource !== null) {
    for (const key of Object.keys(resource)) attributes.push({ key, value: resource[key] });
  }
  return attributes;
}

/** A JSON export response may report records the collector rejected. */
function reportPartialSuccess(name: string, text: string): void {
  if (text.indexOf("partialSuccess") < 0) return;
  try {
    const parsed = JSON.parse(text) as { partialSuccess?: { rejectedLogRecords?: string | number; errorMessage?: string } };
    const partial = parsed.partialSuccess;
    const rejected = Number(partial?.rejectedLogRecords ?? 0);
    if (rejected > 0 || (partial?.errorMessage ?? "") !== "") {
      SelfLog.write(`Sink "${name}": the collector rejected ${rejected} log records: ${partial?.errorMessage ?? ""}`);
    }
  } catch {
    // not JSON: nothing to report
  }
}
