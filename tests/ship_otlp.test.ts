/**
 * otlpSink against a loopback OTLP/HTTP receiver: protobuf bodies decoded with
 * the official schema (opentelemetry-proto, via @opentelemetry/otlp-transformer),
 * JSON bodies checked against the OTLP JSON mapping, and the fault cases
 * (503 then 200, 400, a hanging server) through the real pipeline with a
 * ManualScheduler driving retries and timeouts.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, type LogEvent, parseTemplate, SelfLog } from "../mod.ts";
import { otlpSink } from "../src/core/shipping/otlp_sink.ts";
import { manualRuntime } from "./_helpers/clock.ts";
import { type LoopbackServer, startLoopbackServer, until } from "./_helpers/loopback_http.ts";
import { recordingFetch } from "./_helpers/recording_fetch.ts";
import { attributeMap, decodeOtlpLogs, type ExportLogsObject, otlpSchemaMissing } from "./_helpers/loopback_otlp.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 123);
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

function events(): LogEvent[] {
  return [
    {
      timestamp: T0,
      level: "information",
      template: parseTemplate("User {UserId} logged in from {@Client}"),
      properties: {
        UserId: 42,
        Client: { ip: "10.0.0.1", ports: [80, 443], secure: true },
        Ratio: 0.25,
        Flag: false,
        Nothing: null,
        Big: 2 ** 60,
        Neg: -5,
        Name: "Ada \u00e9\u{1f389}",
        TraceId: TRACE.toUpperCase(),
        SpanId: SPAN,
        SourceContext: "Db.Users",
      },
    },
    {
      timestamp: T0 + 1.5,
      level: "error",
      template: parseTemplate("Payment {PaymentId} failed"),
      properties: { PaymentId: "p-1", trace_id: "0".repeat(32) },
      error: {
        name: "TypeError",
        message: "card declined",
        stack: "TypeError: card declined\n    at charge (pay.js:1:1)",
        cause: { name: "Error", message: "gateway down" },
      },
    },
    { timestamp: T0 + 2, level: "warning", template: parseTemplate("Disk almost full"), properties: {} },
    { timestamp: T0 + 3, level: "verbose", template: parseTemplate("v"), properties: {} },
    { timestamp: T0 + 4, level: "debug", template: parseTemplate("d"), properties: {} },
    { timestamp: T0 + 5, level: "fatal", template: parseTemplate("f"), properties: {} },
  ];
}

const nanos = (ms: number): string => (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms % 1) * 1e6))).toString();

/** Checks every field of the request built from events(). */
function checkExport(request: ExportLogsObject, observedMs: number): void {
  assert.equal(request.resourceLogs?.length, 1);
  const rl = request.resourceLogs[0];
  assert.deepEqual(attributeMap(rl.resource?.attributes), {
    "service.name": { stringValue: "ship-test" },
    "service.instance.id": { intValue: "7" },
  });
  const scopes = rl.scopeLogs ?? [];
  assert.deepEqual(scopes.map((s) => s.scope), [{ name: "Db.Users", version: "9.9.9" }, { name: "test-app", version: "9.9.9" }]);
  const [first] = scopes[0].logRecords ?? [];
  assert.equal(scopes[0].logRecords?.length, 1);
  assert.equal(first.timeUnixNano, nanos(T0));
  assert.equal(first.observedTimeUnixNano, nanos(observedMs));
  assert.equal(first.severityNumber, 9);
  assert.equal(first.severityText, "Information");
  assert.deepEqual(first.body, { stringValue: 'User 42 logged in from {"ip":"10.0.0.1","ports":[80,443],"secure":true}' });
  assert.equal(first.traceId, TRACE);
  assert.equal(first.spanId, SPAN);
  assert.deepEqual(first.attributes?.map((a) => a.key), [
    "message_template.text", "UserId", "Client", "Ratio", "Flag", "Nothing", "Big", "Neg", "Name",
  ]);
  assert.deepEqual(attributeMap(first.attributes), {
    "message_template.text": { stringValue: "User {UserId} logged in from {@Client}" },
    UserId: { intValue: "42" },
    Client: {
      kvlistValue: {
        values: [
          { key: "ip", value: { stringValue: "10.0.0.1" } },
          { key: "ports", value: { arrayValue: { values: [{ intValue: "80" }, { intValue: "443" }] } } },
          { key: "secure", value: { boolValue: true } },
        ],
      },
    },
    Ratio: { doubleValue: 0.25 },
    Flag: { boolValue: false },
    Nothing: {},
    Big: { doubleValue: 2 ** 60 },
    Neg: { intValue: "-5" },
    Name: { stringValue: "Ada \u00e9\u{1f389}" },
  });
  const rest = scopes[1].logRecords ?? [];
  assert.deepEqual(rest.map((r) => [r.severityNumber, r.severityText]), [
    [17, "Error"], [13, "Warning"], [1, "Verbose"], [5, "Debug"], [21, "Fatal"],
  ]);
  const failure = rest[0];
  assert.equal(failure.timeUnixNano, nanos(T0 + 1.5));
  assert.equal(failure.traceId, undefined, "an all-zero trace id is not a trace context");
  assert.deepEqual(attributeMap(failure.attributes), {
    "message_template.text": { stringValue: "Payment {PaymentId} failed" },
    PaymentId: { stringValue: "p-1" },
    trace_id: { stringValue: "0".repeat(32) },
    "exception.type": { stringValue: "TypeError" },
    "exception.message": { stringValue: "card declined" },
    "exception.stacktrace": {
      stringValue: "TypeError: card declined\n    at charge (pay.js:1:1)\nCaused by: Error: gateway down",
    },
  });
  assert.deepEqual(failure.body, { stringValue: 'Payment "p-1" failed' });
  assert.deepEqual(rest[1].attributes, [{ key: "message_template.text", value: { stringValue: "Disk almost full" } }]);
}

describe("otlpSink against a loopback OTLP/HTTP receiver", () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer();
  });
  after(async () => {
    await server.close();
  });

  const options = (url: string) => ({
    url,
    resource: { "service.name": "ship-test", "service.instance.id": 7 },
    scopeName: "test-app",
    scopeVersion: "9.9.9",
    headers: { authorization: "Bearer t0ken" },
  });

  it("posts protobuf that the official schema decodes, every field as mapped", { skip: otlpSchemaMissing ?? false }, async () => {
    const runtime = manualRuntime();
    const sink = otlpSink({ ...options(server.url), protocol: "protobuf" });
    sink.attach?.(runtime);
    const before = server.requests.length;
    await sink.emit(events());
    const request = server.requests[before];
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1/logs");
    assert.equal(request.headers["content-type"], "application/x-protobuf");
    assert.equal(request.headers.authorization, "Bearer t0ken");
    checkExport(decodeOtlpLogs(request.body), runtime.scheduler.wallClock());
    assert.equal(sink.stats.requests, 1);
    assert.equal(sink.bytesWritten, request.body.length);
  });

  it("posts JSON per the OTLP JSON mapping, equal to the protobuf content", async () => {
    const runtime = manualRuntime();
    const sink = otlpSink({ ...options(`${server.url}/v1/logs`), protocol: "json" });
    sink.attach?.(runtime);
    const before = server.requests.length;
    await sink.emit(events());
    const request = server.requests[before];
    assert.equal(request.path, "/v1/logs");
    assert.equal(request.headers["content-type"], "application/json");
    const text = new TextDecoder().decode(request.body);
    assert.match(text, /"timeUnixNano":"\d+"/, "64-bit integers are strings in OTLP JSON");
    assert.match(text, /"intValue":"42"/);
    assert.match(text, /"severityNumber":9,/);
    const parsed = JSON.parse(text) as ExportLogsObject;
    checkExport(parsed, runtime.scheduler.wallClock());
    if (otlpSchemaMissing === undefined) {
      const protobuf = otlpSink({ ...options(server.url), protocol: "protobuf" });
      protobuf.attach?.(runtime);
      await protobuf.emit(events());
      assert.deepEqual(parsed, decodeOtlpLogs(server.requests[before + 1].body));
    }
  });

  it("503 then 200: retried after the backoff, nothing lost", async () => {
    const runtime = manualRuntime();
    const clock = runtime.scheduler;
    const sink = otlpSink({ url: server.url, protocol: "json", random: () => 0.5, retry: { initialDelayMs: 400 } });
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: { batchSize: 100 } }).withMetrics().createLogger();
    const start = server.requests.length;
    server.script({ status: 503, body: "busy" }, { status: 200 });
    for (let i = 0; i < 3; i++) log.information("Retry {N}", i);
    const flushed = log.flush();
    await server.waitForRequests(start + 1);
    await until("the retry to be scheduled", () => sink.stats.retries === 1);
    assert.equal(server.requests.length, start + 1, "no retry before the backoff elapses");
    await clock.advanceAsync(199);
    assert.equal(server.requests.length, start + 1);
    await clock.advanceAsync(1); // full jitter: 0.5 × 400 ms
    await flushed;
    assert.equal(server.requests.length, start + 2);
    const bodies = server.requests.slice(start).map((r) => new TextDecoder().decode(r.body));
    assert.equal(bodies[0], bodies[1], "the same batch is sent again");
    assert.equal((JSON.parse(bodies[1]) as ExportLogsObject).resourceLogs?.[0].scopeLogs?.[0].logRecords?.length, 3);
    const m = log.metrics().sinks[0];
    assert.deepEqual([m.emitted, m.failed, m.batches], [3, 0, 1]);
    assert.deepEqual(sink.stats, { requests: 2, retries: 1, succeeded: 1, failed: 0, bytesSent: bodies[1].length, lastStatus: 200 });
    await log.shutdown();
  });

  it("honours Retry-After (seconds) on 429", async () => {
    const runtime = manualRuntime();
    const sink = otlpSink({ url: server.url, protocol: "json", random: () => 0 });
    sink.attach?.(runtime);
    const start = server.requests.length;
    server.script({ status: 429, headers: { "retry-after": "2" } }, { status: 200 });
    const sent = sink.emit(events().slice(2, 3));
    await until("the retry to be scheduled", () => sink.stats.retries === 1);
    await runtime.scheduler.advanceAsync(1999);
    assert.equal(server.requests.length, start + 1);
    await runtime.scheduler.advanceAsync(1);
    await sent;
    assert.equal(server.requests.length, start + 2);
  });

  it("400: not retried; the batch is counted failed and reported", async () => {
    const runtime = manualRuntime();
    const reports: string[] = [];
    SelfLog.enable((message) => reports.push(message));
    try {
      const sink = otlpSink({ url: server.url, protocol: "json" });
      const log = new LoggerConfiguration({ runtime }).writeTo(sink).withMetrics().createLogger();
      const start = server.requests.length;
      server.script({ status: 400, body: '{"code":3,"message":"bad payload"}' });
      for (let i = 0; i < 4; i++) log.information("Rejected {N}", i);
      await log.flush();
      assert.equal(server.requests.length, start + 1);
      const m = log.metrics().sinks[0];
      assert.deepEqual([m.emitted, m.failed], [0, 4]);
      assert.equal(sink.stats.retries, 0);
      assert.ok(reports.some((r) => r.includes("answered 400 (not retried): {\"code\":3,\"message\":\"bad payload\"}")), reports.join("\n"));
      await log.shutdown();
    } finally {
      SelfLog.disable();
    }
  });

  it("a hanging server: each request times out, the failures open the breaker, then nothing is sent", async () => {
    const runtime = manualRuntime();
    const clock = runtime.scheduler;
    const sink = otlpSink({
      url: server.url,
      protocol: "protobuf",
      requestTimeoutMs: 1_000,
      random: () => 0,
      retry: { maxAttempts: 2 },
    });
    const log = new LoggerConfiguration({ runtime })
      .writeTo(sink, { circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 60_000 }, writeTimeoutMs: 30_000 })
      .withMetrics()
      .createLogger();
    const start = server.requests.length;
    server.fallbackReply = "hang";
    try {
      for (let batch = 0; batch < 2; batch++) {
        log.information("Hang {Batch}", batch);
        const flushed = log.flush();
        for (let attempt = 1; attempt <= 2; attempt++) {
          await server.waitForRequests(start + batch * 2 + attempt);
          await clock.advanceAsync(1_000); // the request timeout aborts the attempt
          await server.requests[start + batch * 2 + attempt - 1].aborted;
          if (attempt === 1) {
            await until("the retry to be scheduled", () => sink.stats.retries === batch + 1);
            await clock.advanceAsync(0); // the 0 ms backoff (random() = 0)
          }
        }
        await flushed;
      }
      const m = log.metrics().sinks[0];
      assert.equal(m.failed, 2);
      assert.equal(m.breakerState, "open");
      assert.equal(server.requests.length, start + 4, "2 batches × 2 attempts");
      log.information("While open");
      await log.flush();
      assert.equal(server.requests.length, start + 4, "nothing is sent while the breaker is open");
      assert.equal(log.metrics().sinks[0].dropped.breakerOpen, 1);
      assert.deepEqual([sink.stats.requests, sink.stats.failed, sink.stats.succeeded], [4, 2, 0]);
    } finally {
      server.fallbackReply = { status: 200 };
      await log.shutdown();
    }
  });

  it("protobuf: a batch still posting keeps its bytes while the next batch is encoded; settled buffers are reused, abandoned ones not", async () => {
    const late: Uint8Array[] = [];
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { fetch, bodies, copies } = recordingFetch(200, async (n, body) => {
      if (n === 2) await held;
      if (n === 4) {
        // Ignores the abort (the attempt times out) and reads the body later.
        await new Promise((resolve) => setTimeout(resolve, 150));
        late.push(body.slice());
      }
    });
    const sink = otlpSink({ url: `${server.url}/`, fetch, requestTimeoutMs: 50, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    await sink.emit(events()); // settles: its buffer becomes the spare
    const second = sink.emit(events());
    await until("the held request", () => bodies.length === 2);
    assert.equal(bodies[1].buffer, bodies[0].buffer, "the settled buffer is reused");
    const later = events().map((e) => ({ ...e, properties: { ...e.properties, UserId: 7 } }));
    await sink.emit(later);
    assert.deepEqual(bodies[1], copies[1], "the held body is unchanged");
    assert.notEqual(bodies[2].buffer, bodies[1].buffer);
    release!();
    await second;
    await sink.emit(events()); // attempt 4 is abandoned, attempt 5 succeeds
    await sink.emit(later);
    assert.notEqual(bodies[5].buffer, bodies[3].buffer, "an abandoned attempt's buffer is not reused");
    await until("the late read", () => late.length === 1);
    assert.deepEqual(late[0], copies[3]);
    await sink.close();
  });
});
