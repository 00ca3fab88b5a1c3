// Node's adapter gives the shipping sinks an HTTP client over node:http
// (RuntimeAdapter.fetch): statuses, headers, bodies, aborts and network errors
// as the sinks expect from fetch, and the sinks use it when attached.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, seqSink } from "../mod.ts";
import { nodeRuntime } from "../src/adapters/node/mod.ts";
import { nodeHttpFetch } from "../src/adapters/node/node_http_fetch.ts";
import { type LoopbackServer, startLoopbackServer } from "./_helpers/loopback_http.ts";

describe("nodeHttpFetch (the node adapter's HTTP client)", () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer();
  });
  after(() => server.close());

  it("posts the body and headers; answers status, headers and text", async () => {
    const post = nodeHttpFetch();
    server.script({ status: 429, headers: { "retry-after": "3" }, body: '{"x":"é"}' });
    const before = server.requests.length;
    const response = await post(`${server.url}/v1/logs?q=1`, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf", authorization: "Bearer k" },
      body: new Uint8Array([1, 2, 3, 250]),
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("Retry-After"), "3");
    assert.equal(response.headers.get("x-absent"), null);
    assert.equal(await response.text(), '{"x":"é"}');
    const request = server.requests[before];
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1/logs?q=1");
    assert.equal(request.headers["content-type"], "application/x-protobuf");
    assert.equal(request.headers.authorization, "Bearer k");
    assert.equal(request.headers["content-length"], "4");
    assert.deepEqual([...request.body], [1, 2, 3, 250]);
  });

  it("sends a string body as UTF-8 with its byte length", async () => {
    const post = nodeHttpFetch();
    const before = server.requests.length;
    const response = await post(`${server.url}/ingest/clef`, { method: "POST", headers: {}, body: "héllo\n" });
    assert.equal(response.status, 200);
    const request = server.requests[before];
    assert.equal(request.headers["content-length"], "7");
    assert.equal(new TextDecoder().decode(request.body), "héllo\n");
  });

  it("an abort rejects with the signal's reason and ends the request", async () => {
    const post = nodeHttpFetch();
    server.script("hang");
    const before = server.requests.length;
    const controller = new AbortController();
    const pending = post(`${server.url}/v1/logs`, { method: "POST", headers: {}, body: "x", signal: controller.signal });
    await server.waitForRequests(before + 1);
    const reason = new Error("timed out");
    controller.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
    await server.requests[before].aborted;
  });

  it("an already aborted signal rejects without a request", async () => {
    const post = nodeHttpFetch();
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort(new Error("closed"));
    await assert.rejects(post(`${server.url}/v1/logs`, { method: "POST", headers: {}, body: "x", signal: controller.signal }), /closed/);
    assert.equal(server.requests.length, before);
  });

  it("a refused connection rejects", async () => {
    const other = await startLoopbackServer();
    const url = other.url;
    await other.close();
    await assert.rejects(nodeHttpFetch()(`${url}/v1/logs`, { method: "POST", headers: {}, body: "x" }));
  });

  it("a logger on nodeRuntime() ships through it: retried 503, every event delivered", async () => {
    const runtime = nodeRuntime();
    assert.equal(typeof runtime.fetch, "function");
    let calls = 0;
    const counted = { ...runtime, fetch: ((url, init) => (calls++, runtime.fetch!(url, init))) as typeof runtime.fetch };
    server.script({ status: 503 });
    const before = server.requests.length;
    const sink = seqSink({ url: server.url, retry: { initialDelayMs: 1, maxDelayMs: 2 } });
    const log = new LoggerConfiguration({ runtime: counted }).writeTo(sink).createLogger();
    for (let i = 0; i < 3; i++) log.information("Event {N}", i);
    await log.flush();
    assert.equal(calls, 2);
    assert.equal(server.requests.length, before + 2);
    const lines = new TextDecoder().decode(server.requests[before + 1].body).trim().split("\n");
    assert.deepEqual(lines.map((l) => JSON.parse(l).N), [0, 1, 2]);
    assert.equal(sink.stats.succeeded, 1);
    await log.shutdown();
  });

  it("a fetch given in the options wins over the runtime's", async () => {
    let mine = 0;
    let runtimes = 0;
    const runtime = nodeRuntime();
    const counted = { ...runtime, fetch: ((url, init) => (runtimes++, runtime.fetch!(url, init))) as typeof runtime.fetch };
    const own = nodeHttpFetch();
    const sink = seqSink({ url: server.url, fetch: (url, init) => (mine++, own(url, init)) });
    const log = new LoggerConfiguration({ runtime: counted }).writeTo(sink).createLogger();
    log.information("one");
    await log.flush();
    assert.equal(mine, 1);
    assert.equal(runtimes, 0);
    await log.shutdown();
  });
});
