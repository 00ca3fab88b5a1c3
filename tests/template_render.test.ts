import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import {
  renderOptionsFromFormat,
  renderTemplate,
  renderValue,
} from "../src/core/template/render_template.ts";
import { formatNumber } from "../src/core/template/format_number.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";
import fc from "fast-check";
import { renderTemplateInto } from "../src/core/template/render_template_bytes.ts";
import { Utf8Writer } from "../src/core/formatting/batch_encoder.ts";

function props(record: Record<string, LogValue>): LogProperties {
  return Object.assign(Object.create(null) as LogProperties, record);
}

describe("renderTemplate", () => {
  test("renders values the way @m shows them", () => {
    const out = renderTemplate(
      "User {UserId} logged in from {@Client} as {Name}",
      props({ UserId: 42, Client: { ip: "10.0.0.1" }, Name: "Alice" }),
    );
    assert.equal(out, 'User 42 logged in from {"ip":"10.0.0.1"} as "Alice"');
  });

  test("accepts a parsed template", () => {
    const t = parseTemplate("{A} and {B}");
    assert.equal(renderTemplate(t, props({ A: true, B: null })), "true and null");
  });

  test("a hole without a value renders as its own text", () => {
    assert.equal(renderTemplate("{Present} {Missing,5:x} {@Gone}", props({ Present: 1 })), "1 {Missing,5:x} {@Gone}");
  });

  test("inherited members of an ordinary properties object are not values", () => {
    assert.equal(renderTemplate("{constructor} {toString} {A}", { A: 1 }), "{constructor} {toString} 1");
  });

  test("escapes render as single braces; malformed holes verbatim", () => {
    assert.equal(renderTemplate("{{A}} {A} {Na me} }", props({ A: 1 })), "{A} 1 {Na me} }");
  });

  test(":l renders strings without quotes", () => {
    assert.equal(renderTemplate("{Name:l} {Name}", props({ Name: "Ada" })), 'Ada "Ada"');
  });

  test("strings are quoted with JSON escaping", () => {
    assert.equal(renderTemplate("{S}", props({ S: 'say "hi"\nnow' })), '"say \\"hi\\"\\nnow"');
  });

  test(":j renders JSON; :lj leaves strings bare", () => {
    const p = props({ S: "x", O: { a: [1, "b"] }, N: Number.NaN });
    assert.equal(renderTemplate("{S:j} {O:j} {N:j}", p), '"x" {"a":[1,"b"]} null');
    assert.equal(renderTemplate("{S:lj} {O:lj}", p), 'x {"a":[1,"b"]}');
  });

  test("quoteStrings: false (a formatter's {Message:l}) leaves top-level strings bare", () => {
    const p = props({ S: "x", O: { s: "y" } });
    assert.equal(renderTemplate("{S} {O} {S:j}", p, { quoteStrings: false }), 'x {"s":"y"} "x"');
    assert.equal(renderTemplate("{S}", p, renderOptionsFromFormat("lj")), "x");
    assert.equal(renderTemplate("{S}", p, renderOptionsFromFormat("l")), "x");
    assert.equal(renderTemplate("{S}", p, renderOptionsFromFormat("j")), '"x"');
    assert.equal(renderTemplate("{S}", p, renderOptionsFromFormat(undefined)), '"x"');
  });

  test("alignment pads: positive right-aligns, negative left-aligns", () => {
    const p = props({ N: 7, S: "ab" });
    assert.equal(renderTemplate("[{N,4}] [{N,-4}] [{S,6}] [{S,-6:l}]", p), '[   7] [7   ] [  "ab"] [ab    ]');
    assert.equal(renderTemplate("[{S,1}]", p), '["ab"]');
  });

  test("alignment combines with a number format", () => {
    assert.equal(renderTemplate("[{P,8:.2f}]", props({ P: 3.14159 })), "[    3.14]");
  });

  test("arrays and class-like structures render as compact JSON", () => {
    const p = props({ A: [1, "two", null, [true]], P: { $type: "Point", x: 1, y: 2 } });
    assert.equal(renderTemplate("{A} {P}", p), '[1,"two",null,[true]] {"$type":"Point","x":1,"y":2}');
  });

  test("numbers: plain, non-finite, formatted", () => {
    const p = props({ A: 1.5, B: Number.POSITIVE_INFINITY, C: Number.NaN, D: -0, E: 42 });
    assert.equal(renderTemplate("{A} {B} {C} {D} {E:05d} {E:x} {E:unknown}", p), "1.5 Infinity NaN 0 00042 2a 42");
  });

  test("positional templates", () => {
    assert.equal(renderTemplate("{1} before {0}", props({ 0: "a", 1: "b" })), '"b" before "a"');
  });

  test("never throws on hostile input", () => {
    const hostile = new Proxy({}, {
      has() { throw new Error("has"); },
      get() { throw new Error("get"); },
      getOwnPropertyDescriptor() { throw new Error("gopd"); },
    });
    assert.equal(renderTemplate("Hi {A}", hostile as LogProperties), "Hi {A}");
    assert.equal(renderTemplate("Hi {A}", null as unknown as LogProperties), "Hi {A}");
    assert.equal(renderTemplate("Hi {A}", undefined as unknown as LogProperties), "Hi {A}");
    assert.equal(renderTemplate(42 as unknown as string, props({})), "42");
    assert.equal(renderTemplate(null as unknown as string, props({})), "null");
    assert.equal(renderTemplate({ text: "weird" } as unknown as string, props({})), "[object Object]");
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const p = props({ C: cyclic as unknown as LogValue, B: 10n as unknown as LogValue, U: undefined as unknown as LogValue });
    assert.equal(renderTemplate("{C} {B} {U}", p), '{"a":1,"self":"[Circular]"} 10 {U}');
  });
});

describe("renderValue", () => {
  test("scalars", () => {
    assert.equal(renderValue("Ada"), '"Ada"');
    assert.equal(renderValue("Ada", "l"), "Ada");
    assert.equal(renderValue("Ada", undefined, { quoteStrings: false }), "Ada");
    assert.equal(renderValue("Ada", "05d"), '"Ada"');
    assert.equal(renderValue(null), "null");
    assert.equal(renderValue(false), "false");
    assert.equal(renderValue(7, "03d"), "007");
    assert.equal(renderValue(7, ""), "7");
  });

  test("structures", () => {
    assert.equal(renderValue({ ip: "10.0.0.1", ports: [80] }), '{"ip":"10.0.0.1","ports":[80]}');
    assert.equal(renderValue([]), "[]");
    assert.equal(renderValue({ n: Number.NaN }), '{"n":null}');
    const proto = Object.create(null);
    proto["__proto__"] = 1;
    assert.equal(renderValue(proto), '{"__proto__":1}');
  });

  test("values that are not LogValues are captured first", () => {
    assert.equal(renderValue(undefined as unknown as LogValue), "null");
    assert.equal(renderValue(12n as unknown as LogValue), "12");
    assert.equal(renderValue(Symbol("s") as unknown as LogValue), '"Symbol(s)"');
    assert.equal(renderValue(Symbol("s") as unknown as LogValue, "l"), "Symbol(s)");
    assert.equal(renderValue((() => 1) as unknown as LogValue, "l"), "[Function (anonymous)]");
    assert.equal(renderValue(new Date(0) as unknown as LogValue), '"1970-01-01T00:00:00.000Z"');
  });
});

describe("formatNumber", () => {
  const cases: Array<[number, string, string]> = [
    [42, "d", "42"],
    [42.9, "d", "42"],
    [-42.9, "d", "-42"],
    [-0.5, "d", "0"],
    [42, "05d", "00042"],
    [-42, "05d", "-0042"],
    [42, "5d", "   42"],
    [42, "-5d", "42   "],
    [42, "+d", "+42"],
    [42, " d", " 42"],
    [42, ".4d", "0042"],
    [3.14159, ".2f", "3.14"],
    [3.14159, "f", "3.141590"],
    [3.14159, "8.3f", "   3.142"],
    [-3.14159, "08.3f", "-003.142"],
    [255, "x", "ff"],
    [255, "X", "FF"],
    [255, "08x", "000000ff"],
    [255, "#x", "0xff"],
    [-255, "x", "-ff"],
    [8, "o", "10"],
    [5, "b", "101"],
    [5, "08b", "00000101"],
    [1234.5, "e", "1.234500e+03"],
    [1234.5, ".2e", "1.23e+03"],
    [1234.5, "E", "1.234500E+03"],
    [0.000123, ".1e", "1.2e-04"],
    [1234.5, "g", "1234.5"],
    [0.0001, "g", "0.0001"],
    [123456789, "g", "1.23457e+08"],
    [100, "g", "100"],
    [1e21, "d", "1000000000000000000000"],
    [Number.NaN, "05d", "  NaN"],
    [Number.NEGATIVE_INFINITY, ".2f", "-Infinity"],
    [Number.POSITIVE_INFINITY, "X", "Infinity"],
    [42, "D5", "00042"],
    [3.14159, "F2", "3.14"],
    [3.14159, "F0", "3"],
    [1234567.891, "N2", "1,234,567.89"],
    [-1234567.891, "N0", "-1,234,568"],
    [999, "N", "999.00"],
    [0.1234, "P1", "12.3%"],
    [255, "X4", "00FF"],
    [255, "x4", "00ff"],
    [1234.5, "E2", "1.23E+03"],
    [3.14159, "F", "3.141590"],
  ];
  for (const [value, format, expected] of cases) {
    test(`${value} with ${JSON.stringify(format)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(formatNumber(value, format), expected);
    });
  }

  test("unknown formats are not number formats", () => {
    for (const format of ["", "l", "j", "yyyy", "5", ".2", "dd", "HH:mm", "q", "0.00E+00", "N1234", "99999d", ".1234f"]) {
      assert.equal(formatNumber(1, format), undefined, format);
    }
  });

  test(".NET custom formats (invariant culture)", () => {
    const cases: Array<[number, string, string]> = [
      [1.23456, "0.0000", "1.2346"], [12, "0000", "0012"], [1234.5, "#,##0.00", "1,234.50"],
      [0.5, "0.0%", "50.0%"], [1234567, "0,,.0", "1.2"], [-2, "0.0;(0.0)", "(2.0)"],
      [0, "0.0;-0.0;zero", "zero"], [5551234567, "(###) ###-####", "(555) 123-4567"],
      [1.5, "0.##", "1.5"], [1, "0.##", "1"], [0.45, "#.##", ".45"], [-1.5, "0.0", "-1.5"],
      [-0.001, "0.00", "0.00"], [12, "0 ms", "12 ms"], [42, "'#'0", "#42"], [Number.NaN, "0.0", "NaN"],
      [-Infinity, "0.0", "-Infinity"],
    ];
    for (const [value, format, expected] of cases) assert.equal(formatNumber(value, format), expected, `${value} ${format}`);
  });

  test("huge widths and precisions are bounded", () => {
    assert.equal(formatNumber(1, "9999d")?.length, 9999);
    assert.equal(formatNumber(1, ".999f"), (1).toFixed(100));
  });
});

describe("renderTemplateInto", () => {
  const hole = fc.oneof(
    fc.constantFrom<LogValue>(NaN, Infinity, -Infinity, -0, 0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53, true, false, null, "", '"q"', "a\\b", "\n", "\ud800", "é", "🎉"),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.constant<LogValue>({ a: [1, "x"] }),
    fc.constant<LogValue>([1, 2]),
  );
  const template = fc.constantFrom("{A}", "a {A} b {B}", "{A,5} {B}", "{A:l} {B}", "{B:0.00} {A}", "{{x}} {A} {Missing}", "{0} {1}", "lone \ud800 {A}", "");

  test("writes exactly the UTF-8 of renderTemplate when it says it did (plain holes: strings, finite numbers, booleans, null, missing)", () => {
    fc.assert(
      fc.property(template, hole, hole, (text, a, b) => {
        const t = parseTemplate(text);
        const properties = props({ A: a, B: b, 0: a, 1: b });
        const w = new Utf8Writer(new Uint8Array(4));
        if (renderTemplateInto(w, t, properties)) {
          // Bytes, not text: UTF-8 has no lone surrogates (the encoder writes U+FFFD for both).
          assert.deepEqual(w.view(), new TextEncoder().encode(renderTemplate(t, properties)));
        } else {
          // Only an unplain hole sends a message to the string path.
          const plain = (v: LogValue) => typeof v === "string" || typeof v === "boolean" || v === null || (typeof v === "number" && Number.isFinite(v));
          assert.ok(t.properties.some((h) => h.format !== undefined || h.alignment !== undefined || (Object.hasOwn(properties, h.name) && !plain(properties[h.name]))));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("non-finite numbers, structures and formats go to the string path", () => {
    for (const value of [NaN, Infinity, -Infinity, { a: 1 }, [1]] as LogValue[]) {
      assert.equal(renderTemplateInto(new Utf8Writer(new Uint8Array(8)), parseTemplate("v {A}"), props({ A: value })), false, String(value));
    }
    assert.equal(renderTemplateInto(new Utf8Writer(new Uint8Array(8)), parseTemplate("v {A:l}"), props({ A: "x" })), false);
  });
});
