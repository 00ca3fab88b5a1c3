import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate, parseTemplateUncached } from "../src/core/template/parse_template.ts";
import { TemplateCache, templateCache } from "../src/core/template/template_cache.ts";
import type { MessageTemplate, TemplateToken } from "../src/core/template/message_template.ts";
import { templateHoles, templateTokens } from "../src/core/template/template_arrays.ts";

/** The tokens as plain `[kind, text-or-raw]` pairs, for compact assertions. */
function shape(t: MessageTemplate): string[][] {
  return t.tokens.map((tok: TemplateToken) => (tok.kind === "text" ? ["text", tok.text] : ["hole", tok.raw]));
}

describe("parseTemplate: holes", () => {
  test("a named hole between text", () => {
    const t = parseTemplate("User {UserId} logged in");
    assert.deepEqual(shape(t), [["text", "User "], ["hole", "{UserId}"], ["text", " logged in"]]);
    assert.deepEqual(t.tokens[1], { kind: "property", name: "UserId", raw: "{UserId}", hint: "default" });
    assert.deepEqual(t.propertyNames, ["UserId"]);
    assert.deepEqual(t.propertyHints, ["default"]);
    assert.equal(t.positional, false);
    assert.equal(t.text, "User {UserId} logged in");
  });

  test("capture hints @ and $", () => {
    const t = parseTemplate("{@Client} {$Agent} {Plain}");
    assert.deepEqual(t.propertyNames, ["Client", "Agent", "Plain"]);
    assert.deepEqual(t.propertyHints, ["destructure", "stringify", "default"]);
  });

  test("alignment and format", () => {
    const t = parseTemplate("{Name,10}{Name,-10}{Count:05d}{@Client,-8:l}{Ratio:.2f}");
    assert.deepEqual(t.properties, [
      { kind: "property", name: "Name", raw: "{Name,10}", hint: "default", alignment: 10 },
      { kind: "property", name: "Name", raw: "{Name,-10}", hint: "default", alignment: -10 },
      { kind: "property", name: "Count", raw: "{Count:05d}", hint: "default", format: "05d" },
      { kind: "property", name: "Client", raw: "{@Client,-8:l}", hint: "destructure", alignment: -8, format: "l" },
      { kind: "property", name: "Ratio", raw: "{Ratio:.2f}", hint: "default", format: ".2f" },
    ]);
    assert.deepEqual(t.propertyNames, ["Name", "Count", "Client", "Ratio"]);
  });

  test("a format may contain anything but a closing brace", () => {
    const t = parseTemplate("{When:yyyy-MM-dd HH:mm:ss,fff} {X:a{b}");
    assert.equal(t.properties[0].format, "yyyy-MM-dd HH:mm:ss,fff");
    assert.equal(t.properties[1].format, "a{b");
  });

  test("an empty format is no format", () => {
    const t = parseTemplate("{Name:}");
    assert.deepEqual(t.properties, [{ kind: "property", name: "Name", raw: "{Name:}", hint: "default" }]);
  });

  test("alignment is clamped to ±1024", () => {
    assert.equal(parseTemplate("{A,99999999}").properties[0].alignment, 1024);
    assert.equal(parseTemplate("{A,-99999999}").properties[0].alignment, -1024);
  });

  test("names: letters, digits, underscore, Unicode identifier characters", () => {
    const t = parseTemplate("{user_id2} {Ünïcødé} {名前} {_}");
    assert.deepEqual(t.propertyNames, ["user_id2", "Ünïcødé", "名前", "_"]);
  });
});

describe("parseTemplate: binding order", () => {
  test("all-numeric holes are positional, ordered by index", () => {
    const t = parseTemplate("{1} then {0}");
    assert.equal(t.positional, true);
    assert.deepEqual(t.propertyNames, ["0", "1"]);
    assert.equal(t.properties[0].position, 1);
    assert.equal(t.properties[1].position, 0);
  });

  test("mixed numeric and named holes bind left to right", () => {
    const t = parseTemplate("{B} {0} {A}");
    assert.equal(t.positional, false);
    assert.deepEqual(t.propertyNames, ["B", "0", "A"]);
  });

  test("a repeated name binds once, with the hint of its first appearance", () => {
    const t = parseTemplate("{@A} {B} {A}");
    assert.deepEqual(t.propertyNames, ["A", "B"]);
    assert.deepEqual(t.propertyHints, ["destructure", "default"]);
    assert.equal(t.properties.length, 3);
  });

  test("a template without holes is not positional", () => {
    const t = parseTemplate("just text");
    assert.equal(t.positional, false);
    assert.deepEqual(t.propertyNames, []);
    assert.deepEqual(shape(t), [["text", "just text"]]);
  });

  test("the empty template has no tokens", () => {
    assert.deepEqual(parseTemplate("").tokens, []);
  });
});

describe("parseTemplate: escapes and malformed holes", () => {
  test("{{ and }} are literal braces", () => {
    const t = parseTemplate("{{literal}} {Name} }}");
    assert.deepEqual(shape(t), [["text", "{literal} "], ["hole", "{Name}"], ["text", " }"]]);
  });

  const malformed: Array<[string, string]> = [
    ["{", "{"],
    ["a { b", "a { b"],
    ["{ }", "{ }"],
    ["{}", "{}"],
    ["{Name", "{Name"],
    ["{Na me}", "{Na me}"],
    ["{Name,x}", "{Name,x}"],
    ["{Name,}", "{Name,}"],
    ["{Name,-}", "{Name,-}"],
    ["{Name, 5}", "{Name, 5}"],
    ["{@}", "{@}"],
    ["{$}", "{$}"],
    ["{@$Name}", "{@$Name}"],
    ["{:fmt}", "{:fmt}"],
    ["{,5}", "{,5}"],
    ["{.Name}", "{.Name}"],
    ["{Na..me}", "{Na..me}"],
    ["{0a}", "{0a}"],
    ["{Na-me}", "{Na-me}"],
    ["lone } brace", "lone } brace"],
  ];
  for (const [input, literal] of malformed) {
    test(`${JSON.stringify(input)} is literal text`, () => {
      const t = parseTemplate(input);
      assert.deepEqual(t.properties, []);
      assert.deepEqual(shape(t), [["text", literal]]);
    });
  }

  test("a hole ends at the first }: a malformed one is literal up to there, as Serilog parses it", () => {
    const t = parseTemplate("{Broken {Name} x {Good}");
    assert.deepEqual(shape(t), [["text", "{Broken {Name} x "], ["hole", "{Good}"]]);
    assert.deepEqual(t.propertyNames, ["Good"]);
  });

  test("a malformed hole keeps its escapes as written", () => {
    assert.deepEqual(shape(parseTemplate("{a{{b}}")), [["text", "{a{{b}}"]]);
  });

  test("dotted names are names", () => {
    assert.deepEqual(parseTemplate("{http.method} {te.st.na.me}").propertyNames, ["http.method", "te.st.na.me"]);
  });

  test("adjacent text is merged into one token", () => {
    assert.deepEqual(shape(parseTemplate("a {{ b {Na me} c }} d")), [["text", "a { b {Na me} c } d"]]);
  });
});

describe("parseTemplate: robustness and caching", () => {
  test("non-string input is converted, never thrown", () => {
    assert.equal(parseTemplate(42 as unknown as string).text, "42");
    assert.equal(parseTemplate(undefined as unknown as string).text, "undefined");
    assert.equal(parseTemplate(null as unknown as string).text, "null");
    assert.equal(parseTemplate(Symbol("s") as unknown as string).text, "Symbol(s)");
    const hostile = { toString() { throw new Error("no"); } };
    assert.equal(parseTemplate(hostile as unknown as string).text, "[Threw: no]");
    assert.equal(parseTemplate(Object.create(null) as string).properties.length, 0);
  });

  test("templates are deeply frozen", () => {
    const t = parseTemplate("Hi {Name}!");
    assert.ok(Object.isFrozen(t));
    assert.ok(Object.isFrozen(t.tokens));
    assert.ok(Object.isFrozen(t.tokens[0]));
    assert.ok(Object.isFrozen(t.tokens[1]));
    assert.ok(Object.isFrozen(t.properties));
    assert.ok(Object.isFrozen(t.propertyNames));
    assert.ok(Object.isFrozen(t.propertyHints));
  });

  test("the hot loops read copies of the frozen arrays with the same tokens, invisible to users", () => {
    const t = parseTemplate("Hi {Name}, {@Order} and {$Id,5:x}!");
    assert.deepEqual(templateTokens(t), t.tokens);
    assert.deepEqual(templateHoles(t), t.properties);
    for (let i = 0; i < t.tokens.length; i++) assert.equal(templateTokens(t)[i], t.tokens[i], "the same token objects");
    assert.deepEqual(Reflect.ownKeys(t), ["text", "tokens", "properties", "propertyNames", "propertyHints", "positional"], "no key leads to the copies");
    assert.deepEqual(JSON.parse(JSON.stringify(t)).tokens.length, t.tokens.length);
    // A template made by hand is read as it is.
    const manual = { text: "x {A}", tokens: t.tokens, properties: t.properties, propertyNames: ["A"], propertyHints: [], positional: false };
    assert.equal(templateHoles(manual), t.properties);
    assert.equal(templateTokens(manual), t.tokens);
  });

  test("a repeated template is served from the cache", () => {
    const text = "cache test {A} " + Math.random();
    const first = parseTemplate(text);
    assert.equal(parseTemplate(text), first);
    assert.equal(templateCache.get(text), first);
    assert.notEqual(parseTemplateUncached(text), first);
    assert.deepEqual(parseTemplateUncached(text), first);
  });

  test("long templates are not cached", () => {
    const text = "{A}" + "x".repeat(5000);
    const first = parseTemplate(text);
    assert.equal(templateCache.get(text), undefined);
    assert.deepEqual(parseTemplate(text), first);
  });

  test("TemplateCache is bounded and evicts the oldest entry", () => {
    const cache = new TemplateCache(2, 10);
    const t = parseTemplateUncached("x");
    cache.set("a", t);
    cache.set("b", t);
    cache.set("c", t);
    assert.equal(cache.size, 2);
    assert.equal(cache.get("a"), undefined);
    assert.equal(cache.get("c"), t);
    cache.set("0123456789ab", t);
    assert.equal(cache.get("0123456789ab"), undefined);
    cache.clear();
    assert.equal(cache.size, 0);
    const none = new TemplateCache(0, 10);
    none.set("a", t);
    assert.equal(none.size, 0);
  });

  test("the shared cache never exceeds its bound", () => {
    for (let i = 0; i < 1500; i++) parseTemplate("bound test " + i + " {X}");
    assert.ok(templateCache.size <= templateCache.maxEntries);
    assert.equal(templateCache.maxEntries, 1000);
    assert.equal(templateCache.maxLength, 4096);
  });
});
