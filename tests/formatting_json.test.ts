import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jsonNumber, jsonString, jsonValue, MAX_JSON_DEPTH } from "../src/core/formatting/json_text.ts";
import { utf8ByteLength } from "../src/core/formatting/utf8_length.ts";
import type { LogValue } from "../src/core/events/log_value.ts";

describe("jsonString", () => {
  it("quotes plain text without changes", () => {
    assert.equal(jsonString("hello"), '"hello"');
    assert.equal(jsonString(""), '""');
    assert.equal(jsonString("x".repeat(100)), '"' + "x".repeat(100) + '"');
  });

  it("escapes quotes, backslashes and control characters (RFC 8259)", () => {
    assert.equal(jsonString('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(jsonString("\b\f\n\r\t"), '"\\b\\f\\n\\r\\t"');
    assert.equal(jsonString("\u0000\u0001\u001f"), '"\\u0000\\u0001\\u001f"');
    assert.equal(jsonString("\u007f"), '"\u007f"'); // DEL needs no escape
  });

  it("keeps valid surrogate pairs and escapes lone surrogates", () => {
    assert.equal(jsonString("🎉"), '"🎉"');
    assert.equal(jsonString("a\ud800b"), '"a\\ud800b"');
    assert.equal(jsonString("\udc00"), '"\\udc00"');
    assert.equal(jsonString("x".repeat(50) + "\ud83d"), '"' + "x".repeat(50) + '\\ud83d"');
  });

  it("round-trips every code unit through JSON.parse, short and long strings", () => {
    let all = "";
    for (let c = 0; c < 0x10000; c += 7) all += String.fromCharCode(c);
    for (const s of [all, all.slice(0, 30), "é€😀\u2028\u2029", "\ud800\udc00\ud800"]) {
      assert.equal(JSON.parse(jsonString(s)), s);
    }
  });
});

describe("jsonNumber and jsonValue", () => {
  it("writes numbers, NaN and Infinity as strings, -0 as 0", () => {
    assert.equal(jsonNumber(42), "42");
    assert.equal(jsonNumber(-1.5e-7), "-1.5e-7");
    assert.equal(jsonNumber(1e21), "1e+21");
    assert.equal(jsonNumber(-0), "0");
    assert.equal(jsonNumber(NaN), '"NaN"');
    assert.equal(jsonNumber(Infinity), '"Infinity"');
    assert.equal(jsonNumber(-Infinity), '"-Infinity"');
  });

  it("writes scalars, arrays and nested objects compactly", () => {
    const value: LogValue = { a: [1, "two", null, true, false], b: { c: { d: [] } }, e: {} };
    assert.equal(jsonValue(value), '{"a":[1,"two",null,true,false],"b":{"c":{"d":[]}},"e":{}}');
    assert.deepEqual(JSON.parse(jsonValue(value)), value);
  });

  it("writes null-prototype records, including a __proto__ key", () => {
    const rec = Object.create(null) as Record<string, LogValue>;
    rec.$type = "Point";
    rec.x = 1;
    Object.defineProperty(rec, "__proto__", { value: 2, enumerable: true });
    const text = jsonValue(rec);
    assert.equal(text, '{"$type":"Point","x":1,"__proto__":2}');
    const back = JSON.parse(text) as Record<string, unknown>;
    assert.ok(Object.hasOwn(back, "__proto__"));
  });

  it("never throws on values capture would have removed", () => {
    const odd = {
      u: undefined, f: () => 1, b: 10n, s: Symbol("s"),
    } as unknown as LogValue;
    assert.equal(jsonValue(odd), '{"u":null,"f":null,"b":"10","s":"Symbol(s)"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const text = jsonValue(cyclic as unknown as LogValue);
    assert.ok(text.includes('"\u2026"'));
    assert.equal(text.split("{").length - 1, MAX_JSON_DEPTH);
    const throwing = Object.defineProperty({ a: 1 }, "boom", {
      enumerable: true,
      get() {
        throw new Error("getter");
      },
    });
    assert.equal(jsonValue(throwing as unknown as LogValue), '{"a":1}');
  });
});

describe("utf8ByteLength", () => {
  const reference = (s: string) => new TextEncoder().encode(s).length;
  it("matches TextEncoder for ASCII, 2/3/4-byte characters and lone surrogates", () => {
    for (const s of ["", "abc", "é", "€", "😀", "a\ud800b", "\udc00", "héllo wörld 😀 €"]) {
      assert.equal(utf8ByteLength(s), reference(s), JSON.stringify(s));
      const long = s.repeat(50) + "x".repeat(70);
      assert.equal(utf8ByteLength(long), reference(long));
    }
  });

  it("counts text longer than one chunk, with a pair on the chunk boundary", () => {
    const big = "a".repeat(16_383) + "😀" + "é".repeat(20_000);
    assert.equal(utf8ByteLength(big), reference(big));
    const many = "[12:00:00 INF] hello 😀\n".repeat(5000);
    assert.equal(utf8ByteLength(many), reference(many));
  });
});
