/**
 * Fidelity: CLEF (`clefFormatter`) against serilog-formatting-compact and what
 * its reader makes of our output.
 *
 * Sources:
 * - serilog/serilog-formatting-compact, test/Serilog.Formatting.Compact.Tests/CompactJsonFormatterTests.cs
 *   and src/Serilog.Formatting.Compact/CompactJsonFormatter.cs (field order,
 *   `@r`, `@tr`, `@sp`) (commit d1132afab5c0a477cd8314945fa5b064f19623ab);
 * - serilog/serilog-formatting-compact-reader, test/Serilog.Formatting.Compact.Reader.Tests/LogEventReaderTests.cs
 *   and src/Serilog.Formatting.Compact.Reader/LogEventReader.cs (commit
 *   b73decbd4e9cff53b58e29bc719fbb84a241ce72), whose semantics
 *   tests/_helpers/clef_reader.ts implements for the round trip.
 *
 * Every line is checked twice: from `format` and from the batch encoder the
 * file sink uses; they must agree byte for byte.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { batchEncoderOf } from "../src/core/formatting/batch_encoder.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { renderTemplate } from "../src/core/template/render_template.ts";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";
import { logEvent } from "./_helpers/serilog_cases.ts";
import { InvalidDataError, readClef, renderClef } from "./_helpers/clef_reader.ts";

const TRACE = "1befc31e94b01d1a473f63a7905f6c9b";
const SPAN = "bb1111820570b80e";

/** The CLEF line of `event`, asserting that `format` and the batch encoder agree. */
function clef(event: LogEvent, options?: Parameters<typeof clefFormatter>[0]): string {
  const formatter = clefFormatter(options);
  const line = formatter.format(event);
  const encoder = batchEncoderOf(formatter);
  assert.ok(encoder !== undefined);
  const bytes = encoder.encode([event, event], 0, 2, new Uint8Array(16));
  assert.equal(new TextDecoder().decode(bytes), line + line, "batch encoder and format agree");
  return line;
}

/** Serilog's `AssertValidJson(log => ...)`: the parsed CLEF object of the one event logged. */
function validJson(act: Parameters<typeof logEvent>[0]): Record<string, unknown> {
  const line = clef(logEvent(act));
  assert.ok(line.endsWith("}\n"));
  assert.equal(line.indexOf("\n"), line.length - 1, "one line per event");
  return JSON.parse(line);
}

function event(text: string, properties: Record<string, LogValue> = {}, extra: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: Date.UTC(2016, 9, 12, 4, 20, 58, 55),
    level: "information",
    template: parseTemplate(text),
    properties: Object.assign(Object.create(null) as LogProperties, properties),
    ...extra,
  };
}

describe("fidelity: serilog/serilog-formatting-compact CompactJsonFormatterTests.cs", () => {
  test("AnEmptyEventIsValidJson", () => {
    const json = validJson((log) => log.information("No properties"));
    assert.equal(json["@mt"], "No properties");
    assert.equal(json["@r"], undefined);
  });

  test("AMinimalEventIsValidJson", () => {
    assert.equal(validJson((log) => log.information("One {Property}", 42)).Property, 42);
  });

  test("MultiplePropertiesAreDelimited", () => {
    const json = validJson((log) => log.information("Property {First} and {Second}", "One", "Two"));
    assert.equal(json.First, "One");
    assert.equal(json.Second, "Two");
  });

  test("ExceptionsAreFormattedToValidJson / ExceptionAndPropertiesAreValidJson", () => {
    const json = validJson((log) => log.information(new RangeError("Divide by zero"), "With exception and {Property}", 42));
    assert.match(json["@x"] as string, /^RangeError: Divide by zero/);
    assert.equal(json.Property, 42);
  });

  test("RenderingsAreValidJson", () => {
    assert.deepEqual(validJson((log) => log.information("One {Rendering:x8}", 42))["@r"], ["0000002a"]);
  });

  test("MultipleRenderingsAreDelimited", () => {
    const json = validJson((log) => log.information("Rendering {First:x8} and {Second:x8}", 1, 2));
    assert.deepEqual(json["@r"], ["00000001", "00000002"]);
  });

  test("AtPrefixedPropertyNamesAreEscaped", () => {
    const json = validJson((log) => log.forContext("@Mistake", 42).information("Hello"));
    assert.equal(json["@@Mistake"], 42);
  });

  test("TimestampIsUtc", () => {
    assert.match(validJson((log) => log.information("Hello"))["@t"] as string, /Z$/);
  });

  test("TraceAndSpanIdsGenerateValidJson", () => {
    const json = JSON.parse(clef(event("", { TraceId: TRACE, SpanId: SPAN })));
    assert.equal(json["@tr"], TRACE);
    assert.equal(json["@sp"], SPAN);
    // Like Serilog's trace context, they are the event's, not properties.
    assert.equal(json.TraceId, undefined);
    assert.equal(json.SpanId, undefined);
  });
});

describe("fidelity: serilog/serilog-formatting-compact CompactJsonFormatter.cs", () => {
  test("fields in Serilog's order: @t @mt @r @l @x @tr @sp, then properties", () => {
    const e = event("Took {Elapsed:0.00} ms", { Elapsed: 1.234, TraceId: TRACE.toUpperCase(), SpanId: SPAN, A: 1 }, {
      level: "warning",
      error: { name: "Error", message: "boom", stack: "Error: boom" },
    });
    const line = clef(e, { eventId: false });
    assert.equal(
      line,
      `{"@t":"2016-10-12T04:20:58.055Z","@mt":"Took {Elapsed:0.00} ms","@r":["1.23"],"@l":"Warning","@x":"Error: boom",` +
        `"@tr":"${TRACE}","@sp":"${SPAN}","Elapsed":1.234,"A":1}\n`,
    );
  });

  test("@r: every hole with a format in template order, repeats and missing values included, aligned", () => {
    const e = event("{A:000} {B} {A,6:0.0} {Missing:x} {S:l}", { A: 7, B: 1, S: "Ada" });
    assert.deepEqual(JSON.parse(clef(e))["@r"], ["007", "   7.0", "{Missing:x}", "Ada"]);
  });

  test("a TraceId or SpanId that is not a W3C id stays an ordinary property; a shown one stays too", () => {
    const odd = JSON.parse(clef(event("x", { TraceId: "abc", SpanId: "0000000000000000" })));
    assert.equal(odd["@tr"], undefined);
    assert.equal(odd["@sp"], undefined);
    assert.equal(odd.TraceId, "abc");
    assert.equal(odd.SpanId, "0000000000000000");
    const shown = JSON.parse(clef(event("In trace {TraceId}", { TraceId: TRACE, SpanId: SPAN })));
    assert.equal(shown["@tr"], TRACE);
    assert.equal(shown.TraceId, TRACE);
    assert.equal(shown.SpanId, undefined);
  });
});

describe("fidelity: serilog/serilog-formatting-compact-reader LogEventReaderTests.cs", () => {
  test("BasicFieldsAreRead (and this library renders Serilog's CLEF)", () => {
    const read = readClef('{"@t":"2016-10-12T04:20:58.0554314Z","@mt":"Hello, {@User}","User":{"Name":"nblumhardt","Id":101}}');
    assert.equal(read.level, "Information");
    assert.equal(read.template.text, "Hello, {@User}");
    assert.deepEqual(read.properties.User, { Name: "nblumhardt", Id: 101 });
    assert.equal(renderTemplate(read.template, read.properties), 'Hello, {"Name":"nblumhardt","Id":101}');
  });

  test("MessagesAreEscapedIntoTemplates", () => {
    assert.equal(readClef('{"@t":"2016-10-12T04:20:58.0554314Z","@m":"Hello, {text}"}').template.text, "Hello, {{text}}");
  });

  test("PassesThroughUnrecognizedReifiedProperties", () => {
    const read = readClef('{"@t":"2016-10-12T04:20:58.0554314Z","@m":"Hello","@foo":42}');
    assert.equal(read.properties["@foo"], 42);
    assert.equal(read.properties["@m"], undefined);
  });

  test("ReadsTraceAndSpanIds", () => {
    const read = readClef(`{"@t":"2016-10-12T04:20:58.0554314Z","@tr":"${TRACE}","@sp":"${SPAN}"}`);
    assert.equal(read.traceId, TRACE);
    assert.equal(read.spanId, SPAN);
  });

  test("InvalidDataThrowsInvalidDataException", () => {
    for (
      const document of [
        "", "[]", "{}", "#$%", '{"@t":0}', '{"@t":"2016-02-12"', '{"@t":"2016-02-12","@l":"Trace"}',
        '{"@t":"2016-02-12","@r":"[]"}', '{"@t":"2016-02-12","@m":0}', '{"@t":"2016-02-12","@mt":[]}',
        '{"@t":"2016-02-12","@x":[""]}', '{"@t":"2016-02-12","@tr":{}}', '{"@t":"2016-02-12","@sp":true}',
        '{"@t":"2016-02-12","@i":true}',
      ]
    ) assert.throws(() => readClef(document), InvalidDataError, document);
  });
});

describe("round trip: what clefFormatter writes, the CLEF reader renders to the same message", () => {
  const events: LogEvent[] = [
    event("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", {
      RequestMethod: "GET", RequestPath: "/users/7", StatusCode: 200, Elapsed: 12.3456789,
    }),
    event("Took {Elapsed,8:.2f} ms for {Name:l} ({Name}, {Name,-6})", { Elapsed: 3.14159, Name: "Ada" }),
    event("{Count:05d} {Count:x} {Count:N2} {Missing:000} {Missing}", { Count: 48879 }),
    event("{@Obj:j} {Arr:l} {Nothing:0.0}", { Obj: { a: [1, "x"] }, Arr: [1, 2], Nothing: null }),
    event("In trace {TraceId} span {SpanId:l}", { TraceId: TRACE, SpanId: SPAN }),
    event("{1:0.0} then {0}", { 0: "zero", 1: 1.25 }),
    event("{http.method:l} {http.status_code:000}", { "http.method": "POST", "http.status_code": 7 }),
    event("Escaped {{braces}} and {Pct:0.0%} of {Total:#,##0.00}", { Pct: 0.256, Total: 1234567.891 }, {
      level: "error",
      error: { name: "TypeError", message: "bad", stack: "TypeError: bad\n    at x" },
    }),
    event("{Text:l} \"quoted\" {Text}", { Text: 'line1\nline2 "q" \\ é 🎉' }),
    event("No holes at all", { Extra: 1, TraceId: TRACE }),
  ];

  for (const original of events) {
    test(original.template.text, () => {
      const line = clef(original, { renderMessage: true });
      const read = readClef(line);
      const expected = renderTemplate(original.template, original.properties);
      assert.equal(renderClef(read), expected);
      assert.equal(JSON.parse(line)["@m"], expected);
      assert.equal(read.template.text, original.template.text);
      assert.equal(read.level, original.level === "information" ? "Information" : "Error");
      if (original.error !== undefined) assert.equal(read.exception, original.error.stack);
      const trace = original.properties.TraceId;
      assert.equal(read.traceId, trace);
      assert.equal(read.spanId, original.properties.SpanId);
      // Every property comes back, the trace context as @tr/@sp unless the template shows it.
      const back: Record<string, unknown> = { ...read.properties };
      if (trace !== undefined && back.TraceId === undefined) back.TraceId = read.traceId;
      if (original.properties.SpanId !== undefined && back.SpanId === undefined) back.SpanId = read.spanId;
      assert.deepEqual(back, JSON.parse(JSON.stringify({ ...original.properties })));
    });
  }
});
