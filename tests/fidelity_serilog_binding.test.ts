/**
 * Fidelity: binding a call's values to its template's holes, against
 * Serilog's capturing tests.
 *
 * Source: serilog/serilog, test/Serilog.Tests/Core/LogEventPropertyCapturingTests.cs
 * (commit 60935b4d7abad71cf6157b45a10f5c3c65ead527), and
 * src/Serilog/Capturing/PropertyBinder.cs for the SelfLog wording. Each case
 * names the test it comes from.
 *
 * JavaScript difference kept: Serilog captures an anonymous object by default
 * as its `ToString()` text; here `{Name}` on an object keeps its structure
 * (see the README, "Differences from Serilog").
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { bindProperties } from "../src/core/template/bind_properties.ts";
import type { LogValue } from "../src/core/events/log_value.ts";
import { logEvent, selfLogOf } from "./_helpers/serilog_cases.ts";

/** Serilog's `Capture(template, values)`: the bound properties, in order, as [name, value] pairs. */
function capture(template: string, ...values: unknown[]): Array<[string, LogValue]> {
  const target: Record<string, LogValue> = Object.create(null);
  bindProperties(parseTemplate(template), values, 0, target);
  return Object.entries(target).map(([k, v]) => [k, v]);
}

describe("fidelity: serilog/serilog LogEventPropertyCapturingTests.cs", () => {
  test("CapturingANamedScalarStringWorks", () => {
    assert.deepEqual(capture("Hello {who}", "world"), [["who", "world"]]);
  });

  test("CapturingAPositionalScalarStringWorks", () => {
    assert.deepEqual(capture("Hello {0}", "world"), [["0", "world"]]);
  });

  test("CapturingMixedPositionalAndNamedScalarsWorksUsingNames", () => {
    // (A JavaScript object lists integer-like keys first, so compare regardless of order.)
    assert.deepEqual(capture("Hello {who} {0} {0}", "worldNamed", "worldPositional").sort(), [
      ["0", "worldPositional"],
      ["who", "worldNamed"],
    ]);
  });

  test("CapturingTheSameNamedPropertyMatchesValuesCorrectly", () => {
    // Serilog yields who, what=what1, what=what2; the event keeps the last (LogEvent.cs: `_properties[name] = value`).
    assert.deepEqual(capture("Hello {who} {what} {what}", "worldNamed", "what1", "what2"), [
      ["who", "worldNamed"],
      ["what", "what2"],
    ]);
  });

  test("ProvidingLessParametersThanNamedPropertiesInTheTemplateWorksAndSelfLogs", () => {
    let bound: Array<[string, LogValue]> = [];
    const messages = selfLogOf(() => bound = capture("Hello {who} {what} {where}", "who", "what"));
    assert.deepEqual(bound, [["who", "who"], ["what", "what"]]);
    assert.deepEqual(messages, ["Named property count does not match parameter count: Hello {who} {what} {where}"]);
  });

  test("WillCaptureAdditionalNamedPropsNotInTemplateUsingUnderscoreIndex", () => {
    assert.deepEqual(capture("Hello {who} {what} where}", "who", "what", "__2", "__3"), [
      ["who", "who"],
      ["what", "what"],
      ["__2", "__2"],
      ["__3", "__3"],
    ]);
  });

  test("WillCaptureSequenceOfScalarsWhenAdditionalNamedPropsNotInTemplateAreArrays", () => {
    assert.deepEqual(capture("Hello {who} {what} where}", "who", "what", ["__2"], ["__3"]), [
      ["who", "who"],
      ["what", "what"],
      ["__2", ["__2"]],
      ["__3", ["__3"]],
    ]);
  });

  test("WillCaptureAnonObjectsAsToStringedScalarsWhenAdditionalNamedPropsNotInTemplate (objects keep structure here)", () => {
    const bound = capture("Hello {who} {what} {where}", "who", "what", { Num: "__2" }, { Num: "__3" });
    assert.deepEqual(bound.map(([name]) => name), ["who", "what", "where", "__3"]);
    assert.deepEqual(JSON.stringify(bound[2][1]), '{"Num":"__2"}');
    assert.deepEqual(JSON.stringify(bound[3][1]), '{"Num":"__3"}');
  });

  test("CapturingIntArrayAsScalarSequenceValuesWorks", () => {
    assert.deepEqual(capture("Hello {sequence}", [1, 2, 3]), [["sequence", [1, 2, 3]]]);
  });

  test("CapturingDestructuredStringArrayAsScalarSequenceValuesWorks", () => {
    assert.deepEqual(capture("Hello {@sequence}", ["1", "2", "3"]), [["sequence", ["1", "2", "3"]]]);
  });

  test("ProvidingMoreParametersThanNamedPropertiesInTheTemplateWillSelfLog", () => {
    const messages = selfLogOf(() => capture("Hello {who}", "world", "extra"));
    assert.deepEqual(messages, ["Named property count does not match parameter count: Hello {who}"]);
  });

  test("ProvidingParametersWhenTemplateHasNoPropertiesWillSelfLog", () => {
    let bound: Array<[string, LogValue]> = [[ "unset", null ]];
    const messages = selfLogOf(() => bound = capture("No properties here", 42));
    assert.deepEqual(bound, []);
    assert.deepEqual(messages, ["Parameters provided for message template with no properties: No properties here"]);
  });

  test("WillCaptureProvidedPositionalValuesEvenIfSomeAreMissing", () => {
    let bound: Array<[string, LogValue]> = [];
    const messages = selfLogOf(() => bound = capture("Hello {3} {2} {1} {0} nothing more", 0, 1));
    assert.deepEqual(bound.sort(), [["0", 0], ["1", 1]]);
    // PropertyBinder.cs: one "Unassigned positional value" per hole without a value.
    assert.deepEqual(messages, [
      "Unassigned positional value 3 in: Hello {3} {2} {1} {0} nothing more",
      "Unassigned positional value 2 in: Hello {3} {2} {1} {0} nothing more",
    ]);
  });

  test("WillCaptureProvidedNamedValuesEvenIfSomeAreMissing", () => {
    assert.deepEqual(capture("Hello {who} {what} {where}", "who", "what"), [["who", "who"], ["what", "what"]]);
  });
});

describe("fidelity: serilog/serilog PropertyBinder.cs", () => {
  test("no values for a template with holes: nothing bound, \"Required properties not provided\"", () => {
    let bound: Array<[string, LogValue]> = [["unset", null]];
    const messages = selfLogOf(() => bound = capture("Hello {who}"));
    assert.deepEqual(bound, []);
    assert.deepEqual(messages, ["Required properties not provided for: Hello {who}"]);
  });

  test("positional values no hole names are dropped", () => {
    let bound: Array<[string, LogValue]> = [];
    const messages = selfLogOf(() => bound = capture("{1} {0}", "a", "b", "c"));
    assert.deepEqual(bound.sort(), [["0", "a"], ["1", "b"]]);
    assert.deepEqual(messages, ["Positional property count does not match parameter count: {1} {0}"]);
  });

  test("a matching call reports nothing", () => {
    assert.deepEqual(selfLogOf(() => capture("{A} {B} {A}", 1, 2, 3)), []);
    assert.deepEqual(selfLogOf(() => capture("{1} {0} {1}", 1, 2)), []);
    assert.deepEqual(selfLogOf(() => capture("no holes")), []);
  });

  test("through a logger: extras numbered by argument position, the same diagnostics", () => {
    let event = logEvent((log) => log.information("Extra {A}", 1, 2, 3));
    assert.deepEqual({ ...event.properties }, { A: 1, __1: 2, __2: 3 });
    const messages = selfLogOf(() => {
      event = logEvent((log) => log.information("No holes", 1, 2));
    });
    assert.deepEqual({ ...event.properties }, {});
    assert.deepEqual(messages, ["Parameters provided for message template with no properties: No holes"]);
    event = logEvent((log) => log.information("{who} {what} {what}", "w", "a", "b"));
    assert.deepEqual({ ...event.properties }, { who: "w", what: "b" });
  });

  test("a tagged template that names a value twice binds it to both holes: no diagnostic", () => {
    const messages = selfLogOf(() => {
      const a = 5;
      const event = logEvent((log) => log.information`${{ a }} and ${{ a }} and ${"x"}`);
      assert.equal(event.template.text, "{a} and {a} and {__2}");
      assert.deepEqual({ ...event.properties }, { a: 5, __2: "x" });
    });
    assert.deepEqual(messages, []);
  });

  test("a leading properties object may fill the holes: no diagnostic", () => {
    const messages = selfLogOf(() => {
      const event = logEvent((log) => log.information({ id: 7 }, "Got {id}"));
      assert.deepEqual({ ...event.properties }, { id: 7 });
    });
    assert.deepEqual(messages, []);
  });
});
