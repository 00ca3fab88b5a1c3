/**
 * Fidelity: message template parsing against Serilog's own parser tests.
 *
 * Source: serilog/serilog, test/Serilog.Tests/Parsing/MessageTemplateParserTests.cs
 * (commit 60935b4d7abad71cf6157b45a10f5c3c65ead527), and the parser itself,
 * src/Serilog/Parsing/MessageTemplateParser.cs. Each case names the test it
 * comes from.
 *
 * Representation: Serilog returns adjacent text runs as separate tokens
 * (`"Hello, "`, `"{w@rld}"`); this library merges adjacent text into one token,
 * so the expectations here join them. Holes are compared by name, raw text,
 * hint, alignment (positive right, negative left) and format.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { MessageTemplate, PropertyToken } from "../src/core/template/message_template.ts";
import { selfLogOf } from "./_helpers/serilog_cases.ts";

type Expected = string | { name: string; raw: string; format?: string; alignment?: number; hint?: PropertyToken["hint"] };

function tokens(t: MessageTemplate): Expected[] {
  return t.tokens.map((tok) => {
    if (tok.kind === "text") return tok.text;
    const out: { name: string; raw: string; format?: string; alignment?: number; hint?: PropertyToken["hint"] } = {
      name: tok.name,
      raw: tok.raw,
    };
    if (tok.format !== undefined) out.format = tok.format;
    if (tok.alignment !== undefined) out.alignment = tok.alignment;
    if (tok.hint !== "default") out.hint = tok.hint;
    return out;
  });
}

/** Serilog's `AssertParsedAs`, adjacent text joined. */
function parsedAs(template: string, ...expected: Expected[]): void {
  assert.deepEqual(tokens(parseTemplate(template)), expected, template);
}

const hole = (name: string, raw = `{${name}}`, extra: Omit<Exclude<Expected, string>, "name" | "raw"> = {}): Expected => ({
  name,
  raw,
  ...extra,
});

describe("fidelity: serilog/serilog MessageTemplateParserTests.cs", () => {
  test("AnEmptyPropertyIsIsParsedAsText", () => parsedAs("{}", "{}"));
  test("AMessageWithoutPropertiesIsASingleTextToken", () => parsedAs("Hello, world!", "Hello, world!"));
  test("AMessageWithPropertyOnlyIsASinglePropertyToken", () => parsedAs("{Hello}", hole("Hello")));

  test("DoubledLeftBracketsAreParsedAsASingleBracket", () => parsedAs("{{ Hi! }", "{ Hi! }"));

  test("DoubledLeftBracketsAreParsedAsASingleBracketInsideText", () => {
    parsedAs("Well, {{ Hi!", "Well, { Hi!");
    parsedAs("Hello, {{worl@d}!", "Hello, {worl@d}!");
  });

  test("DoubledRightBracketsAreParsedAsASingleBracket", () => parsedAs("Nice }}-: mo", "Nice }-: mo"));

  test("DoubledRightBracketsAfterOneLeftIsParsedAPropertyTokenAndATextToken", () => {
    parsedAs("{World}}!", hole("World"), "}!");
    parsedAs("Hello, {World}}!", "Hello, ", hole("World"), "}!");
  });

  test("DoubledBracketsAreParsedAsASingleBracket", () => {
    parsedAs("{{Hi}}", "{Hi}");
    parsedAs("Hello, {{worl@d}}!", "Hello, {worl@d}!");
  });

  test("DashedAndDottedNamesAreAccepted", () => {
    for (const template of ["{test.name}", "{te.st.na.me}"]) {
      const t = parseTemplate(template);
      assert.equal(t.tokens.length, 1);
      const token = t.properties[0];
      assert.equal(token.name, template.slice(1, -1));
      assert.equal(token.alignment, undefined);
      assert.equal(token.format, undefined);
      assert.equal(token.position, undefined);
    }
  });

  test("AMalformedPropertyTagIsParsedAsText", () => {
    for (
      const template of [
        "{0 space}", "{0 space", "{0_space", "{0_{{space}", "{0_{{space", "{.testname}", "{testname.}",
        "{.}", "{..}", "{test..name}", "{10.name}", "{0_}", "{0a}",
      ]
    ) parsedAs(template, template);
  });

  test("ATrailingUnmatchedBracketIsParsedAsText", () => parsedAs("{0}}space}", hole("0"), "}space}"));

  test("AMessageWithAMalformedPropertyTagIsParsedAsManyTextTokens", () => {
    parsedAs("Hello, {w@rld}", "Hello, {w@rld}");
    parsedAs("Hello, {w@rld", "Hello, {w@rld");
    parsedAs("Hello, {w{{rld", "Hello, {w{{rld");
    parsedAs("Hello{{, {w{{rld", "Hello{, {w{{rld");
    parsedAs("Hello, {w@rld}, HI!", "Hello, {w@rld}, HI!");
    parsedAs("{w@rld} Hi!", "{w@rld} Hi!");
    parsedAs("{H&llo}, {w@rld}", "{H&llo}, {w@rld}");
  });

  test("ASingleIntegerPropertyNameIsParsedAsPositionalProperty", () => {
    const t = parseTemplate("{0}");
    assert.deepEqual(tokens(t), [hole("0")]);
    assert.equal(t.properties[0].position, 0);
    assert.equal(t.positional, true);
  });

  test("ManyIntegerPropertyNameIsParsedAsPositionalProperty", () => {
    const t = parseTemplate("{0}, {1}, {2}");
    assert.deepEqual(tokens(t), [hole("0"), ", ", hole("1"), ", ", hole("2")]);
    assert.deepEqual(t.properties.map((p) => p.position), [0, 1, 2]);
  });

  test("InvalidIntegerPropertyNameIsParsedAsText", () => {
    const t = parseTemplate("{-1}{-0}{0}{1}{3.1415}");
    assert.deepEqual(tokens(t), ["{-1}{-0}", hole("0"), hole("1"), "{3.1415}"]);
    assert.deepEqual(t.properties.map((p) => p.position), [0, 1]);
  });

  test("FormatsCanContainColons", () => {
    assert.equal(parseTemplate("{Time:hh:mm}").properties[0].format, "hh:mm");
  });

  test("FormatsCanContainSymbolsAndOperators", () => {
    for (const format of ["HH$MM", "HH<MM", "HH#MM", "HH+MM", "HH`MM"]) {
      parsedAs(`{Hello:${format}}`, hole("Hello", `{Hello:${format}}`, { format }));
    }
  });

  test("PropertiesCanHaveLeftAlignment / RightAlignment", () => {
    parsedAs("{Hello,-5}", hole("Hello", "{Hello,-5}", { alignment: -5 }));
    parsedAs("{Hello,-50}", hole("Hello", "{Hello,-50}", { alignment: -50 }));
    parsedAs("{Hello,5}", hole("Hello", "{Hello,5}", { alignment: 5 }));
    parsedAs("{Hello,50}", hole("Hello", "{Hello,50}", { alignment: 50 }));
  });

  test("PropertiesCanHaveAlignmentAndFormat", () => {
    parsedAs("{Hello,-5:000}", hole("Hello", "{Hello,-5:000}", { alignment: -5, format: "000" }));
    parsedAs("{Hello,-50:000}", hole("Hello", "{Hello,-50:000}", { alignment: -50, format: "000" }));
    parsedAs("{Hello,5:000}", hole("Hello", "{Hello,5:000}", { alignment: 5, format: "000" }));
    parsedAs("{Hello,50:000}", hole("Hello", "{Hello,50:000}", { alignment: 50, format: "000" }));
  });

  test("FormatInFrontOfAlignmentWillHaveTheAlignmentBeConsideredPartOfTheFormat", () => {
    for (const format of ["000,-5", "000,-50", "000,5", "000,50"]) {
      parsedAs(`{Hello:${format}}`, hole("Hello", `{Hello:${format}}`, { format }));
    }
  });

  test("ZeroValuesAlignmentIsParsedAsProperty", () => {
    // A zero width pads nothing either way.
    parsedAs("{Hello,-0}", hole("Hello", "{Hello,-0}", { alignment: 0 }));
    parsedAs("{Hello,0}", hole("Hello", "{Hello,0}", { alignment: 0 }));
  });

  test("AlignmentWithPositiveSignParsedAsText", () => parsedAs("{Hello,+10}", "{Hello,+10}"));

  test("NonNumberAlignmentIsParsedAsText", () => {
    for (const template of ["{Hello,-aa}", "{Hello,aa}", "{Hello,-10-1}", "{Hello,10-1}"]) parsedAs(template, template);
  });

  test("EmptyAlignmentIsParsedAsText", () => {
    parsedAs("{Hello,}", "{Hello,}");
    parsedAs("{Hello,:format}", "{Hello,:format}");
  });

  test("MultipleTokensHasCorrectIndexes", () => {
    parsedAs("{Greeting}, {Name}!", hole("Greeting"), ", ", hole("Name"), "!");
  });

  test("MissingRightBracketIsParsedAsText", () => parsedAs("{Hello", "{Hello"));

  test("DestructureHintIsParsedCorrectly / StringifyHintIsParsedCorrectly", () => {
    assert.equal(parseTemplate("{@Hello}").properties[0].hint, "destructure");
    assert.equal(parseTemplate("{$Hello}").properties[0].hint, "stringify");
  });

  test("DestructureWithInvalidHintsIsParsedAsText", () => {
    parsedAs("{@$}", "{@$}");
    parsedAs("{$@}", "{$@}");
  });

  test("DestructuringWithEmptyPropertyNameIsParsedAsText", () => {
    parsedAs("{@}", "{@}");
    parsedAs("{$}", "{$}");
  });

  test("UnderscoresAreValidInPropertyNames", () => parsedAs("{_123_Hello}", hole("_123_Hello")));

  test("IndexOutOfRangeExceptionBugHasNotRegressed", () => parsedAs("{,,}", "{,,}"));

  test("FormatCanContainMultipleSections", () => {
    assert.equal(parseTemplate("{Number:##.0;-##.0;zero}").properties[0].format, "##.0;-##.0;zero");
  });

  test("FormatCanContainPlusSign", () => {
    assert.equal(parseTemplate("{Number:+##.0}").properties[0].format, "+##.0");
  });
});

describe("fidelity: serilog/serilog src/Serilog/Events/MessageTemplate.cs", () => {
  test("mixing named and positional holes is reported as malformed and binds by name", () => {
    const text = "{1}, {Place} (fidelity mixed " + Math.random() + ")";
    const messages = selfLogOf(() => {
      const t = parseTemplate(text);
      assert.equal(t.positional, false);
    });
    assert.deepEqual(messages, [`Message template is malformed: ${text}`]);
  });

  test("a name that does not fit a 32-bit int is a name, not a position (PropertyToken.cs int.TryParse)", () => {
    const t = parseTemplate("{2147483648} {2147483647}");
    assert.equal(t.properties[0].position, undefined);
    assert.equal(t.properties[1].position, 2147483647);
  });
});
