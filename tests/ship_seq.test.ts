/**
 * seqSink against a loopback receiver standing in for Seq's /ingest/clef:
 * headers, CLEF lines, splitting at the payload limit, oversize events
 * replaced by a placeholder (counted), failures counted by the pipeline.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, type LogEvent, parseTemplate, SelfLog } from "../mod.ts";
import { seqIngestUrl, seqSink } from "../src/core/shipping/seq_sink.ts";
import { manualRuntime } from "./_helpers/clock.ts";
import { type LoopbackServer, startLoopbackServer, until } from "./_helpers/loopback_http.ts";
import { recordingFetch } from "./_helpers/recording_fetch.ts";

type Clef = Record<string, unknown>;
const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 250);

function lines(body: Uint8Array): Clef[] {
  const text = new TextDecoder().decode(body);
  assert.ok(text.endsWith("\n"), "every CLEF line ends with a newline");
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as Clef);
}

const ev = (i: number, extra: LogEvent["properties"] = {}): LogEvent => ({
  timestamp: T0 + i,
  level: i % 2 === 0 ? "information" : "warning",
  template: parseTemplate("Order {OrderId} for {Customer}"),
  properties: { OrderId: i, Customer: "c\u00e9-" + i, ...extra },
});

describe("seqSink against a loopback CLEF receiver", () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer();
    server.fallbackReply = { status: 201, body: '{"MinimumLevelAccepted":null}' };
  });
  after(async () => {
    await server.close();
  });

  it("builds the ingestion URL", () => {
    assert.equal(seqIngestUrl("http://seq:5341"), "http://seq:5341/ingest/clef");
    assert.equal(seqIngestUrl("http://seq:5341/"), "http://seq:5341/ingest/clef");
    assert.equal(seqIngestUrl("http://seq/prefix/ingest/clef"), "http://seq/prefix/ingest/clef");
  });

  it("posts newline-delimited CLEF with the content type and API key", async () => {
    const sink = seqSink({ url: `${server.url}/`, apiKey: "k3y", headers: { "x-tenant": "t1" } });
    const start = server.requests.length;
    const error = { name: "Error", message: "boom", stack: "Error: boom\n    at x (a.js:1:1)" };
    await sink.emit([ev(0), ev(1), { ...ev(2), level: "error", error }]);
    const request = server.requests[start];
    assert.equal(request.path, "/ingest/clef");
    assert.equal(request.headers["content-type"], "application/vnd.serilog.clef");
    assert.equal(request.headers["x-seq-apikey"], "k3y");
    assert.equal(request.headers["x-tenant"], "t1");
    const events = lines(request.body);
    assert.equal(events.length, 3);
    assert.deepEqual(events[0], {
      "@t": "2026-11-22T12:00:00.250Z",
      "@mt": "Order {OrderId} for {Customer}",
      "@i": events[0]["@i"],
      OrderId: 0,
      Customer: "c\u00e9-0",
    });
    assert.match(String(events[0]["@i"]), /^[0-9a-f]{8}$/);
    assert.equal(events[1]["@l"], "Warning");
    assert.equal(events[2]["@l"], "Error");
    assert.equal(events[2]["@x"], "Error: boom\n    at x (a.js:1:1)");
    assert.equal(sink.bytesWritten, request.body.length);
  });

  it("splits a batch into requests under the payload limit, in order, nothing lost", async () => {
    const sink = seqSink({ url: server.url, payloadLimitBytes: 1_000 });
    const start = server.requests.length;
    const batch = Array.from({ length: 40 }, (_, i) => ev(i));
    await sink.emit(batch);
    const requests = server.requests.slice(start);
    assert.ok(requests.length >= 4, `${requests.length} requests`);
    for (const r of requests) assert.ok(r.body.length <= 1_000, `${r.body.length} bytes`);
    assert.deepEqual(requests.flatMap((r) => lines(r.body)).map((e) => e.OrderId), batch.map((_, i) => i));
    assert.equal(sink.stats.requests, requests.length);
  });

  it("replaces an oversize event with a placeholder event, and counts it", async () => {
    const reports: string[] = [];
    SelfLog.enable((m) => reports.push(m));
    try {
      const sink = seqSink({ url: server.url, eventBodyLimitBytes: 2_048 });
      const start = server.requests.length;
      const huge = { ...ev(1, { Blob: "\u00e9".repeat(5_000) }), template: parseTemplate("Upload {Blob} for {OrderId}") };
      await sink.emit([ev(0), huge, ev(2)]);
      const events = lines(server.requests[start].body);
      assert.deepEqual(events.map((e) => e.OrderId ?? "placeholder"), [0, "placeholder", 2]);
      const placeholder = events[1];
      assert.equal(placeholder["@t"], "2026-11-22T12:00:00.251Z", "the original time");
      assert.equal(placeholder["@l"], "Warning", "the original level");
      assert.match(String(placeholder["@mt"]), /exceeded the \{EventBodyLimitBytes\}-byte body limit/);
      assert.equal(placeholder.EventBodyLimitBytes, 2_048);
      assert.ok(Number(placeholder.EventBodyBytes) > 10_000);
      assert.equal(placeholder.OriginalTemplate, "Upload {Blob} for {OrderId}");
      assert.ok(String(placeholder.EventBodySample).startsWith('{"@t":"2026-11-22T12:00:00.251Z"'));
      assert.ok(new TextEncoder().encode(JSON.stringify(placeholder)).length <= 2_048);
      assert.equal(sink.replacedEvents, 1);
      assert.equal(sink.droppedEvents, 0);
      assert.ok(reports.some((r) => r.includes("1 sent as placeholders")), reports.join("\n"));
    } finally {
      SelfLog.disable();
    }
  });

  it("a rejected request (413) fails the batch in the pipeline; a 500 is retried", async () => {
    const runtime = manualRuntime();
    const sink = seqSink({ url: server.url, apiKey: "k" });
    const log = new LoggerConfiguration({ runtime }).writeTo(sink).withMetrics().createLogger();
    const start = server.requests.length;
    server.script({ status: 413, body: "payload too large" });
    log.information("One {N}", 1);
    log.information("Two {N}", 2);
    await log.flush();
    assert.deepEqual([log.metrics().sinks[0].failed, log.metrics().sinks[0].emitted], [2, 0]);
    assert.equal(server.requests.length, start + 1);

    server.script({ status: 500 });
    log.information("Three {N}", 3);
    const flushed = log.flush();
    await server.waitForRequests(start + 2);
    await until("the retry to be scheduled", () => sink.stats.retries === 1);
    await runtime.scheduler.advanceAsync(250); // the first backoff is at most 250 ms
    await flushed;
    assert.equal(server.requests.length, start + 3);
    assert.deepEqual(lines(server.requests[start + 2].body).map((e) => e.N), [3]);
    assert.equal(log.metrics().sinks[0].emitted, 1);
    await log.shutdown();
  });

  it("a batch still posting keeps its bytes while the next batch is encoded (no shared buffer), and reuses it after", async () => {
    // A fetch that holds one request open: its body must not change while a
    // second send (a batch given up by a write timeout and the next one, say)
    // encodes. A first, settled send leaves a spare buffer behind.
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { fetch, bodies, copies } = recordingFetch(201, async (n) => {
      if (n === 2) await held;
    });
    const sink = seqSink({ url: `${server.url}/`, fetch });
    await sink.emit([ev(5)]);
    const second = sink.emit([ev(0), ev(1)]);
    await until("the held request", () => bodies.length === 2);
    assert.equal(bodies[1].buffer, bodies[0].buffer, "the settled buffer is reused");
    await sink.emit([ev(7), ev(8), ev(9)]);
    assert.deepEqual(bodies[1], copies[1], "the held body is unchanged");
    assert.notEqual(bodies[2].buffer, bodies[1].buffer);
    release!();
    await second;
    assert.deepEqual(lines(bodies[1]).map((e) => e.OrderId), [0, 1]);
    assert.deepEqual(lines(bodies[2]).map((e) => e.OrderId), [7, 8, 9]);
    await sink.close();
  });

  it("a buffer whose request timed out is not reused: a client that goes on reading after the abort still sends its batch", async () => {
    const late: string[] = [];
    const { fetch, bodies } = recordingFetch(201, async (n, body) => {
      if (n !== 1) return;
      // Ignores the abort and reads the body later, as a careless client might.
      await new Promise((resolve) => setTimeout(resolve, 150));
      late.push(new TextDecoder().decode(body));
    });
    const sink = seqSink({ url: `${server.url}/`, fetch, requestTimeoutMs: 20, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    await sink.emit([ev(1), ev(2)]); // first attempt times out, the retry succeeds
    await sink.emit([ev(7), ev(8)]);
    assert.notEqual(bodies[2].buffer, bodies[0].buffer, "the abandoned attempt's buffer is not reused");
    await until("the late read", () => late.length === 1);
    assert.deepEqual(lines(new TextEncoder().encode(late[0])).map((e) => e.OrderId), [1, 2]);
    await sink.close();
  });
});
