import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseTemplate, parseTemplateUncached } from "../src/core/template/parse_template.ts";
import { renderTemplate, renderValue } from "../src/core/template/render_template.ts";
import { bindProperties } from "../src/core/template/bind_properties.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";

const RUNS = { numRuns: 300 };

/** Strings made mostly of template syntax, so holes (good and bad) are common. */
const templateText = fc.string({
  unit: fc.constantFrom("{", "}", "@", "$", ",", ":", "-", "0", "1", "9", "a", "Z", "_", " ", ".", "l", "j", "é", "😀", "\n", "\ud800"),
  maxLength: 40,
});
const anyText = fc.oneof(templateText, fc.string({ unit: "binary", maxLength: 60 }));
const braceFree = fc.string({ unit: "binary", maxLength: 60 }).map((s) => s.replace(/[{}]/g, ""));
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<LogValue>;

function escape(text: string): string {
  return text.replace(/\{/g, "{{").replace(/\}/g, "}}");
}

describe("template properties", () => {
  test("parse never throws and yields frozen, consistent templates", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const t = parseTemplateUncached(text);
        assert.equal(t.text, text);
        assert.ok(Object.isFrozen(t) && Object.isFrozen(t.tokens));
        assert.deepEqual(t.properties, t.tokens.filter((tok) => tok.kind === "property"));
        assert.equal(t.propertyNames.length, new Set(t.properties.map((p) => p.name)).size);
        assert.equal(t.propertyHints.length, t.propertyNames.length);
        for (const p of t.properties) {
          assert.equal(p.raw[0], "{");
          assert.equal(p.raw[p.raw.length - 1], "}");
          assert.ok(text.includes(p.raw));
        }
        for (let i = 1; i < t.tokens.length; i++) {
          assert.ok(!(t.tokens[i].kind === "text" && t.tokens[i - 1].kind === "text"), "adjacent text tokens");
        }
        assert.deepEqual(parseTemplate(text), t);
      }),
      RUNS,
    );
  });

  test("rendering without values shows every hole's own text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const t = parseTemplate(text);
        const expected = t.tokens.map((tok) => (tok.kind === "text" ? tok.text : tok.raw)).join("");
        assert.equal(renderTemplate(t, Object.create(null)), expected);
      }),
      RUNS,
    );
  });

  test("render never throws, whatever the properties", () => {
    const props = fc.dictionary(fc.oneof(name, fc.constantFrom("0", "1", "a", "__proto__")), fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true, withBoxedValues: true }));
    fc.assert(
      fc.property(anyText, props, fc.boolean(), (text, properties, quote) => {
        const out = renderTemplate(text, properties as LogProperties, { quoteStrings: quote });
        assert.equal(typeof out, "string");
      }),
      RUNS,
    );
  });

  test("renderValue never throws for any value and format", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withDate: true }), fc.option(templateText), (value, format) => {
        assert.equal(typeof renderValue(value as LogValue, format ?? undefined), "string");
      }),
      RUNS,
    );
  });

  test("brace-free text round-trips unchanged", () => {
    fc.assert(
      fc.property(braceFree, (text) => {
        const t = parseTemplate(text);
        assert.deepEqual(t.properties, []);
        assert.equal(renderTemplate(t, Object.create(null)), text);
      }),
      RUNS,
    );
  });

  test("escaped text round-trips: {{ and }} render as single braces", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const t = parseTemplate(escape(text));
        assert.deepEqual(t.properties, []);
        assert.equal(renderTemplate(t, Object.create(null)), text);
      }),
      RUNS,
    );
  });

  test("well-formed holes bind and render their values", () => {
    const segment = fc.tuple(braceFree, name, jsonValue);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), braceFree, (segments, tail) => {
        const text = segments.map(([lit, n]) => escape(lit) + "{" + n + "}").join("") + escape(tail);
        const t = parseTemplate(text);
        // One value per hole, as Serilog binds them: a repeated name keeps the last.
        const lastValue = new Map<string, LogValue>();
        for (const [, n, v] of segments) lastValue.set(n, v);
        assert.deepEqual(t.propertyNames, [...lastValue.keys()]);
        const target: Record<string, LogValue> = Object.create(null);
        bindProperties(t, segments.map(([, , v]) => v), 0, target);
        const expected = segments.map(([lit, n]) => lit + renderValue(lastValue.get(n) as LogValue)).join("") + tail;
        assert.equal(renderTemplate(t, target), expected);
      }),
      RUNS,
    );
  });
});
