import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { bindProperties } from "../src/core/template/bind_properties.ts";
import { renderTemplate } from "../src/core/template/render_template.ts";
import type { LogValue } from "../src/core/events/log_value.ts";
import { np } from "./_helpers/null_prototype.ts";

function bind(text: string, values: unknown[], start = 0): Record<string, LogValue> {
  const target: Record<string, LogValue> = Object.create(null);
  bindProperties(parseTemplate(text), values, start, target);
  return target;
}

describe("bindProperties", () => {
  test("binds named holes left to right from `start`", () => {
    const out = bind("User {UserId} from {@Client}", ["ignored", 42, { ip: "10.0.0.1" }], 1);
    assert.deepEqual(out, np({ UserId: 42, Client: { ip: "10.0.0.1" } }));
    assert.equal(Object.getPrototypeOf(out.Client), null);
  });

  test("extra values of a named template are kept as __N, N being the value's index (Serilog)", () => {
    assert.deepEqual(bind("{A}", ["skip", 1, 2, 3], 1), np({ A: 1, __1: 2, __2: 3 }));
    const many = Array.from({ length: 40 }, (_, i) => i);
    const out = bind("{A}", many);
    assert.equal(out.A, 0);
    assert.equal(out.__0, undefined);
    assert.equal(out.__1, 1);
    assert.equal(out.__31, 31);
    assert.equal(out.__39, 39);
  });

  test("missing values are not bound", () => {
    const out = bind("{A} {B} {C}", [1]);
    assert.deepEqual(out, np({ A: 1 }));
    assert.equal(renderTemplate("{A} {B} {C}", out), "1 {B} {C}");
  });

  test("a template without holes keeps no values (Serilog drops them)", () => {
    assert.deepEqual(bind("no holes", ["a", "b"]), np({}));
    assert.deepEqual(bind("", ["a"]), np({}));
  });

  test("each hole takes a value, repeats included: the last one wins (Serilog)", () => {
    assert.deepEqual(bind("{A} {B} {A}", [1, 2, 3]), np({ A: 3, B: 2 }));
    assert.deepEqual(bind("{A} {B} {A}", [1, 2]), np({ A: 1, B: 2 }));
  });

  test("positional holes bind by index", () => {
    assert.deepEqual(bind("{1} {0}", ["zero", "one"]), np({ 0: "zero", 1: "one" }));
    // Serilog drops the values no positional hole names.
    assert.deepEqual(bind("{0} {0}", ["a", "b"]), np({ 0: "a" }));
    assert.deepEqual(bind("{2} {0}", ["a", "b", "c", "d"]), np({ 0: "a", 2: "c" }));
    assert.deepEqual(bind("{3}", ["a"]), np({}));
    assert.deepEqual(bind("{00} {0}", ["a"]), np({ 0: "a", "00": "a" }));
    assert.deepEqual(bind("{1}", ["x", "a", "b"], 1), np({ 1: "b" }));
  });

  test("mixed numeric and named holes bind left to right", () => {
    assert.deepEqual(bind("{1} {Name}", ["a", "b"]), np({ 1: "a", Name: "b" }));
  });

  test("capture hints apply", () => {
    const values = [{ ip: "10.0.0.1" }, [1, 2], 5, null, undefined];
    const out = bind("{@A} {$B} {$C} {$D} {E}", values);
    assert.deepEqual(out, np({ A: { ip: "10.0.0.1" }, B: "[1,2]", C: "5", D: null, E: null }));
  });

  test("values are snapshots", () => {
    const client = { ip: "10.0.0.1", tags: ["a"] };
    const out = bind("{@Client}", [client]);
    client.ip = "changed";
    client.tags.push("b");
    assert.deepEqual(out, np({ Client: { ip: "10.0.0.1", tags: ["a"] } }));
  });

  test("limits are passed to capture", () => {
    const target: Record<string, LogValue> = Object.create(null);
    const limits = { maxDepth: 1, maxStringLength: 3, maxCollectionItems: 2 };
    bindProperties(parseTemplate("{S} {O} {$T}"), ["abcdef", { a: { b: 1 } }, "wxyz", [1, 2, 3]], 0, target, limits);
    assert.deepEqual(target, np({ S: "abc…[+3 chars]", O: { a: "[Object]" }, T: "wxy…[+1 chars]", __3: [1, 2, "…[+1 more]"] }));
  });

  test("works with `arguments`-like values and odd starts", () => {
    const argsLike = { length: 2, 0: "a", 1: "b" };
    const target: Record<string, LogValue> = Object.create(null);
    bindProperties(parseTemplate("{X}"), argsLike, 0, target);
    assert.deepEqual(target, np({ X: "a", __1: "b" }));
    assert.deepEqual(bind("{X}", ["a"], 5), np({}));
    assert.deepEqual(bind("{X}", ["a"], -3), np({ X: "a" }));
    assert.deepEqual(bind("{X}", ["a"], Number.NaN), np({ X: "a" }));
  });

  test("never throws on hostile values or a frozen target", () => {
    const values = new Proxy(["a"], { get() { throw new Error("get"); } });
    const target: Record<string, LogValue> = Object.create(null);
    bindProperties(parseTemplate("{X}"), values, 0, target);
    assert.deepEqual(target, np({}));
    const frozen = Object.freeze(Object.create(null)) as Record<string, LogValue>;
    bindProperties(parseTemplate("{X}"), ["a"], 0, frozen);
    assert.deepEqual(Object.keys(frozen), []);
  });

  test("__proto__ as a hole name is an ordinary key", () => {
    const out = bind("{__proto__}", [{ polluted: true }]);
    assert.deepEqual(Object.keys(out), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
