/**
 * Redaction through the logger: every source of values, in the memory sink
 * and in the CLEF bytes on disk (the secret's text appears nowhere).
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clefFormatter, DEFAULT_REDACT_KEYS, LogContext, LoggerConfiguration, REDACT_PATTERNS } from "../mod.ts";
import { adapter } from "./_helpers/adapter.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

const R = "[Redacted]";
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const root = fs.mkdtempSync(path.join(os.tmpdir(), "logging-core-redaction-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe("redact()", () => {
  it("each path form, through template values, a properties object, forContext, LogContext and enrichers", () => {
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() })
      .redact({ paths: ["password", "user.password", "*.token", "headers.authorization", "items[*].secret", "ctxSecret", "enriched"] })
      .enrich((e) => void (e.properties.enriched = "from-enricher-s3cret"))
      .writeTo(sink, { queue: false })
      .createLogger();
    const child = log.forContext({ password: "child-s3cret" });
    LogContext.run({ ctxSecret: "context-s3cret" }, () => {
      child.information("Login {@user} {@session} {@headers} {@items}",
        { name: "ann", password: "tmpl-s3cret" },
        { token: "tok-s3cret", id: 7 },
        { authorization: "Bearer hdr-s3cret", accept: "json" },
        [{ secret: "item-s3cret", n: 1 }]);
      log.info({ password: "obj-s3cret", ok: true }, "Object first");
    });
    const [a, b] = sink.events.map((e) => plain(e.properties) as Record<string, unknown>);
    assert.deepEqual(a.user, { name: "ann", password: R });
    assert.deepEqual(a.session, { token: R, id: 7 });
    assert.deepEqual(a.headers, { authorization: R, accept: "json" });
    assert.deepEqual(a.items, [{ secret: R, n: 1 }]);
    assert.equal(a.password, R, "forContext");
    assert.equal(a.ctxSecret, R, "LogContext");
    assert.equal(a.enriched, R, "enricher");
    assert.equal(b.password, R, "properties object");
    assert.equal(b.ok, true);
    assert.ok(!JSON.stringify(sink.events).includes("s3cret"));
  });

  it("keys at any depth and patterns in strings, error messages and stacks", () => {
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() })
      .redact({ keys: DEFAULT_REDACT_KEYS, patterns: [REDACT_PATTERNS.email, REDACT_PATTERNS.jwt] })
      .writeTo(sink, { queue: false })
      .createLogger();
    const error = Object.assign(new Error("user ann@example.com denied"), { apiKey: "k-s3cret" });
    log.error(error, "Failed for {@Req}", { deep: { clientSecret: "cs-s3cret", note: "mail bob@example.com" } });
    const e = sink.events[0];
    assert.deepEqual(plain(e.properties.Req), { deep: { clientSecret: R, note: `mail ${R}` } });
    assert.equal(e.error?.message, `user ${R} denied`);
    assert.ok(!(e.error?.stack ?? "").includes("ann@example.com"));
    assert.equal(e.error?.properties?.apiKey, R);
  });

  it("the secret's text appears nowhere in the CLEF file on disk", async () => {
    const file = path.join(root, "app.log");
    const log = new LoggerConfiguration({ runtime: adapter.runtime() })
      .redact({ paths: ["card.number"], keys: ["password"], patterns: [REDACT_PATTERNS.bearer] })
      .writeTo(adapter.fileSink(file, { formatter: clefFormatter() }))
      .createLogger();
    log.information("Paid with {@card} by {User} ({Header})", { number: "4111111111111111", brand: "visa" }, "ann", "Bearer abc.def");
    log.warning({ password: "hunter2" }, "Password change");
    await log.shutdown();
    const text = fs.readFileSync(file, "utf8");
    for (const secret of ["4111111111111111", "hunter2", "abc.def"]) assert.ok(!text.includes(secret), secret);
    const [first] = text.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(first.card, { number: R, brand: "visa" });
    assert.equal(first.Header, R);
  });

  it("configuration mistakes are TypeErrors at redact()", () => {
    assert.throws(() => new LoggerConfiguration().redact({ paths: ["a..b"] }), /malformed/);
    assert.throws(() => new LoggerConfiguration().redact({ keys: [1 as unknown as string] }), TypeError);
    assert.throws(() => new LoggerConfiguration().redact(null as never), TypeError);
  });
});

describe("redact(): review findings", () => {
  function logger(options: Parameters<LoggerConfiguration["redact"]>[0]) {
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() }).redact(options).writeTo(sink, { queue: false }).createLogger();
    return { log, sink };
  }

  it("an error logged without a template: its message, which becomes the template, is censored too", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    const { log, sink } = logger({ patterns: [REDACT_PATTERNS.jwt] });
    log.error(new Error(`bad ${jwt}`));
    assert.equal(sink.events[0].template.text, `bad ${R}`);
    assert.ok(!JSON.stringify(sink.events[0]).includes("c2lnbmF0dXJl"));
  });

  it("{$X} holes: keys and paths reach into the structure before it becomes text", () => {
    const { log, sink } = logger({ keys: ["password"], paths: ["user.token"] });
    log.information("{$Creds} {$user}", { name: "ann", password: "hunter2" }, { token: "t0k", id: 1 });
    const [creds, user] = [sink.events[0].properties.Creds, sink.events[0].properties.user];
    assert.equal(creds, JSON.stringify({ name: "ann", password: R }));
    assert.equal(user, JSON.stringify({ token: R, id: 1 }));
  });
});
