// Shipping configuration mistakes fail when the sink is created, naming the
// option and never showing its value; credentials never reach SelfLog.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type FetchLike, LoggerConfiguration, otlpSink, SelfLog, seqSink } from "../mod.ts";
import { checkHeaders, isSecretHeader, redactSecrets } from "../src/core/shipping/http_headers.ts";
import { HttpSender } from "../src/core/shipping/http_sender.ts";
import { manualRuntime } from "./_helpers/clock.ts";

const KEY = "s3cr3t-api-key-0123";

function throwsTypeError(fn: () => unknown, mentions: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TypeError, `expected a TypeError, got ${String(caught)}`);
  assert.ok(caught.message.includes(mentions), caught.message);
  assert.ok(!caught.message.includes(KEY), "the value is not shown: " + caught.message);
}

describe("configuration errors at creation", () => {
  it("seqSink: an apiKey with CR or LF is a TypeError naming apiKey", () => {
    throwsTypeError(() => seqSink({ url: "http://127.0.0.1:5341", apiKey: KEY + "\r\nX-Evil: 1" }), "seqSink: apiKey");
    throwsTypeError(() => seqSink({ url: "http://127.0.0.1:5341", apiKey: KEY + "\n" }), "apiKey");
    assert.doesNotThrow(() => seqSink({ url: "http://127.0.0.1:5341", apiKey: KEY }));
  });

  it("seqSink and otlpSink: a header value with CR, LF or NUL is a TypeError naming the header", () => {
    throwsTypeError(() => seqSink({ url: "http://127.0.0.1:5341", headers: { "x-tenant": "a\nb" } }), 'headers["x-tenant"]');
    throwsTypeError(() => otlpSink({ url: "http://127.0.0.1:4318", headers: { authorization: `Bearer ${KEY}\r` } }), 'otlpSink: headers["authorization"]');
    throwsTypeError(() => otlpSink({ url: "http://127.0.0.1:4318", headers: { authorization: `Bearer ${KEY}\u0000` } }), "authorization");
  });

  it("an invalid header name, or headers that are not an object of strings, is a TypeError", () => {
    throwsTypeError(() => otlpSink({ url: "http://127.0.0.1:4318", headers: { "bad name": "x" } }), "invalid header name");
    throwsTypeError(() => otlpSink({ url: "http://127.0.0.1:4318", headers: { "x-n": 5 as unknown as string } }), 'headers["x-n"] must be a string');
    throwsTypeError(() => checkHeaders("mySink", "nope"), "mySink: headers must be an object");
  });

  it("HttpSender checks its headers too", () => {
    throwsTypeError(() => new HttpSender({ headers: { "x-api-key": KEY + "\n" } }, "collector"), 'collector: headers["x-api-key"]');
  });
});

describe("secrets stay out of messages", () => {
  it("isSecretHeader and redactSecrets", () => {
    for (const name of ["Authorization", "proxy-authorization", "Cookie", "X-Seq-ApiKey", "x-api-key", "X-Auth-Token", "client-secret"]) {
      assert.equal(isSecretHeader(name), true, name);
    }
    assert.equal(isSecretHeader("x-tenant"), false);
    assert.equal(
      redactSecrets(`refused Bearer ${KEY} and ${KEY} at https://user:pw@h/x`, { authorization: `Bearer ${KEY}`, "x-tenant": "acme" }),
      "refused [redacted] and [redacted] at https://[redacted]@h/x",
    );
    assert.equal(redactSecrets("tenant acme", { "x-tenant": "acme" }), "tenant acme");
  });

  it("a failing request reports neither the API key nor an authorization header to SelfLog", async () => {
    const reports: string[] = [];
    SelfLog.enable((message, error) => {
      reports.push(message);
      for (let e: unknown = error, i = 0; e instanceof Error && i < 4; e = (e as { cause?: unknown }).cause, i++) {
        reports.push(`${e.name}: ${e.message}\n${e.stack ?? ""}`);
      }
    });
    try {
      // A fetch whose failure quotes the request's headers (as some runtimes' errors do),
      // and a server answer that echoes the key back.
      const failing: FetchLike = (_url, init) => Promise.reject(new TypeError(`refused headers ${JSON.stringify(init.headers)}`));
      const echoing: FetchLike = (_url, init) =>
        Promise.resolve({ status: 401, headers: new Headers(), text: async () => `bad key ${init.headers["x-seq-apikey"]}` });
      for (const fetch of [failing, echoing]) {
        const runtime = manualRuntime();
        const sink = seqSink({ url: "http://user:pw@127.0.0.1:5341", apiKey: KEY, headers: { authorization: `Bearer ${KEY}-2` }, fetch, retry: { maxAttempts: 1 } });
        const log = new LoggerConfiguration({ runtime }).writeTo(sink).withMetrics().createLogger();
        log.information("One");
        await log.flush();
        assert.equal(log.metrics().sinks[0].failed, 1);
      }
      assert.ok(reports.length >= 2, reports.join("\n"));
      const all = reports.join("\n");
      assert.ok(all.includes("[redacted]"), all);
      assert.ok(!all.includes(KEY), all);
      assert.ok(!all.includes("user:pw"), all);
    } finally {
      SelfLog.disable();
    }
  });
});
