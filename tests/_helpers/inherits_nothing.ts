import assert from "node:assert/strict";

/**
 * Asserts that `record` inherits no member at all (no `toString`,
 * `constructor` or `__proto__` accessor): every object on its prototype chain
 * has no own keys and is frozen (property records are made over an empty,
 * frozen, prototype-less base, which keeps them in fast mode on V8).
 */
export function assertInheritsNothing(record: object): void {
  for (let proto = Object.getPrototypeOf(record); proto !== null; proto = Object.getPrototypeOf(proto)) {
    assert.deepEqual(Reflect.ownKeys(proto), [], "a property record's prototype has members");
    assert.ok(Object.isFrozen(proto), "a property record's prototype can be changed");
  }
  assert.equal("toString" in record && !Object.hasOwn(record, "toString"), false);
}
