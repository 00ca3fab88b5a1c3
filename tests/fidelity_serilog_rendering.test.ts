/**
 * Fidelity: rendering a message template with bound values, against the
 * rendering tests of Serilog and of messagetemplates.org's reference
 * implementation.
 *
 * Sources:
 * - serilog/serilog, test/Serilog.Tests/Core/MessageTemplateTests.cs and
 *   test/Serilog.Tests/Rendering/MessageTemplateRendererTests.cs
 *   (commit 60935b4d7abad71cf6157b45a10f5c3c65ead527);
 * - messagetemplates/messagetemplates-csharp, test/MessageTemplates.Tests/FormatTests.cs
 *   (commit 4be432049cbeaa17f0b4c548ad84cae3e4b7f561).
 *
 * Left out: the cases about a .NET culture (fr-FR) or a custom
 * `IFormatProvider`, which have no JavaScript counterpart. The deliberate
 * JavaScript differences (README, "Differences from Serilog") are asserted as
 * such, each marked `difference:`.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { bindProperties } from "../src/core/template/bind_properties.ts";
import { renderOptionsFromFormat, renderTemplate, type RenderOptions } from "../src/core/template/render_template.ts";
import type { LogValue } from "../src/core/events/log_value.ts";

/** Serilog's `Render(template, values)`: bind, then render. */
function render(template: string, ...values: unknown[]): string {
  return renderWith(undefined, template, ...values);
}

function renderWith(options: RenderOptions | undefined, template: string, ...values: unknown[]): string {
  const t = parseTemplate(template);
  const properties: Record<string, LogValue> = Object.create(null);
  bindProperties(t, values, 0, properties);
  return renderTemplate(t, properties, options);
}

class Chair {
  Back = "straight";
  Legs = [1, 2, 3, 4];
  toString(): string {
    return "a chair";
  }
}

class ToStringThrows {
  toString(): string {
    throw new TypeError("A possible a Bug in a class");
  }
}

for (const source of ["serilog/serilog MessageTemplateTests.cs", "messagetemplates/messagetemplates-csharp FormatTests.cs"]) {
  describe(`fidelity: ${source}`, () => {
    test("MultiplePropertiesAreRenderedInOrder", () => {
      assert.equal(render("Just biting {Fruit} number {Count}", "Apple", 12), 'Just biting "Apple" number 12');
    });

    test("FormatStringsArePropagated", () => {
      assert.equal(render("Welcome, customer {CustomerId:0000}", 12), "Welcome, customer 0012");
    });

    test("AlignmentStringsArePropagated", () => {
      const cases: Array<[string, string]> = [
        ["Welcome, customer #{CustomerId,-10}, pleasure to see you", "Welcome, customer #1234      , pleasure to see you"],
        ["Welcome, customer #{CustomerId,-10:000000}, pleasure to see you", "Welcome, customer #001234    , pleasure to see you"],
        ["Welcome, customer #{CustomerId,10}, pleasure to see you", "Welcome, customer #      1234, pleasure to see you"],
        ["Welcome, customer #{CustomerId,10:000000}, pleasure to see you", "Welcome, customer #    001234, pleasure to see you"],
        ["Welcome, customer #{CustomerId,10:0,0}, pleasure to see you", "Welcome, customer #     1,234, pleasure to see you"],
        ["Welcome, customer #{CustomerId:0,0}, pleasure to see you", "Welcome, customer #1,234, pleasure to see you"],
      ];
      for (const [template, expected] of cases) assert.equal(render(template, 1234), expected, template);
    });

    test("ATemplateWithOnlyPositionalPropertiesIsAnalyzedAndRenderedPositionally", () => {
      assert.equal(render("{1}, {0}", "world", "Hello"), '"Hello", "world"');
    });

    test("ATemplateWithNamesAndPositionalsUsesNamesForAllValues", () => {
      assert.equal(render("{1}, {Place}", "world", "Hello"), '"world", "Hello"');
    });

    test("MissingPositionalParametersRenderAsTextLikeStandardFormats", () => {
      assert.equal(render("{1}, {0}", "world"), '{1}, "world"');
    });

    test("AnObjectWithStringifyDestructuringIsRenderedAsAString", () => {
      assert.equal(render("I sat at {$Chair}", new Chair()), 'I sat at "a chair"');
    });

    test("difference: AnObjectIsRenderedInSimpleNotation (JSON here, with $type for a class)", () => {
      // Serilog: I sat at Chair { Back: "straight", Legs: [1, 2, 3, 4] }
      assert.equal(render("I sat at {@Chair}", new Chair()), 'I sat at {"$type":"Chair","Back":"straight","Legs":[1,2,3,4]}');
    });

    test("difference: AnAnonymousObjectIsRenderedInSimpleNotationWithoutType (JSON here)", () => {
      // Serilog: I sat at { Back: "straight", Legs: [1, 2, 3, 4] }
      assert.equal(render("I sat at {@Chair}", { Back: "straight", Legs: [1, 2, 3, 4] }), 'I sat at {"Back":"straight","Legs":[1,2,3,4]}');
    });

    test("difference: AnObjectWithDefaultDestructuringIsRenderedAsAStringLiteral ({Name} keeps the structure here)", () => {
      // Serilog: I sat at "a chair"
      assert.equal(render("I sat at {Chair}", { Back: "straight" }), 'I sat at {"Back":"straight"}');
    });
  });
}

describe("fidelity: serilog/serilog MessageTemplateTests.cs (Serilog only)", () => {
  test("AnObjectWithStringifyDestructuringIsRenderedAsAString: a throwing ToString (difference: the marker's wording)", () => {
    // Serilog: "Capturing the property value threw an exception: ArgumentNullException"
    assert.equal(render("I sat at {$Obj}", new ToStringThrows()), 'I sat at "[Threw: A possible a Bug in a class]"');
  });
});

describe("fidelity: serilog/serilog MessageTemplateRendererTests.cs", () => {
  test("PropertyTokenFormatsAreApplied", () => {
    const cases: Array<[string, string | undefined, string]> = [
      ["{Number}", undefined, "16"],
      ["{Number:X8}", undefined, "00000010"],
      ["{Number}", "j", "16"],
      ["{Number:X8}", "j", "00000010"],
    ];
    for (const [template, applied, expected] of cases) {
      assert.equal(renderTemplate(template, { Number: 16 }, renderOptionsFromFormat(applied)), expected, `${template} ${applied}`);
    }
  });
});

describe("fidelity: stringified collections ({$Name}, issue: show contents)", () => {
  test("Map, Set and arrays render their contents", () => {
    assert.equal(render("{$M}", new Map([["a", 1]])), '"{\\"a\\":1}"');
    assert.equal(render("{$S:l}", new Set([1, 2])), "[1,2]");
    assert.equal(render("{$A:l}", [1, 2, 3]), "[1,2,3]");
  });
});

describe("fidelity: string quoting (serilog/serilog src/Serilog/Events/ScalarValue.cs)", () => {
  test("strings are quoted; :l writes them as they are", () => {
    assert.equal(render("{S}", 'say "hi"'), '"say \\"hi\\""');
    assert.equal(render("{S:l}", 'say "hi"'), 'say "hi"');
  });

  test("difference: quoting is JSON's, so backslashes and control characters are escaped too", () => {
    // Serilog escapes only the double quote: "C:\temp" stays "C:\temp".
    assert.equal(render("{S}", "C:\\temp"), '"C:\\\\temp"');
  });
});
