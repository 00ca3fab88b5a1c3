import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_OUTPUT_TEMPLATE, textFormatter } from "../src/core/formatting/text_formatter.ts";
import { levelMoniker } from "../src/core/formatting/level_names.ts";
import { compileTimestampFormat } from "../src/core/formatting/timestamp_format.ts";
import { ansiLevelStyle } from "../src/core/formatting/ansi_theme.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { renderTemplate } from "../src/core/template/render_template.ts";
import { LOG_LEVELS, type LogLevel } from "../src/core/levels/level.ts";
import type { ErrorInfo, LogEvent } from "../src/core/events/log_event.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 5, 7, 42); // a Sunday

function event(text: string, properties: Record<string, LogValue> = {}, extra: Partial<LogEvent> = {}): LogEvent {
  return {
    timestamp: T0,
    level: "information",
    template: parseTemplate(text),
    properties: Object.assign(Object.create(null) as LogProperties, properties),
    ...extra,
  };
}

describe("level monikers", () => {
  it("u3 / w3 / t3 / u / w / full name", () => {
    const u3 = LOG_LEVELS.map((l) => levelMoniker(l, "u3"));
    assert.deepEqual(u3, ["VRB", "DBG", "INF", "WRN", "ERR", "FTL"]);
    assert.deepEqual(LOG_LEVELS.map((l) => levelMoniker(l, "w3")), ["vrb", "dbg", "inf", "wrn", "err", "ftl"]);
    assert.deepEqual(LOG_LEVELS.map((l) => levelMoniker(l, "t4")), ["Verb", "Dbug", "Info", "Warn", "Eror", "Fatl"]);
    assert.deepEqual(LOG_LEVELS.map((l) => levelMoniker(l)), ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"]);
    assert.equal(levelMoniker("information", "u"), "INFORMATION");
    assert.equal(levelMoniker("warning", "w"), "warning");
    assert.equal(levelMoniker("error", "u1"), "E");
    assert.equal(levelMoniker("debug", "u10"), "DEBUG");
    assert.equal(levelMoniker("debug", "u0"), "");
    assert.equal(levelMoniker("debug", "zz"), "Debug");
  });
});

describe("compileTimestampFormat", () => {
  it("formats .NET custom specifiers in UTC", () => {
    const f = (format: string) => compileTimestampFormat(format)(T0);
    assert.equal(f("HH:mm:ss"), "09:05:07");
    assert.equal(f("yyyy-MM-dd HH:mm:ss.fff zzz"), "2026-11-22 09:05:07.042 +00:00");
    assert.equal(f("yyyy-MM-dd'T'HH:mm:ss.fffZ"), "2026-11-22T09:05:07.042Z");
    assert.equal(f("yyyy-MM-ddTHH:mm:ssK"), "2026-11-22T09:05:07Z");
    assert.equal(f("d/M/yy h:m:s tt"), "22/11/26 9:5:7 AM");
    assert.equal(f("ddd dd MMM yyyy, dddd MMMM"), "Sun 22 Nov 2026, Sunday November");
    assert.equal(f("ff|f|ffffff"), "04|0|042000");
    assert.equal(f("'HH' \\m z zz"), "HH m +0 +00");
    assert.equal(f("o"), "2026-11-22T09:05:07.0420000+00:00");
    assert.equal(f("s"), "2026-11-22T09:05:07");
    assert.equal(f("u"), "2026-11-22 09:05:07Z");
    assert.equal(compileTimestampFormat()(T0), "2026-11-22T09:05:07.042Z");
    assert.equal(compileTimestampFormat("HH:mm")(NaN), "NaN");
  });

  it("recomputes fields when the second changes, in either direction", () => {
    const f = compileTimestampFormat("HH:mm:ss.fff");
    assert.equal(f(T0), "09:05:07.042");
    assert.equal(f(T0 + 1000), "09:05:08.042");
    assert.equal(f(T0 - 3_600_000), "08:05:07.042");
    assert.equal(f(T0 + 958), "09:05:08.000");
  });

  it("uses local time and the local offset when utc is false", () => {
    const d = new Date(T0);
    const off = -d.getTimezoneOffset();
    const sign = off < 0 ? "-" : "+";
    const pad = (n: number) => String(n).padStart(2, "0");
    const expected = `${pad(d.getHours())}:${pad(d.getMinutes())} ${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    assert.equal(compileTimestampFormat("HH:mm zzz", false)(T0), expected);
    const iso = compileTimestampFormat(undefined, false)(T0);
    assert.match(iso, /^2026-11-2\dT\d\d:\d\d:07\.042(Z|[+-]\d\d:\d\d)$/);
    assert.equal(new Date(iso).getTime(), T0);
  });
});

describe("textFormatter", () => {
  it("uses the default output template", () => {
    assert.equal(DEFAULT_OUTPUT_TEMPLATE, "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
    const line = textFormatter().format(event("User {Name} logged in from {@Client}", { Name: "ann", Client: { ip: "10.0.0.1" } }, {
      level: "warning",
    }));
    assert.equal(line, '[09:05:07 WRN] User ann logged in from {"ip":"10.0.0.1"}\n');
  });

  it("renders {Message} like renderTemplate, :l unquoted, :j JSON structures, :lj both", () => {
    const e = event("User {Name} sent {@Body} x{Count}", { Name: "ann", Body: { n: 1, s: "x" }, Count: 3 });
    assert.equal(textFormatter("{Message}").format(e), renderTemplate(e.template, e.properties));
    assert.equal(textFormatter("{Message:lj}").format(e), 'User ann sent {"n":1,"s":"x"} x3');
    assert.ok(textFormatter("{Message:l}").format(e).startsWith("User ann sent "));
    assert.ok(textFormatter("{Message:j}").format(e).startsWith('User "ann" sent {"n":1,"s":"x"} x3'));
    assert.equal(textFormatter("{Message:lj}").format(event("Missing {Thing} here")), "Missing {Thing} here");
    assert.equal(textFormatter("{Message:l}").format(event("[{Name,-5}]", { Name: "ab" })), "[ab   ]");
  });

  it("writes {Exception} as stack and cause chain plus a newline, or nothing", () => {
    const error: ErrorInfo = { name: "Error", message: "outer", stack: "Error: outer\n    at f (a.js:1:1)", cause: { name: "TypeError", message: "inner" } };
    const f = textFormatter();
    assert.equal(
      f.format(event("Failed", {}, { level: "error", error })),
      "[09:05:07 ERR] Failed\nError: outer\n    at f (a.js:1:1)\nCaused by: TypeError: inner\n",
    );
    assert.equal(f.format(event("Fine")), "[09:05:07 INF] Fine\n");
  });

  it("writes {Properties} not used by the message or output template", () => {
    const e = event("Hello {Name}", { Name: "ann", RequestId: "r-1", Count: 3, SourceContext: "Db", Tags: ["a", "b"] });
    assert.equal(
      textFormatter("{Message:lj} {Properties}").format(e),
      'Hello ann { RequestId: "r-1", Count: 3, SourceContext: "Db", Tags: ' + renderValueOf(["a", "b"]) + " }",
    );
    assert.equal(
      textFormatter("{SourceContext:l}: {Message:lj} {Properties:j}").format(e),
      'Db: Hello ann {"RequestId":"r-1","Count":3,"Tags":["a","b"]}',
    );
    assert.equal(textFormatter("{Properties}").format(event("Hi {Name}", { Name: "x" })), "{  }");
    assert.equal(textFormatter("{Properties:j}").format(event("Hi {Name}", { Name: "x" })), "{}");
  });

  it("looks up other names as event properties (strings unquoted, as Serilog writes them), empty when absent", () => {
    const e = event("x", { SourceContext: "Db.Pool", Pct: 0.5, N: 7 });
    assert.equal(textFormatter("[{SourceContext}] [{Missing}] {SourceContext:l} {N:03d}").format(e), "[Db.Pool] [] Db.Pool 007");
  });

  it("pads any hole to its alignment", () => {
    const e = event("Hi", { SourceContext: "Db" }, { level: "warning" });
    assert.equal(textFormatter("[{Level,-5:u3}|{Level,5:w3}|{SourceContext,6:l}|{SourceContext,-6}|{Message,4}]").format(e), "[WRN  |  wrn|    Db|Db    |  Hi]");
    assert.equal(textFormatter("{Level,-12}|").format(e), "Warning     |");
  });

  it("styles only the level text, keeping alignment outside the escape codes", () => {
    const f = textFormatter("[{Level,-5:u3}] {Message}", { levelStyle: ansiLevelStyle });
    assert.equal(f.format(event("Hi", {}, { level: "warning" })), "[\x1b[33mWRN\x1b[0m  ] Hi");
    const styles = LOG_LEVELS.map((level: LogLevel) => textFormatter("{Level:u3}", { levelStyle: ansiLevelStyle }).format(event("x", {}, { level })));
    assert.deepEqual(styles, [
      "\x1b[2mVRB\x1b[0m", "\x1b[2mDBG\x1b[0m", "\x1b[36mINF\x1b[0m",
      "\x1b[33mWRN\x1b[0m", "\x1b[31mERR\x1b[0m", "\x1b[97;41mFTL\x1b[0m",
    ]);
  });

  it("supports full timestamps, UTC by default, and literal text with escaped braces", () => {
    const e = event("Hi");
    assert.equal(textFormatter("{Timestamp} {{x}}{NewLine}").format(e), "2026-11-22T09:05:07.042Z {x}\n");
    assert.equal(textFormatter("{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Message}").format(e), "2026-11-22 09:05:07.042 +00:00 Hi");
    assert.equal(textFormatter("{Level,2:u3}").format(e), "INF");
  });
});

function renderValueOf(value: LogValue): string {
  // {Properties} shows values as renderValue does; use the renderer for the expectation.
  return renderTemplate(parseTemplate("{V}"), { V: value });
}
