import { newPropertyRecord } from "../../src/core/events/property_record.ts";
import type { LogValue } from "../../mod.ts";

/** The kinds of property records an encoder can meet: the library's own, null-prototype, a plain `{}`, and one that inherits an enumerable member. */
export const RECORD_KINDS = ["library", "null", "plain", "inheriting"] as const;

/** A property record of `kind` holding `entries` as own properties, in order. */
export function recordOf(kind: (typeof RECORD_KINDS)[number], entries: ReadonlyArray<readonly [string, LogValue]>): Record<string, LogValue> {
  const record: Record<string, LogValue> = kind === "library"
    ? newPropertyRecord()
    : kind === "null"
    ? Object.create(null)
    : kind === "plain"
    ? {}
    : Object.create({ Inherited: "from the prototype" });
  for (const [key, value] of entries) {
    // defineProperty: a "__proto__" key is an own property on every kind.
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}
