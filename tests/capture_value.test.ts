import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { captureValue } from "../src/core/capture/capture_value.ts";
import { DEFAULT_CAPTURE_LIMITS, truncateString } from "../src/core/capture/capture_limits.ts";
import { safeString, thrownMessage } from "../src/core/capture/safe_string.ts";
import { np } from "./_helpers/null_prototype.ts";

describe("captureValue: primitives", () => {
  test("strings, numbers, booleans are kept", () => {
    assert.equal(captureValue("hello"), "hello");
    assert.equal(captureValue(1.5), 1.5);
    assert.ok(Number.isNaN(captureValue(Number.NaN)));
    assert.equal(captureValue(Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY);
    assert.equal(captureValue(true), true);
  });

  test("null and undefined become null", () => {
    assert.equal(captureValue(null), null);
    assert.equal(captureValue(undefined), null);
  });

  test("BigInt: a number when safe, else its digits", () => {
    assert.equal(captureValue(42n), 42);
    assert.equal(captureValue(-(2n ** 53n) + 1n), -9007199254740991);
    assert.equal(captureValue(2n ** 64n), "18446744073709551616");
    assert.equal(captureValue(-(2n ** 64n)), "-18446744073709551616");
  });

  test("symbols and functions become descriptive strings", () => {
    assert.equal(captureValue(Symbol("id")), "Symbol(id)");
    assert.equal(captureValue(Symbol()), "Symbol()");
    assert.equal(captureValue(function handler() {}), "[Function handler]");
    assert.equal(captureValue(() => 1), "[Function (anonymous)]");
    assert.equal(captureValue(class Point {}), "[Function Point]");
  });

  test("long strings are cut visibly, never inside a surrogate pair", () => {
    const limits = { maxDepth: 8, maxStringLength: 5, maxCollectionItems: 10 };
    assert.equal(captureValue("abcdefgh", "default", limits), "abcde…[+3 chars]");
    assert.equal(captureValue("abcd😀xyz", "default", limits), "abcd…[+5 chars]");
    assert.equal(captureValue("abcde", "default", limits), "abcde");
    const long = "x".repeat(DEFAULT_CAPTURE_LIMITS.maxStringLength + 10);
    assert.equal(captureValue(long), "x".repeat(DEFAULT_CAPTURE_LIMITS.maxStringLength) + "…[+10 chars]");
    assert.equal(truncateString("abcdef", 0), "…[+6 chars]");
  });
});

describe("captureValue: the stringify hint", () => {
  test("captures String(value)", () => {
    assert.equal(captureValue(5, "stringify"), "5");
    assert.equal(captureValue(true, "stringify"), "true");
    assert.equal(captureValue(10n, "stringify"), "10");
    assert.equal(captureValue(Symbol("s"), "stringify"), "Symbol(s)");
    assert.equal(captureValue(new URL("https://example.com/a"), "stringify"), "https://example.com/a");
    assert.equal(captureValue(null, "stringify"), null);
    assert.equal(captureValue(undefined, "stringify"), null);
    class Money {
      toString(): string {
        return "12.50 EUR";
      }
    }
    assert.equal(captureValue(new Money(), "stringify"), "12.50 EUR");
  });

  test("collections and plain objects, whose String says nothing, capture their contents as JSON", () => {
    assert.equal(captureValue([1, 2], "stringify"), "[1,2]");
    assert.equal(captureValue({}, "stringify"), "{}");
    assert.equal(captureValue({ a: [1, "x"] }, "stringify"), '{"a":[1,"x"]}');
    assert.equal(captureValue(new Map<unknown, unknown>([["a", 1], [true, 2]]), "stringify"), '{"a":1,"true":2}');
    assert.equal(captureValue(new Set(["x", "y"]), "stringify"), '["x","y"]');
    assert.equal(captureValue(new Uint8Array([7, 8]), "stringify"), "[7,8]");
    assert.equal(captureValue(Object.create(null), "stringify"), "{}");
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    assert.equal(captureValue(cyclic, "stringify"), '[1,"[Circular]"]');
    const limits = { maxDepth: 4, maxStringLength: 8, maxCollectionItems: 100 };
    assert.equal(captureValue([1, 2, 3, 4, 5, 6], "stringify", limits), "[1,2,3,4…[+5 chars]");
  });

  test("a throwing toString falls back to a marker", () => {
    assert.equal(captureValue({ toString() { throw new Error("nope"); } }, "stringify"), "[Threw: nope]");
  });
});

describe("captureValue: objects", () => {
  test("plain objects become null-prototype snapshots", () => {
    const source = { ip: "10.0.0.1", nested: { ports: [80, 443] } };
    const captured = captureValue(source);
    assert.deepEqual(captured, np(source));
    assert.equal(Object.getPrototypeOf(captured), null);
    source.nested.ports.push(8080);
    source.ip = "changed";
    assert.deepEqual(captured, np({ ip: "10.0.0.1", nested: { ports: [80, 443] } }));
  });

  test("default and destructure hints capture alike", () => {
    const v = { a: [1, { b: 2 }] };
    assert.deepEqual(captureValue(v, "default"), captureValue(v, "destructure"));
  });

  test("undefined properties are left out; undefined items become null", () => {
    assert.deepEqual(captureValue({ a: undefined, b: 1 }), np({ b: 1 }));
    assert.deepEqual(captureValue([undefined, 1, , 3]), [null, 1, null, 3]);
  });

  test("symbol keys and non-enumerable properties are ignored", () => {
    const v = { [Symbol("s")]: 1, shown: 2 };
    Object.defineProperty(v, "hidden", { value: 3, enumerable: false });
    assert.deepEqual(captureValue(v), np({ shown: 2 }));
  });

  test("class instances carry $type and their own enumerable fields", () => {
    class Point {
      x = 1;
      y = 2;
      get sum(): number {
        return this.x + this.y;
      }
    }
    assert.deepEqual(captureValue(new Point()), np({ $type: "Point", x: 1, y: 2 }));
    assert.deepEqual(captureValue(Object.create(null)), np({}));
    const bare = Object.create(null);
    bare.k = "v";
    assert.deepEqual(captureValue(bare), np({ k: "v" }));
  });

  test("__proto__ and constructor keys are ordinary keys and pollute nothing", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"bad": 1}}}');
    const captured = captureValue(hostile) as Record<string, unknown>;
    assert.deepEqual(Object.keys(captured), ["__proto__", "constructor"]);
    assert.equal(Object.getPrototypeOf(captured), null);
    assert.deepEqual(captured["__proto__"], np({ polluted: true }));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(JSON.stringify(captured), '{"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}');
  });

  test("cycles become [Circular]; shared references are captured twice", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    a.list = [a, { back: a }];
    assert.deepEqual(captureValue(a), np({ name: "a", self: "[Circular]", list: ["[Circular]", { back: "[Circular]" }] }));
    const shared = { v: 1 };
    assert.deepEqual(captureValue({ x: shared, y: shared }), np({ x: { v: 1 }, y: { v: 1 } }));
  });

  test("throwing getters become [Threw: message]", () => {
    const v = {
      ok: 1,
      get bad(): number {
        throw new Error("boom");
      },
    };
    assert.deepEqual(captureValue(v), np({ ok: 1, bad: "[Threw: boom]" }));
    const arr = [1, 2];
    Object.defineProperty(arr, 1, { get() { throw new Error("item"); } });
    assert.deepEqual(captureValue(arr), [1, "[Threw: item]"]);
  });

  test("Proxies that throw on every trap", () => {
    const traps = ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "apply", "construct"];
    const handler: ProxyHandler<object> = {};
    for (const trap of traps) {
      (handler as Record<string, unknown>)[trap] = () => {
        throw new Error(`trap ${trap}`);
      };
    }
    const proxy = new Proxy({}, handler);
    assert.equal(captureValue(proxy), "[Threw: trap getPrototypeOf]");
    assert.deepEqual(captureValue({ inner: proxy }), np({ inner: "[Threw: trap getPrototypeOf]" }));
    assert.equal(captureValue(new Proxy(() => 1, handler)), "[Function (anonymous)]");
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.match(captureValue(revoked) as string, /^\[Threw: .+\]$/);
    assert.match(captureValue(revoked, "stringify") as string, /^\[Threw: .+\]$/);
  });

  test("a transparent Proxy is captured as its target", () => {
    assert.deepEqual(captureValue(new Proxy({ a: 1 }, {})), np({ a: 1 }));
  });
});

describe("captureValue: built-ins", () => {
  test("Date → ISO string; invalid → Invalid Date", () => {
    assert.equal(captureValue(new Date(0)), "1970-01-01T00:00:00.000Z");
    assert.equal(captureValue(new Date(Number.NaN)), "Invalid Date");
    const d = new Date(0);
    d.toISOString = () => "overridden";
    assert.equal(captureValue(d), "1970-01-01T00:00:00.000Z");
  });

  test("Map → structure keyed by text", () => {
    const m = new Map<unknown, unknown>([["a", 1], [2, "two"], [{ k: 1 }, true], [null, [1]]]);
    assert.deepEqual(captureValue(m), np({ a: 1, 2: "two", '{"k":1}': true, null: [1] }));
  });

  test("Set → array", () => {
    assert.deepEqual(captureValue(new Set([1, "a", { b: 2 }])), [1, "a", np({ b: 2 })]);
  });

  test("typed arrays, ArrayBuffer, DataView → arrays of numbers", () => {
    assert.deepEqual(captureValue(new Uint8Array([1, 2, 255])), [1, 2, 255]);
    assert.deepEqual(captureValue(new Float64Array([1.5, Number.NaN])), [1.5, Number.NaN]);
    assert.deepEqual(captureValue(new BigInt64Array([1n, -(2n ** 63n)])), [1, "-9223372036854775808"]);
    assert.deepEqual(captureValue(new Uint8Array([7, 8]).buffer), [7, 8]);
    assert.deepEqual(captureValue(new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)), [2, 3]);
    const limits = { maxDepth: 8, maxStringLength: 100, maxCollectionItems: 2 };
    assert.deepEqual(captureValue(new Uint16Array(5), "default", limits), [0, 0, "…[+3 more]"]);
  });

  test("RegExp, boxed primitives, opaque objects", () => {
    assert.equal(captureValue(/a+b/gi), "/a+b/gi");
    assert.equal(captureValue(new Number(5)), 5);
    assert.equal(captureValue(new String("s")), "s");
    assert.equal(captureValue(new Boolean(false)), false);
    assert.equal(captureValue(Object(3n)), 3);
    assert.equal(captureValue(Object(Symbol("x"))), "Symbol(x)");
    assert.equal(captureValue(Promise.resolve(1)), "[Promise]");
    assert.equal(captureValue(new WeakMap()), "[WeakMap]");
    assert.equal(captureValue(new WeakSet()), "[WeakSet]");
    assert.equal(captureValue(new WeakRef({})), "[WeakRef]");
  });

  test("toJSON is used, guarded", () => {
    assert.equal(captureValue(new URL("https://example.com/x?y=1")), "https://example.com/x?y=1");
    assert.deepEqual(captureValue({ toJSON: () => ({ safe: true, big: 1n }) }), np({ safe: true, big: 1 }));
    assert.equal(captureValue({ toJSON() { throw new Error("no json"); } }), "[Threw: no json]");
    const selfish = {
      a: 1,
      toJSON() {
        return this;
      },
    };
    assert.deepEqual(captureValue(selfish), np({ a: 1, toJSON: "[Function toJSON]" }));
    let depth = 0;
    const endless = {
      toJSON(): unknown {
        depth++;
        return { next: endless };
      },
    };
    assert.deepEqual(captureValue(endless), np({ next: "[Circular]" }));
    assert.equal(depth, 1);
  });

  test("Errors nested in values are captured as ErrorInfo structures", () => {
    const err = Object.assign(new RangeError("too far"), { code: "E_RANGE" });
    const captured = captureValue({ err }) as Record<string, Record<string, unknown>>;
    assert.equal(captured.err.name, "RangeError");
    assert.equal(captured.err.message, "too far");
    assert.equal(typeof captured.err.stack, "string");
    assert.deepEqual(captured.err.properties, np({ code: "E_RANGE" }));
  });
});

describe("captureValue: limits", () => {
  const limits = { maxDepth: 2, maxStringLength: 100, maxCollectionItems: 3 };

  test("depth: deeper containers become [Kind]", () => {
    class Point {
      x = 1;
    }
    const v = { a: { b: { c: 1 }, arr: [[1]], m: new Map(), p: new Point(), d: new Date(0), n: 5 } };
    assert.deepEqual(
      captureValue(v, "default", { ...limits, maxCollectionItems: 10 }),
      np({ a: { b: "[Object]", arr: "[Array]", m: "[Map]", p: "[Point]", d: "1970-01-01T00:00:00.000Z", n: 5 } }),
    );
    assert.deepEqual(captureValue([[1, [2]]], "default", limits), [[1, "[Array]"]]);
    assert.equal(captureValue({ a: 1 }, "default", { ...limits, maxDepth: 0 }), "[Object]");
  });

  test("collections: extra items become one marker", () => {
    assert.deepEqual(captureValue([1, 2, 3, 4, 5], "default", limits), [1, 2, 3, "…[+2 more]"]);
    assert.deepEqual(captureValue(new Set([1, 2, 3, 4]), "default", limits), [1, 2, 3, "…[+1 more]"]);
    assert.deepEqual(captureValue([1, 2, 3], "default", limits), [1, 2, 3]);
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    assert.deepEqual(captureValue(sparse, "default", limits), [null, null, null, "…[+999999997 more]"]);
  });

  test("objects and Maps: extra keys become a … key", () => {
    assert.deepEqual(captureValue({ a: 1, b: 2, c: 3, d: 4, e: 5 }, "default", limits), np({ a: 1, b: 2, c: 3, "…": "[+2 more]" }));
    const m = new Map([["a", 1], ["b", 2], ["c", 3], ["d", 4]]);
    assert.deepEqual(captureValue(m, "default", limits), np({ a: 1, b: 2, c: 3, "…": "[+1 more]" }));
    assert.deepEqual(
      captureValue({ a: 1, b: 2, c: 3 }, "default", { ...limits, maxProperties: 1 }),
      np({ a: 1, "…": "[+2 more]" }),
    );
  });

  test("long keys are cut", () => {
    assert.deepEqual(captureValue({ abcdef: 1 }, "default", { ...limits, maxStringLength: 3 }), np({ "abc…[+3 chars]": 1 }));
  });

  test("maxNodes bounds the whole capture", () => {
    const wide = Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, i) => i));
    const captured = captureValue(wide, "default", { maxDepth: 8, maxStringLength: 100, maxCollectionItems: 100, maxNodes: 25 });
    assert.equal(JSON.stringify(captured).match(/\d+/g)!.length < 40, true);
    assert.deepEqual((captured as unknown[])[0], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual((captured as unknown[])[2], [0, "…[+9 more]"]);
    assert.equal((captured as unknown[])[3], "…[+7 more]");
  });

  test("the default limits", () => {
    assert.deepEqual({ ...DEFAULT_CAPTURE_LIMITS }, {
      maxDepth: 8,
      maxStringLength: 16384,
      maxCollectionItems: 1000,
      maxProperties: 1000,
      maxNodes: 10000,
      maxTotalStringLength: 262144,
    });
    assert.ok(Object.isFrozen(DEFAULT_CAPTURE_LIMITS));
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const text = JSON.stringify(captureValue(deep));
    assert.equal(text, '{"d":'.repeat(8) + '"[Object]"' + "}".repeat(8));
  });

  test("invalid or hostile limits fall back to the defaults", () => {
    const nan = { maxDepth: Number.NaN, maxStringLength: -1, maxCollectionItems: Number.NaN };
    assert.deepEqual(captureValue({ a: [1] }, "default", nan), np({ a: [1] }));
    const hostile = {
      get maxDepth(): number {
        throw new Error("limits");
      },
      maxStringLength: 1,
      maxCollectionItems: 1,
    };
    assert.deepEqual(captureValue({ a: [1, 2] }, "default", hostile), np({ a: [1, 2] }));
    const huge = { maxDepth: 1e9, maxStringLength: 1e9, maxCollectionItems: 1e9 };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) deep = { d: deep };
    assert.ok(JSON.stringify(captureValue(deep, "default", huge)).includes('"[Object]"'));
  });
});

describe("safeString and thrownMessage", () => {
  test("safeString never throws", () => {
    assert.equal(safeString("s"), "s");
    assert.equal(safeString(undefined), "undefined");
    assert.equal(safeString({ toString: () => "custom" }), "custom");
    assert.equal(safeString({ toString() { throw "raw"; } }), "[Threw: raw]");
  });

  test("thrownMessage bounds and guards", () => {
    assert.equal(thrownMessage(new Error("m")), "m");
    assert.equal(thrownMessage(42), "42");
    assert.equal(thrownMessage("x".repeat(300)), "x".repeat(200) + "…");
    assert.equal(thrownMessage({ toString() { throw new Error("again"); } }), "unknown error");
    const err = new Error("x");
    Object.defineProperty(err, "message", { get() { throw new Error("no"); } });
    assert.equal(thrownMessage(err), "unknown error");
  });
});
