import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Redactor } from "../src/core/redaction/redactor.ts";
import { parsePath } from "../src/core/redaction/redact_paths.ts";
import { DEFAULT_REDACT_KEYS, REDACT_PATTERNS } from "../src/core/redaction/redaction_options.ts";
import type { LogValue } from "../mod.ts";

const R = "[Redacted]";
const rec = (o: Record<string, LogValue>): LogValue => Object.assign(Object.create(null), o);
/** Deep equality ignoring prototypes (captured structures are null-prototype records). */
const same = (actual: unknown, expected: unknown): void => assert.deepEqual(JSON.parse(JSON.stringify(actual)), expected);

describe("Redactor", () => {
  it("paths: a top-level property, a nested one, any property's, an array item's, a quoted name", () => {
    const r = new Redactor({ paths: ["password", "user.password", "*.token", "items[*].secret", 'headers["x-api-key"]', "list[1]"] });
    assert.equal(r.property("password", "hunter2"), R);
    same(r.property("user", rec({ name: "ann", password: "p" })), { name: "ann", password: R });
    same(r.property("session", rec({ token: "t", id: 1 })), { token: R, id: 1 });
    same(r.property("items", [rec({ secret: "s1", n: 1 }), rec({ secret: "s2" })]), [{ secret: R, n: 1 }, { secret: R }]);
    same(r.property("headers", rec({ "x-api-key": "k", accept: "*/*" })), { "x-api-key": R, accept: "*/*" });
    same(r.property("list", ["a", "b", "c"]), ["a", R, "c"]);
    assert.equal(r.property("name", "ann"), "ann");
  });

  it("paths do not match deeper or elsewhere than written", () => {
    const r = new Redactor({ paths: ["user.password"] });
    const value = rec({ profile: rec({ password: "deep" }) });
    assert.equal(r.property("user", value), value, "unchanged values are returned as they are");
    assert.equal(r.property("password", "top"), "top");
  });

  it("keys: at any depth, a string case-insensitively, a RegExp by test", () => {
    const r = new Redactor({ keys: ["Authorization", /secret/i] });
    const value = rec({ headers: rec({ authorization: "Bearer x", host: "h" }), deep: [rec({ clientSecret: "c" })] });
    same(r.property("req", value), { headers: { authorization: R, host: "h" }, deep: [{ clientSecret: R }] });
    assert.equal(r.property("AUTHORIZATION", "x"), R);
  });

  it("the default keys catch the usual suspects and leave ordinary names alone", () => {
    const r = new Redactor({ keys: DEFAULT_REDACT_KEYS });
    for (const key of ["password", "Password", "passwd", "pwd", "secret", "clientSecret", "token", "accessToken", "api_key", "apiKey", "x-api-key", "authorization", "cookie", "set-cookie", "credentials", "privateKey", "sessionId"]) {
      assert.equal(r.property(key, "v"), R, key);
    }
    for (const key of ["user", "path", "status", "tokens_used_count", "passenger"]) assert.equal(r.property(key, "v"), "v", key);
  });

  it("patterns: every string, inside structures too; the ready-made ones", () => {
    const r = new Redactor({ patterns: Object.values(REDACT_PATTERNS) });
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    assert.equal(r.property("m", "mail ann@example.com now"), `mail ${R} now`);
    assert.equal(r.property("m", "card 4111 1111 1111 1111 ok"), `card ${R} ok`);
    assert.equal(r.property("m", "card 4111-1111-1111-1111"), `card ${R}`);
    assert.equal(r.property("m", `token ${jwt}`), `token ${R}`);
    assert.equal(r.property("m", "Authorization: Bearer abc.def-123"), `Authorization: ${R}`);
    same(r.property("m", [rec({ note: "x ann@example.com" })]), [{ note: `x ${R}` }]);
    assert.equal(r.property("m", "order 12345 shipped"), "order 12345 shipped");
  });

  it("errors: patterns in message and stack, keys in properties, the cause too", () => {
    const r = new Redactor({ keys: ["token"], patterns: [REDACT_PATTERNS.email] });
    const error = r.error({
      name: "Error",
      message: "no user ann@example.com",
      stack: "Error: no user ann@example.com\n    at f",
      properties: rec({ token: "t", code: "E1" }) as Record<string, LogValue>,
      cause: { name: "Error", message: "bob@example.com", stack: "bob@example.com" },
    });
    assert.equal(error.message, `no user ${R}`);
    assert.equal(error.stack, `Error: no user ${R}\n    at f`);
    same(error.properties, { token: R, code: "E1" });
    assert.deepEqual((error.cause as { message: string }).message, R);
  });

  it("never changes a value in place", () => {
    const r = new Redactor({ keys: ["secret"] });
    const shared = rec({ secret: "s", n: rec({ secret: "t" }) });
    const out = r.property("x", shared);
    same(shared, { secret: "s", n: { secret: "t" } });
    same(out, { secret: R, n: { secret: R } });
  });

  it("a custom censor; global and sticky RegExps work every time", () => {
    const r = new Redactor({ keys: [/tok/g], patterns: [/\d{4}/y], censor: "***" });
    for (let i = 0; i < 3; i++) {
      assert.equal(r.property("token", "x"), "***");
      assert.equal(r.property("n", "1234 5678"), "*** ***");
    }
  });

  it("configuration mistakes are TypeErrors naming the problem", () => {
    assert.throws(() => new Redactor({ paths: ["a..b"] }), /path "a..b" is malformed/);
    assert.throws(() => new Redactor({ paths: ["a[x]"] }), TypeError);
    assert.throws(() => new Redactor({ paths: ["a[*"] }), /unclosed/);
    assert.throws(() => new Redactor({ keys: [42 as unknown as string] }), /keys must be/);
    assert.throws(() => new Redactor({ patterns: ["x" as unknown as RegExp] }), /patterns must be/);
    assert.throws(() => new Redactor({ censor: 1 as unknown as string }), /censor/);
    assert.deepEqual(parsePath("a.b[*].c"), ["a", "b", parsePath("*")[0], "c"]);
  });
});

describe("Redactor: review findings", () => {
  it("the card pattern needs the Luhn check and groups of four: ids and UUIDs stay", () => {
    const r = new Redactor({ patterns: [REDACT_PATTERNS.creditCard] });
    assert.equal(r.property("m", "card 4111111111111111 ok"), `card ${R} ok`);
    assert.equal(r.property("m", "id 1234567890123456789"), "id 1234567890123456789", "a snowflake id fails Luhn");
    assert.equal(r.property("m", "5d8a43c1-0a1f-4a6b-9c2e-123456789012"), "5d8a43c1-0a1f-4a6b-9c2e-123456789012");
  });

  it("a censor with $ is text, never the match; the error's name gets the patterns too", () => {
    const r = new Redactor({ patterns: [/pw=\w+/], censor: "<$&>" });
    assert.equal(r.property("m", "x pw=hunter2"), "x <$&>");
    assert.equal(r.error({ name: "E pw=abc", message: "m" }).name, "E <$&>");
  });

  it("a key RegExp with a back-reference keeps its meaning next to others", () => {
    const r = new Redactor({ keys: [/^(a)\1$/, /^(b)\1$/] });
    assert.equal(r.property("aa", "x"), R);
    assert.equal(r.property("bb", "x"), R);
    assert.equal(r.property("ab", "x"), "x");
  });

  it("an unknown option or no rule at all is a TypeError", () => {
    assert.throws(() => new Redactor({ path: ["a"] } as never), /unknown option "path"/);
    assert.throws(() => new Redactor({}), /at least one of paths, keys or patterns/);
  });
});

describe("Redactor: a string cut at capture", () => {
  it("loses its last word to the censor when patterns are set (half a secret matches no pattern)", () => {
    const r = new Redactor({ patterns: [REDACT_PATTERNS.jwt] });
    assert.equal(r.property("m", "token eyJhbGciOiJIUzI1NiJ9.eyJl…[+120 chars]"), `token ${R}…[+120 chars]`);
    assert.equal(r.property("m", "a short one"), "a short one");
  });
});
