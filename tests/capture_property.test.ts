import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { captureValue } from "../src/core/capture/capture_value.ts";
import { captureError } from "../src/core/capture/capture_error.ts";
import type { CaptureLimits } from "../src/core/capture/capture_limits.ts";

const RUNS = { numRuns: 300 };

const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
const hint = fc.constantFrom("default" as const, "destructure" as const, "stringify" as const);
const limits: fc.Arbitrary<CaptureLimits> = fc.record({
  maxDepth: fc.integer({ min: 0, max: 6 }),
  maxStringLength: fc.integer({ min: 0, max: 50 }),
  maxCollectionItems: fc.integer({ min: 0, max: 8 }),
  maxNodes: fc.integer({ min: 1, max: 60 }),
});

/** Checks that `value` is a LogValue: JSON-like, objects null-prototype, no cycles. */
function assertLogValue(value: unknown, depth = 0): void {
  assert.ok(depth < 200, "too deep");
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return;
  if (Array.isArray(value)) {
    for (const item of value) assertLogValue(item, depth + 1);
    return;
  }
  assert.equal(typeof value, "object", `not a LogValue: ${typeof value}`);
  assert.equal(Object.getPrototypeOf(value), null, "structures are null-prototype");
  assert.equal(Object.getOwnPropertySymbols(value).length, 0);
  for (const key of Object.keys(value as object)) assertLogValue((value as Record<string, unknown>)[key], depth + 1);
}

/** The nesting depth of containers in a captured value. */
function depthOf(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let max = 0;
  for (const item of Object.values(value)) max = Math.max(max, depthOf(item));
  return 1 + max;
}

/** Adds cycles: every container gets a reference back to the root and to itself. */
function addCycles(root: unknown): unknown {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node) || ArrayBuffer.isView(node)) return;
    seen.add(node);
    const children = node instanceof Map ? [...node.values()] : node instanceof Set ? [...node] : Object.values(node);
    for (const child of children) visit(child);
    if (Array.isArray(node)) node.push(root, node);
    else if (node instanceof Map) node.set("cycle", root);
    else if (node instanceof Set) node.add(root);
    else if (!(node instanceof Date) && Object.isExtensible(node)) {
      (node as Record<string, unknown>).cycleRoot = root;
      (node as Record<string, unknown>).cycleSelf = node;
    }
  };
  visit(root);
  return root;
}

/** Changes every reachable container in place. */
function mutateAll(root: unknown): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (ArrayBuffer.isView(node) && !(node instanceof DataView)) {
      (node as unknown as { fill(v: number): void }).fill(typeof (node as unknown as ArrayLike<unknown>)[0] === "bigint" ? (7n as unknown as number) : 7);
      return;
    }
    const children = node instanceof Map ? [...node.values()] : node instanceof Set ? [...node] : Object.values(node);
    for (const child of children) visit(child);
    if (Array.isArray(node)) node.push("mutated");
    else if (node instanceof Map) node.set("mutated", 1);
    else if (node instanceof Set) node.add("mutated");
    else if (node instanceof Date) node.setTime(12345);
    else if (Object.isExtensible(node)) {
      for (const key of Object.keys(node)) {
        try {
          (node as Record<string, unknown>)[key] = "mutated";
        } catch {
          // read-only: fine
        }
      }
      (node as Record<string, unknown>).added = "mutated";
    }
  };
  visit(root);
}

describe("capture properties", () => {
  test("captureValue never throws and returns JSON-serializable LogValues", () => {
    fc.assert(
      fc.property(anything, hint, (value, h) => {
        const captured = captureValue(value, h);
        assertLogValue(captured);
        assert.equal(typeof JSON.stringify(captured), "string");
      }),
      RUNS,
    );
  });

  test("limits are always respected", () => {
    fc.assert(
      fc.property(anything, limits, (value, l) => {
        const captured = captureValue(value, "default", l);
        assertLogValue(captured);
        assert.ok(depthOf(captured) <= l.maxDepth, `depth ${depthOf(captured)} > ${l.maxDepth}`);
        const text = JSON.stringify(captured);
        assert.equal(typeof text, "string");
      }),
      RUNS,
    );
  });

  test("cyclic structures are captured without throwing", () => {
    fc.assert(
      fc.property(anything, (value) => {
        const captured = captureValue(addCycles(value));
        assertLogValue(captured);
        assert.equal(typeof JSON.stringify(captured), "string");
      }),
      RUNS,
    );
  });

  test("deep nesting is bounded by maxDepth", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.boolean(), (depth, arrays) => {
        let value: unknown = "leaf";
        for (let i = 0; i < depth; i++) value = arrays ? [value] : { next: value };
        const captured = captureValue(value);
        assert.equal(depthOf(captured), Math.min(depth, 8));
      }),
      { numRuns: 50 },
    );
  });

  test("captured values are snapshots", () => {
    fc.assert(
      fc.property(anything, (value) => {
        const captured = captureValue(value);
        const before = JSON.stringify(captured);
        mutateAll(value);
        assert.equal(JSON.stringify(captured), before);
      }),
      RUNS,
    );
  });

  test("captureError never throws and returns a JSON-serializable ErrorInfo", () => {
    const thrown = fc.oneof(
      anything,
      fc.tuple(fc.string(), anything).map(([message, cause]) => new Error(message, { cause })),
      fc.tuple(fc.string(), anything).map(([message, extra]) => Object.assign(new TypeError(message), { extra })),
      fc.array(fc.string(), { maxLength: 3 }).map((ms) => new AggregateError(ms.map((m) => new Error(m)), "agg")),
    );
    fc.assert(
      fc.property(thrown, (error) => {
        const info = captureError(addCycles(error));
        assert.equal(typeof info.name, "string");
        assert.equal(typeof info.message, "string");
        assertLogValue(info);
        assert.equal(typeof JSON.stringify(info), "string");
      }),
      RUNS,
    );
  });
});
