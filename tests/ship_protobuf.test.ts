/**
 * The hand-written protobuf writer and OTLP encoder, checked by decoding with
 * the official OTLP schema (protobufjs root from @opentelemetry/otlp-transformer):
 * varints of every length, negative int64, doubles, fixed64 times, nested
 * messages whose lengths need 1–4 byte varints, UTF-8.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { type LogEvent, parseTemplate } from "../mod.ts";
import { ProtobufWriter, varintSize } from "../src/core/shipping/protobuf_writer.ts";
import { OtlpProtobufEncoder } from "../src/core/shipping/otlp_protobuf.ts";
import { encodeOtlpJson, otlpAnyValueJson } from "../src/core/shipping/otlp_json.ts";
import { encodeOtlpJsonBytes } from "../src/core/shipping/otlp_json_bytes.ts";
import { OtlpJsonEncoder } from "../src/core/shipping/otlp_json_events.ts";
import { groupOtlpRecords, unixNanoParts, unixNanoString } from "../src/core/shipping/otlp_record.ts";
import { attributeMap, decodeOtlpLogs, otlpSchemaMissing } from "./_helpers/loopback_otlp.ts";
import { arbitraryEvent, capturedValue, shortText } from "./_helpers/arbitraries.ts";

const skip = otlpSchemaMissing ?? false;
const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 5);

/** The sink's path: straight from the events (the property test below pins it to `encode` of the records). */
function exportOf(events: LogEvent[]): Uint8Array {
  return new OtlpProtobufEncoder().encodeEvents(events, { resource: [], scopeName: "s", scopeVersion: "", scopeProperty: "SourceContext", observedAt: T0 });
}

const event = (properties: LogEvent["properties"], text = "m"): LogEvent => ({
  timestamp: T0,
  level: "information",
  template: parseTemplate(text),
  properties,
});

describe("ProtobufWriter", () => {
  it("writes tags, varints and nested lengths as protobuf does", () => {
    const w = new ProtobufWriter(64);
    const m = w.beginMessage(1);
    w.string(1, "hi");
    w.uint32(2, 300);
    w.endMessage(m);
    assert.deepEqual([...w.finish()], [0x0a, 0x07, 0x0a, 0x02, 0x68, 0x69, 0x10, 0xac, 0x02]);
    assert.deepEqual([0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456].map(varintSize), [1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it("a message's length reserve (1, 2 or 3 bytes) never changes its bytes, whatever its length", () => {
    for (const size of [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152]) {
      const content = new Uint8Array(size).fill(0x61);
      const encodings = ([1, 2, 3] as const).map((reserve) => {
        const w = new ProtobufWriter(16);
        const outer = w.beginMessage(1, reserve);
        const inner = w.beginMessage(2, reserve);
        if (size > 0) w.raw(content);
        w.endMessage(inner);
        w.uint32(3, 7);
        w.endMessage(outer);
        return w.finish();
      });
      assert.deepEqual(encodings[1], encodings[0], `size ${size}, reserve 2`);
      assert.deepEqual(encodings[2], encodings[0], `size ${size}, reserve 3`);
    }
  });

  it("encodes int64 (negative: ten bytes), doubles and the empty AnyValue", { skip }, () => {
    const values = { zero: 0, one: 1, neg: -5, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, b32: 2 ** 32, nb32: -(2 ** 32) };
    const doubles = { half: 0.5, big: 2 ** 60, tiny: -1e-300, inf: Infinity, ninf: -Infinity };
    const decoded = decodeOtlpLogs(exportOf([event({ ...values, ...doubles, nul: null, t: true, f: false, s: "" })]));
    const attrs = attributeMap(decoded.resourceLogs?.[0].scopeLogs?.[0].logRecords?.[0].attributes);
    for (const [k, v] of Object.entries(values)) assert.deepEqual(attrs[k], { intValue: String(v) }, k);
    for (const [k, v] of Object.entries(doubles)) assert.deepEqual(attrs[k], { doubleValue: v }, k);
    assert.deepEqual(attrs.nul, {});
    assert.deepEqual(attrs.t, { boolValue: true });
    assert.deepEqual(attrs.f, { boolValue: false });
    assert.deepEqual(attrs.s, { stringValue: "" });
    const nan = decodeOtlpLogs(exportOf([event({ n: Number.NaN })]));
    assert.ok(Number.isNaN(attributeMap(nan.resourceLogs?.[0].scopeLogs?.[0].logRecords?.[0].attributes).n?.doubleValue));
  });

  it("moves nested messages whose length needs 2, 3 and 4 byte varints; UTF-8 strings", { skip }, () => {
    for (const size of [200, 20_000, 3_000_000]) {
      const text = "\u00e9\u{1f389}x".repeat(Math.ceil(size / 4));
      const decoded = decodeOtlpLogs(exportOf([event({ text, nested: { deeper: [text.slice(0, 48), { k: 1 }] } })]));
      const record = decoded.resourceLogs?.[0].scopeLogs?.[0].logRecords?.[0];
      const attrs = attributeMap(record?.attributes);
      assert.equal(attrs.text?.stringValue, text, `size ${size}`);
      assert.deepEqual(attrs.nested, {
        kvlistValue: { values: [{ key: "deeper", value: { arrayValue: { values: [{ stringValue: text.slice(0, 48) }, { kvlistValue: { values: [{ key: "k", value: { intValue: "1" } }] } }] } } }] },
      });
      assert.equal(record?.timeUnixNano, unixNanoString(T0));
    }
  });

  it("encodes a large batch (every length class) that decodes record by record", { skip }, () => {
    const events = Array.from({ length: 5_000 }, (_, i) => event({ I: i, Pad: "p".repeat(i % 300) }, "Item {I}"));
    const decoded = decodeOtlpLogs(exportOf(events));
    const records = decoded.resourceLogs?.[0].scopeLogs?.[0].logRecords ?? [];
    assert.equal(records.length, 5_000);
    records.forEach((r, i) => assert.equal(attributeMap(r.attributes).I?.intValue, String(i)));
  });
});

describe("OTLP times and JSON values", () => {
  it("converts epoch ms to nanoseconds exactly (fixed64 halves and decimal)", () => {
    for (const ms of [1, 999.999999, T0, T0 + 0.5, 4_102_444_800_000.25, 1e15]) {
      const exact = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(Math.round((ms - Math.floor(ms)) * 1e6));
      const { lo, hi } = unixNanoParts(ms);
      assert.equal((BigInt(hi) << 32n) + BigInt(lo), exact, String(ms));
      assert.equal(unixNanoString(ms), exact.toString(), String(ms));
    }
    assert.deepEqual(unixNanoParts(-1), { lo: 0, hi: 0 });
    assert.equal(unixNanoString(Number.NaN), "0");
  });

  it("writes non-finite doubles as proto3 JSON strings", () => {
    assert.equal(otlpAnyValueJson(Number.NaN), '{"doubleValue":"NaN"}');
    assert.equal(otlpAnyValueJson(-Infinity), '{"doubleValue":"-Infinity"}');
    assert.equal(otlpAnyValueJson(-0), '{"intValue":"0"}');
    assert.equal(otlpAnyValueJson(null), "{}");
  });
});

describe("OtlpProtobufEncoder.encodeEvents", () => {
  const text = shortText(10);
  const value = capturedValue(text, true);
  const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
  const key = fc.oneof(text, fc.constantFrom("SourceContext", "TraceId", "trace_id", "traceId", "SpanId", "span_id", "spanId", "UserId", "0", ""));
  const event = arbitraryEvent({
    timestamp: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.double({ min: 0, max: 4e12, noNaN: true }), fc.constantFrom(NaN, -1)),
    template: fc.oneof(text, fc.constantFrom("User {UserId} from {@Client}", "{0} {1}", "Hi {Name:l}", "", "Lone \ud800 {UserId} \u{1f389}", 'Quote " and \\ {UserId}\n')),
    key,
    value: fc.oneof(value, hex(32), hex(16), fc.constant("0".repeat(32)), fc.constantFrom("Api", "Worker")),
    maxKeys: 6,
    text,
  });

  it("writes the bytes of encode() over the grouped records, for any batch (and the JSON encoder those of encodeOtlpJsonBytes)", () => {
    const encoder = new OtlpProtobufEncoder();
    const reference = new OtlpProtobufEncoder();
    const jsonEncoder = new OtlpJsonEncoder();
    const decoder = new TextDecoder();
    const resource = [{ key: "service.name", value: "bench" }, { key: "n", value: 3 }];
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.constantFrom("SourceContext", "Component"), fc.constantFrom("", "1.2"), fc.nat({ max: 4_000 }), (batch, scopeProperty, scopeVersion, room) => {
        const expected = reference.encode({ resource, scopeVersion, scopes: groupOtlpRecords(batch, "app", scopeProperty), observedAt: T0 });
        const request = { resource, scopeName: "app", scopeVersion, scopeProperty, observedAt: T0 };
        assert.deepEqual(encoder.encodeEvents(batch, request), expected);
        // Into a buffer lent by the caller (any size: the writer grows out of it): a view, same bytes.
        const lent = new Uint8Array(room);
        const view = encoder.encodeEvents(batch, request, lent);
        assert.deepEqual(new Uint8Array(view), expected);
        // Room for the writer's temporary reservations (a string reserves 3 bytes per UTF-16 unit).
        if (4 * expected.length + 64 <= room) assert.equal(view.buffer, lent.buffer, "written in place");
        // The JSON encoder from the events: the bytes of encodeOtlpJsonBytes over the grouped records.
        const grouped = { resource, scopeVersion, scopes: groupOtlpRecords(batch, "app", scopeProperty), observedAt: T0 };
        const json = jsonEncoder.encodeEvents(batch, request, new Uint8Array(room));
        assert.equal(decoder.decode(json), decoder.decode(encodeOtlpJsonBytes(grouped, new Uint8Array(64))));
      }),
      { numRuns: 500 },
    );
  });
});

describe("encodeOtlpJsonBytes", () => {
  it("writes the UTF-8 of encodeOtlpJson for any request", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", '"', "\\", "\n", "\u0001", "é", "😀", "\ud800", "{"), maxLength: 60 });
    const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-0, NaN, Infinity, 2 ** 53, 1e21, 0.1));
    const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(text, leaf, { maxKeys: 3 }));
    const event = fc.record({
      template: fc.oneof(text, fc.constantFrom("Order {Id} for {User}", "{SourceContext} {TraceId} {SpanId}")),
      properties: fc.dictionary(fc.oneof(text, fc.constantFrom("Id", "SourceContext", "TraceId", "SpanId")), fc.oneof(value, fc.constantFrom("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "db")), { maxKeys: 5 }),
      level: fc.constantFrom<LogEvent["level"]>("verbose", "debug", "information", "warning", "error", "fatal"),
      ms: fc.oneof(fc.double({ min: -10, max: 3e12 }), fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.constantFrom(0.9999999, 1.9999996, NaN, Infinity, 1e300)),
      error: fc.option(fc.record({ name: text, message: text, stack: text }), { nil: undefined }),
    }).map((e): LogEvent => {
      const base = { timestamp: e.ms, level: e.level, template: parseTemplate(e.template), properties: e.properties };
      return e.error === undefined ? base : { ...base, error: e.error };
    });
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 8 }),
        fc.dictionary(text, value, { maxKeys: 3 }),
        fc.oneof(fc.constant(""), text),
        fc.oneof(fc.double({ min: 0, max: 3e12 }), fc.constant(0)),
        fc.nat({ max: 300 }),
        (batch, resource, scopeVersion, observedAt, room) => {
          const request = {
            resource: Object.keys(resource).map((key) => ({ key, value: resource[key] })),
            scopeVersion,
            scopes: groupOtlpRecords(batch, "app"),
            observedAt,
          };
          assert.equal(decoder.decode(encodeOtlpJsonBytes(request, new Uint8Array(room))), encodeOtlpJson(request));
        },
      ),
      { numRuns: 500 },
    );
  });
});
