/**
 * Formatters own their bytes: every formatter that has `encodeBatch` writes
 * exactly the UTF-8 of its per-event text, concatenated (one property test
 * over all of them), and a sink that writes bytes uses a formatter's
 * `encodeBatch` when it has one, through any wrapper that keeps it.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { clefFormatter, DEFAULT_OUTPUT_TEMPLATE, type Formatter, type LogEvent, parseTemplate, textFormatter } from "../mod.ts";
import { captureValue } from "../src/core/capture/capture_value.ts";
import { DEFAULT_FILE_OUTPUT_TEMPLATE } from "../src/core/rolling/file_sink_options.ts";
import { rollingFileSink } from "../src/core/rolling/rolling_file_sink.ts";
import { ansiLevelStyle } from "../src/core/formatting/ansi_theme.ts";
import { MemoryFileSystem } from "./_helpers/memory_fs.ts";
import { RECORD_KINDS, recordOf } from "./_helpers/record_kinds.ts";
import { arbitraryEvent, capturedValue, shortText } from "./_helpers/arbitraries.ts";

/** Every formatter the package makes, in the configurations that change its output. */
const FORMATTERS: Record<string, () => Formatter> = {
  "clefFormatter()": () => clefFormatter(),
  "clefFormatter({ renderMessage })": () => clefFormatter({ renderMessage: true }),
  "clefFormatter({ eventId: false })": () => clefFormatter({ eventId: false }),
  "textFormatter()": () => textFormatter(),
  "textFormatter(file template)": () => textFormatter(DEFAULT_FILE_OUTPUT_TEMPLATE),
  "textFormatter(properties, alignment, local time)": () =>
    textFormatter("{Timestamp:HH:mm:ss.fff zzz} {Level,-12:w} {SourceContext} {Message:j} {Properties:j}{NewLine}{Exception}", { utc: false }),
  "textFormatter(ANSI levels)": () => textFormatter(DEFAULT_OUTPUT_TEMPLATE, { levelStyle: ansiLevelStyle }),
};

const text = shortText(12);
const value = capturedValue(text);
const event = arbitraryEvent({
  timestamp: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.constantFrom(NaN, -1, Date.UTC(2026, 10, 22, 23, 59, 59, 999))),
  template: fc.oneof(text, fc.constantFrom("User {UserId} from {@Client}", "{0} {1}", "{A,-8:l} {{x}}", "")),
  key: fc.oneof(text, fc.constantFrom("@t", "UserId", "SourceContext", "Client", "0")),
  value,
  maxKeys: 5,
  text,
});

const decoder = new TextDecoder();
const utf8 = new TextEncoder();

describe("Formatter.encodeBatch", () => {
  for (const [name, make] of Object.entries(FORMATTERS)) {
    it(`${name}: batch bytes are the UTF-8 of format() per event, concatenated (any range, any buffer)`, () => {
      const formatter = make();
      assert.equal(typeof formatter.encodeBatch, "function", `${name} has encodeBatch`);
      fc.assert(
        fc.property(fc.array(event, { maxLength: 8 }), fc.nat({ max: 400 }), fc.nat(), fc.nat(), (events, room, a, b) => {
          const start = events.length === 0 ? 0 : a % (events.length + 1);
          const end = start + (events.length === 0 ? 0 : b % (events.length - start + 1));
          const expected = utf8.encode(events.slice(start, end).map((e) => formatter.format(e)).join(""));
          const bytes = formatter.encodeBatch!(events, start, end, new Uint8Array(room));
          assert.equal(decoder.decode(bytes), decoder.decode(expected));
          assert.deepEqual(bytes, expected);
        }),
        { numRuns: 200 },
      );
    });
  }

  it("clefFormatter: one template with records of several shapes (order, extra, missing keys) and kinds (inherited members) encodes as format() does", () => {
    const template = parseTemplate("Got {A} and {B}");
    const shapes: Record<string, unknown>[] = [
      { A: 1, B: "x" },
      { A: 2, B: "y" },
      { B: "z", A: 3 },
      { A: 4, B: "w", Extra: true },
      { A: 5 },
      {},
      { A: 6, B: { nested: [1, 2] } },
      { A: 7, B: "v" },
      { A: 8, C: "c" },
      { A: 9, B: 9.25 },
    ];
    const events = shapes.flatMap((shape, i) =>
      RECORD_KINDS.map((kind): LogEvent => ({
        timestamp: Date.UTC(2026, 11, 1, 12, 0, 0, i),
        level: "information",
        template,
        properties: recordOf(kind, Object.entries(shape).map(([key, v]) => [key, captureValue(v)] as const)),
      }))
    );
    // Own A, inherited B, after records of shape [A, B]: B is not the record's.
    events.push({ timestamp: events[0].timestamp, level: "information", template, properties: Object.assign(Object.create({ B: "inherited" }), { A: 3 }) });
    const formatter = clefFormatter();
    const expected = events.map((e) => formatter.format(e)).join("");
    // Twice: the second pass starts with the shape the first one ended on.
    for (let pass = 0; pass < 2; pass++) {
      assert.equal(decoder.decode(formatter.encodeBatch!(events, 0, events.length, new Uint8Array(16))), expected);
    }
  });

  it("the file sink writes with the formatter's encodeBatch, also through a spread wrapper; a changed format falls back to it", async () => {
    const events: LogEvent[] = [0, 1, 2].map((i) => ({
      timestamp: Date.UTC(2026, 10, 22, 12, 0, 0, i),
      level: "information",
      template: parseTemplate("N {N}"),
      properties: { N: i },
    }));
    const clef = clefFormatter();
    let batches = 0;
    const counted: Formatter = {
      ...clef,
      encodeBatch(batch, start, end, into) {
        batches++;
        return clef.encodeBatch!(batch, start, end, into);
      },
    };
    const upper: Formatter = { format: (e) => clef.format(e).toUpperCase() };
    for (const [formatter, expected] of [[counted, events.map((e) => clef.format(e)).join("")], [upper, events.map((e) => clef.format(e).toUpperCase()).join("")]] as const) {
      const fs = new MemoryFileSystem();
      const sink = rollingFileSink(fs, "logs/app.log", { formatter });
      await sink.emit(events);
      assert.equal(fs.text("logs/app.log"), expected);
      await sink.close();
    }
    assert.equal(batches, 1, "one encodeBatch call for the one batch");
  });
});
