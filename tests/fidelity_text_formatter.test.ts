/**
 * Fidelity: output templates (`textFormatter`) against Serilog's
 * MessageTemplateTextFormatter tests.
 *
 * Source: serilog/serilog, test/Serilog.Tests/Formatting/Display/MessageTemplateTextFormatterTests.cs
 * and src/Serilog/Formatting/Display/MessageTemplateTextFormatter.cs,
 * PropertiesOutputFormat.cs (commit 60935b4d7abad71cf6157b45a10f5c3c65ead527).
 * Each case names the test it comes from. Left out: the cases about a .NET
 * culture or `IFormatProvider` (UsesFormatProvider, AppliesCustomFormatterToEnums,
 * FormatProviderWith*). Deliberate JavaScript differences are marked
 * `difference:`.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { textFormatter } from "../src/core/formatting/text_formatter.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { LogLevel } from "../src/core/levels/level.ts";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";
import { logEvent } from "./_helpers/serilog_cases.ts";

function format(outputTemplate: string, event: LogEvent): string {
  return textFormatter(outputTemplate).format(event);
}

/** Serilog's `Some.LogEvent(...)`: an event built directly. */
function someEvent(properties: Record<string, LogValue> = {}, extra: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: Date.UTC(2026, 0, 1),
    level: "information",
    template: parseTemplate("Hello"),
    properties: Object.assign(Object.create(null) as LogProperties, properties),
    ...extra,
  };
}

describe("fidelity: serilog/serilog MessageTemplateTextFormatterTests.cs", () => {
  test("MessageTemplatesContainingFormatStringPropertiesRenderCorrectly", () => {
    assert.equal(format("{Message}", logEvent((l) => l.information("{Message}", "Hello, world!"))), '"Hello, world!"');
  });

  test("UppercaseFormatSpecifierIsSupportedForStrings", () => {
    assert.equal(format("{Name:u}", logEvent((l) => l.information("{Name}", "Nick"))), "NICK");
  });

  test("LowercaseFormatSpecifierIsSupportedForStrings", () => {
    assert.equal(format("{Name:w}", logEvent((l) => l.information("{Name}", "Nick"))), "nick");
  });

  test("RendersTimestampFormatsOfDifferentLengths", () => {
    for (const length of [16, 100]) {
      const dashes = "-".repeat(length);
      assert.ok(format(`{Timestamp:${dashes}}`, logEvent((l) => l.information("{Name}", "Nick"))).includes(dashes));
    }
  });

  test("FixedLengthLevelIsSupported", () => {
    const table: Array<[LogLevel, number, string]> = [
      ["verbose", 1, "V"], ["verbose", 2, "Vb"], ["verbose", 3, "Vrb"], ["verbose", 4, "Verb"], ["verbose", 5, "Verbo"],
      ["verbose", 6, "Verbos"], ["verbose", 7, "Verbose"], ["verbose", 8, "Verbose"],
      ["debug", 1, "D"], ["debug", 2, "De"], ["debug", 3, "Dbg"], ["debug", 4, "Dbug"], ["debug", 5, "Debug"], ["debug", 6, "Debug"],
      ["information", 1, "I"], ["information", 2, "In"], ["information", 3, "Inf"], ["information", 4, "Info"],
      ["information", 5, "Infor"], ["information", 6, "Inform"], ["information", 7, "Informa"], ["information", 8, "Informat"],
      ["information", 9, "Informati"], ["information", 10, "Informatio"], ["information", 11, "Information"],
      ["information", 12, "Information"],
      ["error", 1, "E"], ["error", 2, "Er"], ["error", 3, "Err"], ["error", 4, "Eror"], ["error", 5, "Error"], ["error", 6, "Error"],
      ["fatal", 1, "F"], ["fatal", 2, "Fa"], ["fatal", 3, "Ftl"], ["fatal", 4, "Fatl"], ["fatal", 5, "Fatal"], ["fatal", 6, "Fatal"],
      ["warning", 1, "W"], ["warning", 2, "Wn"], ["warning", 3, "Wrn"], ["warning", 4, "Warn"], ["warning", 5, "Warni"],
      ["warning", 6, "Warnin"], ["warning", 7, "Warning"], ["warning", 8, "Warning"],
    ];
    for (const [level, width, expected] of table) {
      assert.equal(format(`{Level:t${width}}`, someEvent({}, { level })), expected, `${level} t${width}`);
    }
  });

  test("FixedLengthLevelSupportsUpperCasing / LowerCasing, DefaultLevelLengthIsFullText", () => {
    const e = logEvent((l) => l.information("Hello"));
    assert.equal(format("{Level:u3}", e), "INF");
    assert.equal(format("{Level:w3}", e), "inf");
    assert.equal(format("{Level}", e), "Information");
  });

  test("AlignmentAndWidthCanBeCombined", () => {
    assert.equal(format("{Level,5:w3}", logEvent((l) => l.information("Hello"))), "  inf");
  });

  test("NonMessagePropertiesAreRendered", () => {
    const e = logEvent((l) => l.forContext("Foo", 42).information("Hello from {Bar}!", "bar"));
    assert.equal(format("{Properties}", e), "{ Foo: 42 }");
  });

  test("NonMessagePositionalPropertiesAreRendered", () => {
    const e = logEvent((l) => l.forContext("Foo", 42).information("Hello from {0}!", "bar"));
    assert.equal(format("{Properties}", e), "{ Foo: 42 }");
  });

  test("DoNotDuplicatePropertiesAlreadyRenderedInOutputTemplate", () => {
    const e = logEvent((l) => l.forContext("Foo", 42).forContext("Bar", 42).information("Hello from bar!"));
    assert.equal(format("{Foo} {Properties}", e), "42 { Bar: 42 }");
  });

  test("AppliesLiteralFormattingToMessageStringsWhenSpecified", () => {
    const e = logEvent((l) => l.information("Hello, {Name}!", "World"));
    const cases: Array<[string, string]> = [
      ["", 'Hello, "World"!'],
      [":j", 'Hello, "World"!'],
      [":l", "Hello, World!"],
      [":lj", "Hello, World!"],
      [":jl", "Hello, World!"],
    ];
    for (const [fmt, expected] of cases) assert.equal(format(`{Message${fmt}}`, e), expected, fmt);
  });

  test("AppliesJsonFormattingToMessageStructuresWhenSpecified", () => {
    const e = logEvent((l) => l.information("{@Obj}", { Name: "World" }));
    for (const fmt of [":j", ":lj", ":jl"]) assert.equal(format(`{Message${fmt}}`, e), '{"Name":"World"}', fmt);
    // difference: Serilog's default is { Name: "World" }; structures are JSON here.
    assert.equal(format("{Message}", e), '{"Name":"World"}');
  });

  test("AppliesJsonFormattingToPropertiesTokenWhenSpecified", () => {
    const e = logEvent((l) => l.forContext("Name", "World").information("Hello"));
    const cases: Array<[string, string]> = [
      ["", '{ Name: "World" }'],
      [":j", '{"Name":"World"}'],
      [":lj", '{"Name":"World"}'],
      [":jl", '{"Name":"World"}'],
    ];
    for (const [fmt, expected] of cases) assert.equal(format(`{Properties${fmt}}`, e), expected, fmt);
  });

  test("AnEmptyPropertiesTokenIsAnEmptyStructureValueWithDefaultFormatting", () => {
    // new StructureValue([]).ToString() is "{  }".
    assert.equal(format("{Properties}", logEvent((l) => l.information("Hello"))), "{  }");
  });

  test("PaddingIsApplied", () => {
    const cases: Array<[string, string]> = [["", "15"], [",5", "   15"], [",-5", "15   "]];
    for (const [fmt, expected] of cases) assert.equal(format(`{ThreadId${fmt}}`, someEvent({ ThreadId: 15 })), expected, fmt);
  });

  test("TraceAndSpanAreEmptyWhenAbsent", () => {
    assert.equal(format("{TraceId}/{SpanId}", someEvent()), "/");
  });

  test("TraceAndSpanAreIncludedWhenPresent", () => {
    const traceId = "1befc31e94b01d1a473f63a7905f6c9b";
    const spanId = "bb1111820570b80e";
    assert.equal(format("{TraceId}/{SpanId}", someEvent({ TraceId: traceId, SpanId: spanId })), `${traceId}/${spanId}`);
    // ...and, being the event's trace context, they are not repeated in {Properties}.
    assert.equal(format("{Properties}", someEvent({ TraceId: traceId, SpanId: spanId, A: 1 })), "{ A: 1 }");
  });

  test("UtcTimestampOutputsCorrectValue", () => {
    // Serilog's event: 2013-03-11 15:59:00.123 +10:00.
    const e = someEvent({}, { timestamp: Date.UTC(2013, 2, 11, 5, 59, 0, 123) });
    assert.equal(format("{UtcTimestamp:yyyy-MM-dd hh:mm:ss.fffZ}", e), "2013-03-11 05:59:00.123Z");
    assert.equal(textFormatter("{UtcTimestamp:HH:mm}", { utc: false }).format(e), "05:59");
  });
});

describe("fidelity: serilog/serilog MessageTemplateTextFormatter.cs", () => {
  test("a string property is written as it is, any format but u/w leaving it unchanged", () => {
    const e = someEvent({ SourceContext: "Db.Pool" });
    assert.equal(format("[{SourceContext}] [{SourceContext:l}] [{SourceContext:x}] [{SourceContext,-9}]", e), "[Db.Pool] [Db.Pool] [Db.Pool] [Db.Pool  ]");
  });

  test("a missing property writes nothing, not even padding (a message template would write the raw hole)", () => {
    assert.equal(format("[{Missing}] [{Missing,5}] [{TraceId,5}]", someEvent()), "[] [] []");
  });

  test("other values render with the hole's format", () => {
    assert.equal(format("{Elapsed:0.000} {Count:000}", someEvent({ Elapsed: 1.23456, Count: 7 })), "1.235 007");
  });
});
