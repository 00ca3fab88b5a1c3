/**
 * The request-logging core every HTTP integration uses: context properties,
 * traceparent, the completion event and its options.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type LogEvent,
  LogContext,
  LoggerConfiguration,
  memorySink,
  parseTraceparent,
  REQUEST_COMPLETED_TEMPLATE,
  type RequestLoggingOptions,
  requestLogging,
} from "../mod.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

function setup<R = unknown>(options?: RequestLoggingOptions<R>) {
  const sink = memorySink();
  const log = new LoggerConfiguration().minimumLevel("verbose").writeTo(sink, { queue: false }).createLogger();
  return { sink, log, requests: requestLogging<R>(log, options) };
}

function facts(url: string, headers: Record<string, string> = {}, method = "GET") {
  return { method, url, header: (name: string) => headers[name] };
}

const completions = (events: readonly LogEvent[]) => events.filter((e) => e.template.text === REQUEST_COMPLETED_TEMPLATE);

describe("parseTraceparent", () => {
  it("accepts a version-00 header and reads the sampled flag", () => {
    assert.deepEqual(parseTraceparent(`00-${TRACE}-${SPAN}-01`), { traceId: TRACE, spanId: SPAN, sampled: true });
    assert.deepEqual(parseTraceparent(` 00-${TRACE}-${SPAN}-00 `), { traceId: TRACE, spanId: SPAN, sampled: false });
  });

  it("rejects everything else", () => {
    for (const bad of [
      `01-${TRACE}-${SPAN}-01`, // another version
      `ff-${TRACE}-${SPAN}-01`,
      `00-${TRACE.toUpperCase()}-${SPAN}-01`, // upper case
      `00-${"0".repeat(32)}-${SPAN}-01`, // all-zero trace id
      `00-${TRACE}-${"0".repeat(16)}-01`, // all-zero span id
      `00-${TRACE.slice(1)}-${SPAN}-01`, // short trace id
      `00-${TRACE}-${SPAN}x-01`,
      `00-${TRACE}-${SPAN}-01-extra`,
      `00-${TRACE}-${SPAN}-0g`,
      `00_${TRACE}_${SPAN}_01`,
      "",
      undefined,
      42,
      "x".repeat(10_000),
    ]) assert.equal(parseTraceparent(bad), undefined, String(bad));
  });
});

describe("requestLogging", () => {
  it("attaches RequestId, method, path (no query) and trace ids to the request logger and the LogContext", () => {
    const { sink, log, requests } = setup();
    const scope = requests.begin(undefined, facts("https://example.com/users/42?token=secret", {
      "x-request-id": "req-1",
      "cf-ray": "ray-1",
      traceparent: `00-${TRACE}-${SPAN}-01`,
      authorization: "Bearer secret",
    }, "POST"));
    scope.log.information("explicit");
    scope.run(() => log.information("ambient"));
    log.information("outside");
    assert.equal(scope.complete(201), true);
    const expected = { RequestId: "req-1", RequestMethod: "POST", RequestPath: "/users/42", TraceId: TRACE, SpanId: SPAN };
    assert.deepEqual({ ...sink.events[0].properties }, expected);
    assert.deepEqual({ ...sink.events[1].properties }, expected);
    assert.deepEqual({ ...sink.events[2].properties }, {});
    const done = sink.events[3];
    assert.equal(done.template.text, "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");
    assert.equal(done.level, "information");
    assert.equal(done.properties.StatusCode, 201);
    assert.equal(typeof done.properties.Elapsed, "number");
    assert.ok(!JSON.stringify(sink.events).includes("secret"), "no header or query leaked");
  });

  it("takes the id from cf-ray, then a new UUID; ignores unprintable or oversized ids", () => {
    const { sink, requests } = setup({ requestIdHeader: "X-Correlation-Id" });
    requests.begin(undefined, facts("/a", { "cf-ray": "ray-2" })).log.information("a");
    requests.begin(undefined, facts("/b", { "x-correlation-id": "corr-3", "x-request-id": "req-3" })).log.information("b");
    requests.begin(undefined, facts("/c", { "x-request-id": "has space" })).log.information("c");
    requests.begin(undefined, facts("/d", { "x-request-id": "x".repeat(129) })).log.information("d");
    const ids = sink.events.map((e) => e.properties.RequestId);
    assert.deepEqual(ids.slice(0, 2), ["ray-2", "corr-3"]);
    for (const id of ids.slice(2)) assert.match(String(id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.notEqual(ids[2], ids[3]);
  });

  it("picks the level by status (configurable) and logs once", () => {
    const { sink, requests } = setup({ levels: { success: "debug", serverError: "fatal" } });
    const statuses = [200, 302, 404, 499, 500, 503];
    for (const status of statuses) {
      const scope = requests.begin(undefined, facts(`/${status}`));
      assert.equal(scope.complete(status), true);
      assert.equal(scope.complete(status), false);
      assert.equal(scope.complete(500, { error: new Error("late") }), false);
    }
    assert.deepEqual(completions(sink.events).map((e) => [e.properties.StatusCode, e.level]), [
      [200, "debug"], [302, "debug"], [404, "warning"], [499, "warning"], [500, "fatal"], [503, "fatal"],
    ]);
  });

  it("attaches the handler's error, also a thrown non-Error, and marks aborted requests", () => {
    const { sink, requests } = setup();
    requests.begin(undefined, facts("/e")).complete(500, { error: new TypeError("bad input") });
    requests.begin(undefined, facts("/s")).complete(500, { error: "just a string" });
    requests.begin(undefined, facts("/u")).complete(500, { error: undefined });
    requests.begin(undefined, facts("/a")).complete(200, { aborted: true });
    const [e, s, u, a] = completions(sink.events);
    assert.equal(e.level, "error");
    assert.equal(e.error?.name, "TypeError");
    assert.equal(e.error?.message, "bad input");
    assert.match(s.error?.message ?? "", /Non-error value thrown: just a string/);
    assert.match(u.error?.message ?? "", /undefined/);
    assert.equal(a.properties.Aborted, true);
    assert.equal(a.error, undefined);
  });

  it("skips completion for listed paths, patterns or a predicate; completion: false logs none", () => {
    const listed = setup({ skip: ["/health", /^\/metrics/] });
    for (const p of ["/health", "/healthz", "/metrics/x", "/ok"]) listed.requests.begin(undefined, facts(p)).complete(200);
    assert.deepEqual(completions(listed.sink.events).map((e) => e.properties.RequestPath), ["/healthz", "/ok"]);

    const predicate = setup<{ internal: boolean }>({ skip: (path, request) => request.internal || path === "/x" });
    predicate.requests.begin({ internal: true }, facts("/a")).complete(200);
    predicate.requests.begin({ internal: false }, facts("/x")).complete(200);
    predicate.requests.begin({ internal: false }, facts("/b")).complete(200);
    assert.deepEqual(completions(predicate.sink.events).map((e) => e.properties.RequestPath), ["/b"]);

    const off = setup({ completion: false });
    const scope = off.requests.begin(undefined, facts("/c"));
    scope.log.information("still has context");
    scope.complete(500, { error: new Error("x") });
    assert.deepEqual(off.sink.events.map((e) => e.template.text), ["still has context"]);
    assert.equal(off.sink.events[0].properties.RequestPath, "/c");
  });

  it("adds properties from the request without replacing its own, and headers only when asked", () => {
    const { sink, requests } = setup<{ user: string }>({
      properties: (request) => ({ UserId: request.user, RequestId: "nope" }),
      headers: ["User-Agent", "x-missing"],
    });
    const scope = requests.begin({ user: "u1" }, facts("/p", { "x-request-id": "r1", "user-agent": "ua/1", cookie: "c=secret" }));
    scope.log.information("hi");
    assert.deepEqual(JSON.parse(JSON.stringify(sink.events[0].properties)), {
      RequestId: "r1", RequestMethod: "GET", RequestPath: "/p", RequestHeaders: { "user-agent": "ua/1" }, UserId: "u1",
    });
  });

  it("never throws for throwing callbacks or requests", () => {
    const { sink, requests } = setup({
      properties: () => {
        throw new Error("props");
      },
      skip: () => {
        throw new Error("skip");
      },
    });
    const scope = requests.begin(undefined, {
      get method(): string {
        throw new Error("method");
      },
      url: "/z",
      header: () => {
        throw new Error("header");
      },
    });
    scope.complete(Number.NaN);
    const [done] = completions(sink.events);
    assert.equal(done.properties.StatusCode, 500);
    assert.equal(LogContext.current(), undefined);
  });

  it("rejects wrong options and a missing logger with a TypeError naming them", () => {
    const { log } = setup();
    const bad: [unknown, RegExp][] = [
      [{ skip: "/health" }, /options\.skip/],
      [{ skip: [1] }, /options\.skip/],
      [{ properties: {} }, /options\.properties/],
      [{ headers: "user-agent" }, /options\.headers/],
      [{ completion: 1 }, /options\.completion/],
      [{ levels: { success: "loud" } }, /options\.levels\.success/],
      [{ requestIdHeader: "" }, /options\.requestIdHeader/],
      [5, /options must be an object/],
    ];
    for (const [options, message] of bad) {
      assert.throws(() => requestLogging(log, options as RequestLoggingOptions), (e) => e instanceof TypeError && message.test(e.message));
    }
    assert.throws(() => requestLogging(undefined as never), /requestLogging: log must be a Logger/);
  });
});

describe("requestLogging paths", () => {
  it("takes the path of absolute URLs and request targets, without query or fragment", () => {
    const { sink, requests } = setup();
    const urls = ["https://example.com/a/b?x=1", "http://h:8080/", "http://h:8080", "http://h?x", "/c/d?y#z", "/e#f", "*", ""];
    for (const url of urls) requests.begin(undefined, facts(url)).complete(200);
    assert.deepEqual(completions(sink.events).map((e) => e.properties.RequestPath), ["/a/b", "/", "/", "/", "/c/d", "/e", "*", ""]);
  });
});
