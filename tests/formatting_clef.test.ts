import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { formatErrorText, isErrorInfo } from "../src/core/formatting/error_text.ts";
import { eventId, eventIdHash, eventIdText } from "../src/core/formatting/event_id.ts";
import { formatIsoTimestamp } from "../src/core/formatting/iso_timestamp.ts";
import { clefLevelName } from "../src/core/formatting/level_names.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { ErrorInfo, LogEvent } from "../src/core/events/log_event.ts";
import type { LogLevel } from "../src/core/levels/level.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 0);

function props(entries: Record<string, LogValue>): LogProperties {
  return Object.assign(Object.create(null) as LogProperties, entries);
}

function event(text: string, properties: Record<string, LogValue> = {}, extra: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: T0,
    level: "information",
    template: parseTemplate(text),
    properties: props(properties),
    ...extra,
  };
}

describe("event ids (@i)", () => {
  it("is Jenkins one-at-a-time, as Serilog's EventIdHash.Compute (reference vectors)", () => {
    assert.equal(eventIdHash("a"), 0xca2e9442);
    assert.equal(eventIdHash("The quick brown fox jumps over the lazy dog"), 0x519e91f5);
    assert.equal(eventIdHash(""), 0);
  });

  it("is 8 lowercase hex digits, stable, and distinct for distinct templates", () => {
    assert.equal(eventIdText("User {UserId} logged in"), "f9f406a9");
    assert.equal(eventIdText("Template 1"), "80a92521");
    assert.notEqual(eventIdText("Template 1"), eventIdText("Template 2"));
    assert.equal(eventIdText("héllo 🎉 {X}"), "6d8033b2"); // UTF-16 code units, as .NET
    assert.match(eventIdText("x"), /^[0-9a-f]{8}$/);
    const t = parseTemplate("Cached {A}");
    assert.equal(eventId(t), eventId(t));
    assert.equal(eventId(t), eventIdText("Cached {A}"));
  });
});

describe("formatIsoTimestamp", () => {
  it("equals toISOString across seconds, backwards jumps and before 1970", () => {
    const samples = [T0, T0 + 999, T0 + 1000, T0 + 1, T0 - 1, 0, -1, -999, -1000, -1001, 1.9, 946684799999];
    for (let i = 0; i < 2000; i++) samples.push(T0 - 4e10 + i * 40_000_321.7);
    for (const ms of samples) assert.equal(formatIsoTimestamp(ms), new Date(Math.floor(ms)).toISOString(), String(ms));
  });

  it("handles years outside 0000-9999 and never throws", () => {
    assert.equal(formatIsoTimestamp(253402300800000), "+010000-01-01T00:00:00.000Z");
    assert.equal(formatIsoTimestamp(-62167219200001), "-000001-12-31T23:59:59.999Z");
    assert.equal(formatIsoTimestamp(NaN), "NaN");
    assert.equal(formatIsoTimestamp(Infinity), "Infinity");
    assert.equal(formatIsoTimestamp(9e15), "9000000000000000");
  });
});

describe("clefFormatter", () => {
  it("writes an information event: no @l, @i, user properties, newline", () => {
    const line = clefFormatter().format(event("User {UserId} logged in", { UserId: 42 }));
    assert.equal(line, '{"@t":"2026-11-22T12:00:00.000Z","@mt":"User {UserId} logged in","@i":"f9f406a9","UserId":42}\n');
  });

  it("spells levels the CLEF/Serilog way and omits @l for information", () => {
    const expected: Record<LogLevel, string | undefined> = {
      verbose: "Verbose", debug: "Debug", information: undefined, warning: "Warning", error: "Error", fatal: "Fatal",
    };
    for (const [level, name] of Object.entries(expected) as [LogLevel, string | undefined][]) {
      const parsed = JSON.parse(clefFormatter().format(event("x", {}, { level }))) as Record<string, unknown>;
      assert.equal(parsed["@l"], name, level);
      assert.equal(Object.hasOwn(parsed, "@l"), name !== undefined);
      if (name !== undefined) assert.equal(clefLevelName(level), name);
    }
  });

  it("adds @m with renderMessage and drops @i with eventId: false, in the documented order", () => {
    const f = clefFormatter({ renderMessage: true, eventId: false });
    const line = f.format(event("Disk {Pct}% full on {Host}", { Pct: 93, Host: "db1" }, {
      level: "warning",
      timestamp: T0 + 7,
    }));
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ["@t", "@mt", "@m", "@l", "Pct", "Host"]);
    assert.equal(parsed["@t"], "2026-11-22T12:00:00.007Z");
    assert.equal(parsed["@m"], 'Disk 93% full on "db1"');
    assert.equal(parsed["@l"], "Warning");
    assert.ok(line.startsWith('{"@t":"2026-11-22T12:00:00.007Z","@mt":"Disk {Pct}% full on {Host}","@m":'));
  });

  it("escapes a leading @ in property names by doubling it", () => {
    const line = clefFormatter({ eventId: false }).format(event("x", { "@t": 1, "@@x": 2, "a@b": 3, "@": 4 }));
    assert.equal(
      line,
      '{"@t":"2026-11-22T12:00:00.000Z","@mt":"x","@@t":1,"@@@x":2,"a@b":3,"@@":4}\n',
    );
  });

  it("writes @x as the stack followed by the cause chain", () => {
    const error: ErrorInfo = {
      name: "Error",
      message: "payment failed",
      stack: "Error: payment failed\n    at charge (app.js:10:5)",
      cause: {
        name: "TypeError",
        message: "fetch failed",
        stack: "TypeError: fetch failed\n    at fetch (net.js:1:1)",
        cause: "ECONNREFUSED",
      },
    };
    const line = clefFormatter().format(event("Payment {PaymentId} failed", { PaymentId: "p-1" }, { level: "error", error }));
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.equal(
      parsed["@x"],
      "Error: payment failed\n    at charge (app.js:10:5)\n" +
        "Caused by: TypeError: fetch failed\n    at fetch (net.js:1:1)\n" +
        "Caused by: ECONNREFUSED",
    );
    assert.deepEqual(Object.keys(parsed), ["@t", "@mt", "@l", "@x", "@i", "PaymentId"]);
  });

  it("parses back with JSON.parse to the expected object, with awkward text and values", () => {
    const nasty = 'quote " backslash \\ nl \n tab \t nul \u0000 bell \u0007 emoji 🎉 lone \ud800 end';
    const value = { list: [1, 2.5, -3, null, true], nested: { s: nasty }, n: NaN, inf: -Infinity };
    const e = event("Got {@Value} and {Text}", { Value: value, Text: nasty, __0: "extra" }, {
      level: "debug",
      error: { name: "RangeError", message: "bad \u0001 range" },
    });
    const line = clefFormatter({ renderMessage: true }).format(e);
    assert.ok(line.endsWith("}\n"));
    assert.equal(line.indexOf("\n"), line.length - 1, "a single line");
    for (let i = 0; i < line.length - 1; i++) assert.ok(line.charCodeAt(i) >= 0x20, "no raw control characters");
    assert.ok(line.includes("\\ud800") && line.includes("🎉"));
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(parsed, {
      "@t": "2026-11-22T12:00:00.000Z",
      "@mt": "Got {@Value} and {Text}",
      "@m": parsed["@m"],
      "@l": "Debug",
      "@x": "RangeError: bad \u0001 range",
      "@i": eventIdText("Got {@Value} and {Text}"),
      Value: { list: [1, 2.5, -3, null, true], nested: { s: nasty }, n: "NaN", inf: "-Infinity" },
      Text: nasty,
      __0: "extra",
    });
    assert.equal(typeof parsed["@m"], "string");
  });

  it("writes null-prototype properties and a __proto__ property as data", () => {
    const properties = Object.create(null) as Record<string, LogValue>;
    Object.defineProperty(properties, "__proto__", { value: { a: 1 }, enumerable: true });
    const e: LogEvent = { timestamp: T0, level: "information", template: parseTemplate("x"), properties };
    const line = clefFormatter({ eventId: false }).format(e);
    assert.equal(line, '{"@t":"2026-11-22T12:00:00.000Z","@mt":"x","__proto__":{"a":1}}\n');
    assert.deepEqual(Object.keys(JSON.parse(line) as object), ["@t", "@mt", "__proto__"]);
  });

  it("formats many events with changing timestamps correctly (prefix cache)", () => {
    const f = clefFormatter({ eventId: false });
    for (let i = 0; i < 300; i++) {
      const ts = T0 + i * 337 - (i % 3) * 2000;
      const parsed = JSON.parse(f.format(event("x", {}, { timestamp: ts }))) as Record<string, unknown>;
      assert.equal(parsed["@t"], new Date(ts).toISOString());
    }
  });
});

describe("formatErrorText", () => {
  it("uses name: message when there is no stack, or a stack without the message", () => {
    assert.equal(formatErrorText({ name: "Error", message: "boom" }), "Error: boom");
    assert.equal(formatErrorText({ name: "AbortError", message: "" }), "AbortError");
    assert.equal(
      formatErrorText({ name: "Error", message: "boom", stack: "f@app.js:1:2\ng@app.js:3:4\n" }),
      "Error: boom\nf@app.js:1:2\ng@app.js:3:4",
    );
    assert.equal(
      formatErrorText({ name: "Error", message: "two\nlines", stack: "Error: two\nlines\n    at f" }),
      "Error: two\nlines\n    at f",
    );
  });

  it("writes non-error causes as text or JSON and bounds the chain", () => {
    assert.equal(formatErrorText({ name: "E", message: "m", cause: { code: 5 } }), 'E: m\nCaused by: {"code":5}');
    assert.equal(formatErrorText({ name: "E", message: "m", cause: null }), "E: m\nCaused by: null");
    let chain: ErrorInfo = { name: "E", message: "0" };
    for (let i = 1; i < 40; i++) chain = { name: "E", message: String(i), cause: chain };
    const text = formatErrorText(chain);
    assert.equal(text.split("\n").length, 18);
    assert.ok(text.endsWith("Caused by: \u2026"));
    assert.equal(isErrorInfo("x"), false);
    assert.equal(isErrorInfo({ name: "E", message: "m" }), true);
  });
});
