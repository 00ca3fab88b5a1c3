// seqSink's byte path (encodeSeqPayloads) writes the same request bodies as
// the string path (buildSeqPayloads) whenever no event is oversize, and
// leaves the batch to the string path otherwise.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { clefFormatter, type LogEvent, parseTemplate } from "../mod.ts";
import { buildSeqPayloads } from "../src/core/shipping/seq_payload.ts";
import { batchEncoderOf } from "../src/core/formatting/batch_encoder.ts";
import { encodeSeqPayloads } from "../src/core/shipping/seq_payload_bytes.ts";

describe("encodeSeqPayloads", () => {
  const formatter = clefFormatter();
  const encoder = batchEncoderOf(formatter)!;
  const decoder = new TextDecoder();
  const templates = ["Order {Id} for {User}", "Big {Body}", "n {N}"].map((t) => parseTemplate(t));
  const event = fc.record({
    template: fc.constantFrom(...templates),
    a: fc.oneof(fc.integer(), fc.double()),
    b: fc.string({ maxLength: 300 }),
    ms: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
  }).map((e): LogEvent => ({
    timestamp: e.ms,
    level: "information",
    template: e.template,
    properties: e.template === templates[0] ? { Id: e.a, User: e.b } : e.template === templates[1] ? { Body: e.b } : { N: e.a },
  }));

  it("gives the string path's bodies, or leaves an oversize batch to it (with and without the one-line-per-event shortcut)", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer({ min: 100, max: 400 }), fc.integer({ min: 401, max: 5_000 }), fc.boolean(), (batch, eventLimit, payloadLimit, oneLine) => {
        const expected = buildSeqPayloads(batch, formatter, eventLimit, payloadLimit);
        const bodies = encodeSeqPayloads(batch, encoder, new Uint8Array(64), eventLimit, payloadLimit, oneLine);
        if (bodies === undefined) {
          assert.ok(expected.replaced + expected.dropped > 0, "only an oversize event sends the batch down the string path");
          return;
        }
        assert.equal(expected.replaced + expected.dropped, 0);
        assert.deepEqual(bodies.map((b) => decoder.decode(b)), expected.payloads);
        for (const body of bodies) assert.ok(body.length <= payloadLimit);
      }),
      { numRuns: 400 },
    );
  });

  it("returns views over one encoding: in the buffer given when it fits, else in a larger one", () => {
    const batch = [0, 1].map((n): LogEvent => ({ timestamp: 1_700_000_000_000, level: "information", template: templates[2], properties: { N: n } }));
    for (const oneLine of [false, true]) {
      const roomy = new Uint8Array(1 << 12);
      const bodies = encodeSeqPayloads(batch, encoder, roomy, 1_000, 10_000, oneLine)!;
      assert.equal(bodies.length, 1);
      assert.equal(bodies[0].buffer, roomy.buffer, "no copy");
      assert.equal(decoder.decode(bodies[0]).split("\n").length, 3);
      const tiny = new Uint8Array(8);
      const grown = encodeSeqPayloads(batch, encoder, tiny, 1_000, 10_000, oneLine)!;
      assert.notEqual(grown[0].buffer, tiny.buffer);
      assert.deepEqual(grown[0], bodies[0]);
    }
  });

});
