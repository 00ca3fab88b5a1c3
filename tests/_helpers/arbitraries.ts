import fc from "fast-check";
import { type LogEvent, type LogLevel, parseTemplate } from "../../mod.ts";
import { captureValue } from "../../src/core/capture/capture_value.ts";
import { RECORD_KINDS, recordOf } from "./record_kinds.ts";

/** Short text of whole graphemes (no lone surrogates). */
export const shortText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: "grapheme", maxLength });

/** Values as capture makes them: text, numbers (with safe integers when `safeIntegers`), booleans, null, small arrays and records. */
export function capturedValue(text: fc.Arbitrary<string>, safeIntegers = false): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      text,
      fc.double(),
      fc.integer(),
      ...(safeIntegers ? [fc.maxSafeInteger()] : []),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(text, tie("value"), { maxKeys: 3 }),
    ),
  })).value;
}

/** What an event arbitrary draws from. */
export interface EventParts {
  readonly timestamp: fc.Arbitrary<number>;
  readonly template: fc.Arbitrary<string>;
  readonly key: fc.Arbitrary<string>;
  readonly value: fc.Arbitrary<unknown>;
  readonly maxKeys: number;
  readonly text: fc.Arbitrary<string>;
}

/** Events of any level, with captured values in records of every kind and, sometimes, an error. */
export function arbitraryEvent(parts: EventParts): fc.Arbitrary<LogEvent> {
  return fc.record({
    timestamp: parts.timestamp,
    level: fc.constantFrom<LogLevel>("verbose", "debug", "information", "warning", "error", "fatal"),
    template: parts.template,
    properties: fc.dictionary(parts.key, parts.value, { maxKeys: parts.maxKeys }),
    error: fc.option(fc.record({ name: parts.text, message: parts.text, stack: fc.option(parts.text, { nil: undefined }) }), { nil: undefined }),
    kind: fc.constantFrom(...RECORD_KINDS),
  }).map((e): LogEvent => {
    const properties = recordOf(e.kind, Object.keys(e.properties).map((key) => [key, captureValue(e.properties[key])] as const));
    const base = { timestamp: e.timestamp, level: e.level, template: parseTemplate(e.template), properties };
    return e.error === undefined ? base : { ...base, error: e.error };
  });
}
