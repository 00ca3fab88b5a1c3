// One event, one line: control characters from event data are escaped
// visibly in every text output (text formatter, console sink, syslog), while
// the library's own colours, {NewLine} and CLEF are unchanged.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  clefFormatter,
  consoleSink,
  type LogEvent,
  type LogLevel,
  parseTemplate,
  type RuntimeAdapter,
  textFormatter,
  type Writer,
} from "../mod.ts";
import { ManualScheduler } from "../src/testing/mod.ts";
import { escapeControl } from "../src/core/formatting/escape_control.ts";
import { syslogFormatter } from "../src/core/shipping/syslog_format.ts";
import { syslogStructuredData } from "../src/core/shipping/syslog_structured_data.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 0);
const FORGED = "bob\n[12:00:00 INF] admin logged in";
const TERMINAL = "\u001b[2J\u001b]0;pwned\u0007\r";

function event(text: string, properties: LogEvent["properties"], level: LogLevel = "information", error?: LogEvent["error"]): LogEvent {
  const e: LogEvent = { timestamp: T0, level, template: parseTemplate(text), properties };
  return error === undefined ? e : { ...e, error };
}

describe("escapeControl", () => {
  it("escapes LF, CR, C0 (not TAB), DEL, C1, U+2028/2029; keeps the rest as is", () => {
    assert.equal(escapeControl("a\nb\rc\td"), "a\\nb\\rc\td");
    assert.equal(escapeControl("\u0000\u0007\u001b[31m\u007f\u0085\u009b\u2028\u2029"), "\\u0000\\u0007\\u001b[31m\\u007f\\u0085\\u009b\\u2028\\u2029");
    assert.equal(escapeControl("C:\\path \u00e9\u00a0\u{1f600}"), "C:\\path \u00e9\u00a0\u{1f600}");
    const plain = "nothing to do";
    assert.equal(escapeControl(plain), plain);
  });

  it("can keep line feeds (for multi-line blocks), escaping the other controls", () => {
    assert.equal(escapeControl("at a\n  at b\r\u001b[2J", true), "at a\n  at b\\r\\u001b[2J");
  });
});

describe("text formatter", () => {
  const f = (template: string) => textFormatter(template);

  it("{Message:lj} cannot forge a line or drive a terminal", () => {
    const line = f("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}").format(event("User {Name} {Cmd}", { Name: FORGED, Cmd: TERMINAL }));
    assert.equal(line, "[12:00:00 INF] User bob\\n[12:00:00 INF] admin logged in \\u001b[2J\\u001b]0;pwned\\u0007\\r\n");
  });

  it("{Message:l}, quoted {Message}, {Message:j} structures: all one line", () => {
    const e = event("{Name} {@Obj}", { Name: "a\nb\u0085", Obj: { k: "x\u001by\u2028" } });
    assert.equal(f("{Message:l}").format(e), 'a\\nb\\u0085 {"k":"x\\u001by\\u2028"}');
    assert.equal(f("{Message}").format(e), '"a\\nb\\u0085" {"k":"x\\u001by\\u2028"}');
  });

  it("the template text itself is escaped too (it may be built from data)", () => {
    assert.equal(f("{Message}").format(event("line1\nline2\u001b[K", {})), "line1\\nline2\\u001b[K");
  });

  it("{Name}, {Name:l} and {Properties} holes are escaped; output template text and {NewLine} are not", () => {
    const e = event("Hi", { Path: "/a\r\nb", Extra: "x\u0007" });
    assert.equal(f("{Path:l}|{Path}|{Properties}{NewLine}--\n").format(e), '/a\\r\\nb|/a\\r\\nb|{ Extra: "x\\u0007" }\n--\n');
  });

  it("{Exception} keeps the stack's line feeds and escapes other controls", () => {
    const error = { name: "Error", message: "bad\u001b[2J", stack: "Error: bad\u001b[2J\n    at f\r (a.js:1:1)" };
    assert.equal(
      f("{Message}{NewLine}{Exception}").format(event("Failed", {}, "error", error)),
      "Failed\nError: bad\\u001b[2J\n    at f\\r (a.js:1:1)\n",
    );
  });

  it("alignment counts the escaped text", () => {
    assert.equal(f("[{Name,-4}]").format(event("x", { Name: "a\nb" })), "[a\\nb]");
    assert.equal(f("[{Name,-6}]").format(event("x", { Name: "a\nb" })), "[a\\nb  ]");
  });
});

describe("console sink", () => {
  function capture(theme: "none" | "ansi", events: LogEvent[]): string {
    const chunks: string[] = [];
    const writer: Writer = {
      write(chunk) {
        chunks.push(String(chunk));
      },
      async close() {},
    };
    const runtime: RuntimeAdapter = { name: "node", scheduler: new ManualScheduler(), stdout: writer, stderr: writer, env: () => undefined };
    const sink = consoleSink({ theme });
    sink.attach(runtime);
    sink.emit(events);
    return chunks.join("");
  }

  it("writes a hostile event as one line (default template)", () => {
    assert.equal(
      capture("none", [event("User {Name} {Cmd}", { Name: FORGED, Cmd: TERMINAL })]),
      "[12:00:00 INF] User bob\\n[12:00:00 INF] admin logged in \\u001b[2J\\u001b]0;pwned\\u0007\\r\n",
    );
  });

  it("keeps its own level colours: the only raw ESC bytes are the theme's", () => {
    const benign = capture("ansi", [event("User {Name}", { Name: "bob" })]);
    const hostile = capture("ansi", [event("User {Name}", { Name: "\u001b[2Jbob" })]);
    const escapes = (s: string) => s.split("\u001b").length - 1;
    assert.ok(escapes(benign) > 0, "the theme colours the level");
    assert.equal(escapes(hostile), escapes(benign));
    assert.equal(hostile, benign.replace("bob", "\\u001b[2Jbob"));
  });
});

describe("syslog", () => {
  it("MSG and SD values carry no raw control characters", () => {
    const line = syslogFormatter({ structuredDataId: "e@1" }).format(event("User {Name}", { Name: FORGED, Cmd: TERMINAL }));
    assert.equal(
      line,
      '<14>1 2026-11-22T12:00:00.000Z - - - - [e@1 Name="bob\\\\n[12:00:00 INF\\] admin logged in" Cmd="\\\\u001b[2J\\\\u001b\\]0;pwned\\\\u0007\\\\r"] ' +
        'User "bob\\n[12:00:00 INF] admin logged in"',
    );
    assert.ok(!/[\u0000-\u0008\u000a-\u001f]/.test(line));
  });

  it("structured data alone", () => {
    assert.equal(syslogStructuredData("p@1", { V: "a\nb" }), '[p@1 V="a\\\\nb"]');
  });
});

describe("CLEF", () => {
  it("is unchanged: JSON already escapes control characters", () => {
    const line = clefFormatter().format(event("User {Name}", { Name: "a\nb\u001b" }));
    const parsed = JSON.parse(line);
    assert.equal(parsed.Name, "a\nb\u001b");
    assert.ok(line.includes('"Name":"a\\nb\\u001b"'), line);
    assert.ok(!line.slice(0, -1).includes("\n"));
  });
});
