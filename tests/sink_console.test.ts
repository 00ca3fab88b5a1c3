import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { consoleSink } from "../src/core/sinks/console_sink.ts";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { textFormatter } from "../src/core/formatting/text_formatter.ts";
import { ManualScheduler } from "../src/core/runtime/manual_scheduler.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { LogLevel } from "../src/core/levels/level.ts";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { LogProperties } from "../src/core/events/log_value.ts";
import type { RuntimeAdapter, Writer } from "../src/core/runtime/runtime.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 0);
const ESC = "\x1b[";

interface RecordingWriter extends Writer {
  readonly chunks: string[];
  readonly syncChunks: string[];
}

interface RecorderOptions {
  async?: boolean;
  sync?: boolean;
  isTerminal?: boolean;
  /** Every write to either stream, in order, as "out:text" / "err:text". */
  order?: string[];
  tag?: string;
}

function recorder(options: RecorderOptions = {}): RecordingWriter {
  const chunks: string[] = [];
  const syncChunks: string[] = [];
  const writer: RecordingWriter = {
    chunks,
    syncChunks,
    write(chunk) {
      chunks.push(String(chunk));
      options.order?.push(`${options.tag}:${String(chunk)}`);
      return options.async ? Promise.resolve() : undefined;
    },
    async close() {},
    isTerminal: options.isTerminal,
  };
  if (options.sync !== false) {
    (writer as { writeSync?: (c: string | Uint8Array) => void }).writeSync = (chunk) => {
      syncChunks.push(String(chunk));
      options.order?.push(`${options.tag}:${String(chunk)}`);
    };
  }
  return writer;
}

function fakeRuntime(
  env: Record<string, string> = {},
  options: RecorderOptions & { name?: RuntimeAdapter["name"]; errIsTerminal?: boolean } = {},
) {
  const order: string[] = [];
  const outIsTerminal = "isTerminal" in options ? options.isTerminal : true; // a terminal unless said otherwise
  const stdout = recorder({ ...options, isTerminal: outIsTerminal, order, tag: "out" });
  const stderr = recorder({ ...options, isTerminal: "errIsTerminal" in options ? options.errIsTerminal : outIsTerminal, order, tag: "err" });
  const runtime: RuntimeAdapter = {
    name: options.name ?? "node",
    scheduler: new ManualScheduler(),
    stdout,
    stderr,
    env: (name) => env[name],
  };
  return { runtime, stdout, stderr, order };
}

function event(level: LogLevel, text: string, props: Record<string, string | number> = {}): LogEvent {
  return {
    timestamp: T0,
    level,
    template: parseTemplate(text),
    properties: Object.assign(Object.create(null) as LogProperties, props),
  };
}

const batch: LogEvent[] = [
  event("information", "one"),
  event("error", "two"),
  event("warning", "three"),
  event("fatal", "four"),
  event("debug", "five"),
];

describe("consoleSink", () => {
  it("writes in event order, error and above to stderr, one write per run of one stream", () => {
    const { runtime, order } = fakeRuntime();
    const sink = consoleSink({ theme: "none", utc: true });
    sink.attach(runtime);
    assert.equal(sink.emit(batch), undefined);
    assert.deepEqual(order, [
      "out:[12:00:00 INF] one\n",
      "err:[12:00:00 ERR] two\n",
      "out:[12:00:00 WRN] three\n",
      "err:[12:00:00 FTL] four\n",
      "out:[12:00:00 DBG] five\n",
    ]);
    sink.emit([event("information", "six"), event("warning", "seven"), event("error", "eight"), event("fatal", "nine")]);
    assert.deepEqual(order.slice(5), ["out:[12:00:00 INF] six\n[12:00:00 WRN] seven\n", "err:[12:00:00 ERR] eight\n[12:00:00 FTL] nine\n"]);
  });

  it("stream: keeps every event on one stream, one write per batch", () => {
    for (const stream of ["stdout", "stderr"] as const) {
      const { runtime, stdout, stderr } = fakeRuntime();
      const sink = consoleSink({ theme: "none", utc: true, stream, stderrLevel: "warning" });
      sink.attach(runtime);
      sink.emit(batch);
      const [used, unused] = stream === "stdout" ? [stdout, stderr] : [stderr, stdout];
      assert.deepEqual(used.chunks, [
        "[12:00:00 INF] one\n[12:00:00 ERR] two\n[12:00:00 WRN] three\n[12:00:00 FTL] four\n[12:00:00 DBG] five\n",
      ]);
      assert.deepEqual(unused.chunks, []);
    }
  });

  it("default line: the message, then the properties it does not show, then the error", () => {
    const { runtime, stdout, stderr } = fakeRuntime();
    const sink = consoleSink({ theme: "none", utc: true });
    sink.attach(runtime);
    const handled = event("information", "Handled {Path:l}", { Path: "/orders", RequestId: "r7", Ms: 12 });
    const failed: LogEvent = { ...event("error", "Failed {Id}", { Id: 3 }), error: { name: "Error", message: "boom", stack: "Error: boom\n    at x (a.ts:1:1)" } };
    sink.emit([handled, event("information", "Plain {N}", { N: 1 }), failed]);
    assert.deepEqual(stdout.chunks, ['[12:00:00 INF] Handled /orders {RequestId: "r7", Ms: 12}\n[12:00:00 INF] Plain 1\n']);
    assert.deepEqual(stderr.chunks, ["[12:00:00 ERR] Failed 3\nError: boom\n    at x (a.ts:1:1)\n"]);
    const coloured = fakeRuntime();
    const ansi = consoleSink({ theme: "ansi", utc: true });
    ansi.attach(coloured.runtime);
    ansi.emit([handled]);
    assert.equal(coloured.stdout.chunks[0], `[12:00:00 ${ESC}36mINF${ESC}0m] Handled /orders ${ESC}2m{RequestId: "r7", Ms: 12}${ESC}0m\n`);
  });

  it("honours stderrLevel, including off", () => {
    const a = fakeRuntime();
    const warn = consoleSink({ theme: "none", stderrLevel: "warning", utc: true });
    warn.attach(a.runtime);
    warn.emit(batch);
    assert.deepEqual(a.order, [
      "out:[12:00:00 INF] one\n",
      "err:[12:00:00 ERR] two\n[12:00:00 WRN] three\n[12:00:00 FTL] four\n",
      "out:[12:00:00 DBG] five\n",
    ]);
    const b = fakeRuntime();
    const off = consoleSink({ theme: "none", stderrLevel: "off" });
    off.attach(b.runtime);
    off.emit(batch);
    assert.equal(b.stderr.chunks.length, 0);
    assert.equal(b.stdout.chunks.length, 1);
  });

  it("colours level tokens with theme ansi, even when NO_COLOR is set", () => {
    const { runtime, stdout, stderr } = fakeRuntime({ NO_COLOR: "1" });
    const sink = consoleSink({ theme: "ansi", utc: true });
    sink.attach(runtime);
    sink.emit(batch);
    assert.deepEqual(stdout.chunks, [
      `[12:00:00 ${ESC}36mINF${ESC}0m] one\n`,
      `[12:00:00 ${ESC}33mWRN${ESC}0m] three\n`,
      `[12:00:00 ${ESC}2mDBG${ESC}0m] five\n`,
    ]);
    assert.deepEqual(stderr.chunks, [`[12:00:00 ${ESC}31mERR${ESC}0m] two\n`, `[12:00:00 ${ESC}97;41mFTL${ESC}0m] four\n`]);
  });

  it("auto: colour a terminal only; NO_COLOR, TERM=dumb off; FORCE_COLOR on (0/false off); never on workers", () => {
    const cases: [Record<string, string>, RuntimeAdapter["name"], boolean | undefined, boolean][] = [
      [{}, "node", true, true],
      [{}, "node", false, false],
      [{}, "node", undefined, false],
      [{ NO_COLOR: "" }, "deno", true, true],
      [{ NO_COLOR: "1" }, "bun", true, false],
      [{ TERM: "dumb" }, "node", true, false],
      [{ FORCE_COLOR: "1" }, "node", false, true],
      [{ FORCE_COLOR: "" }, "deno", false, true],
      [{ FORCE_COLOR: "1", NO_COLOR: "1" }, "bun", false, true],
      [{ FORCE_COLOR: "0" }, "node", true, false],
      [{ FORCE_COLOR: "false" }, "node", true, false],
      [{}, "workers", true, false],
      [{ FORCE_COLOR: "1" }, "workers", true, false],
    ];
    for (const [env, name, isTerminal, coloured] of cases) {
      const { runtime, stdout } = fakeRuntime(env, { name, isTerminal });
      const sink = consoleSink();
      sink.attach(runtime);
      sink.emit([event("information", "hi")]);
      assert.equal(stdout.chunks[0].includes(ESC), coloured, JSON.stringify({ env, name, isTerminal }));
    }
    const throwingEnv = fakeRuntime();
    const sink = consoleSink();
    sink.attach({ ...throwingEnv.runtime, env: () => { throw new Error("no env permission"); } });
    sink.emit([event("information", "hi")]);
    assert.ok(throwingEnv.stdout.chunks[0].includes(ESC));
  });

  it("auto decides per stream: a terminal stdout is coloured, a piped stderr is not", () => {
    const { runtime, stdout, stderr } = fakeRuntime({}, { isTerminal: true, errIsTerminal: false });
    const sink = consoleSink();
    sink.attach(runtime);
    sink.emit([event("information", "out"), event("error", "err")]);
    assert.ok(stdout.chunks[0].includes(`${ESC}36mINF`));
    assert.equal(stderr.chunks[0].includes(ESC), false);
    assert.match(stderr.chunks[0], /^\[\d\d:\d\d:\d\d ERR\] err\n$/);
  });

  it("in a browser, each event goes to the console method of its level, without colour", () => {
    const g = globalThis as { document?: unknown };
    const saved = { debug: console.debug, info: console.info, warn: console.warn, error: console.error, log: console.log };
    const calls: string[] = [];
    for (const method of ["debug", "info", "warn", "error", "log"] as const) {
      console[method] = (...args: unknown[]) => void calls.push(`${method}:${args.join(" ")}`);
    }
    g.document = {};
    try {
      const sink = consoleSink({ theme: "auto", utc: true });
      sink.emit(batch);
      assert.deepEqual(calls, [
        "info:[12:00:00 INF] one",
        "error:[12:00:00 ERR] two",
        "warn:[12:00:00 WRN] three",
        "error:[12:00:00 FTL] four",
        "debug:[12:00:00 DBG] five",
      ]);
      assert.equal(sink.bytesWritten, calls.reduce((n, c) => n + c.length - c.indexOf(":"), 0));
    } finally {
      delete g.document;
      Object.assign(console, saved);
    }
  });

  it("writes a custom formatter's text as is and counts UTF-8 bytes exactly", () => {
    const { runtime, stdout, stderr } = fakeRuntime();
    const sink = consoleSink({ formatter: clefFormatter({ eventId: false }), theme: "ansi" });
    sink.attach(runtime);
    assert.equal(sink.bytesWritten, 0);
    sink.emit([event("information", "héllo {X}", { X: "🎉" }), event("error", "boom")]);
    const out = '{"@t":"2026-11-22T12:00:00.000Z","@mt":"héllo {X}","X":"🎉"}\n';
    const err = '{"@t":"2026-11-22T12:00:00.000Z","@mt":"boom","@l":"Error"}\n';
    assert.deepEqual(stdout.chunks, [out]);
    assert.deepEqual(stderr.chunks, [err]);
    const utf8 = (s: string) => new TextEncoder().encode(s).length;
    assert.equal(sink.bytesWritten, utf8(out) + utf8(err));
    assert.equal(utf8(out), out.length + 1 + 2); // é is 2 bytes, 🎉 4 bytes (2 code units)
  });

  it("awaits asynchronous writers and counts bytes once written", async () => {
    const { runtime, stdout, stderr } = fakeRuntime({}, { async: true });
    const sink = consoleSink({ theme: "none", formatter: textFormatter("{Message}\n") });
    sink.attach(runtime);
    const pending = sink.emit([event("information", "a"), event("fatal", "b")]);
    assert.ok(pending instanceof Promise);
    assert.equal(sink.bytesWritten, 0);
    await pending;
    assert.equal(sink.bytesWritten, 4);
    assert.deepEqual([stdout.chunks, stderr.chunks], [["a\n"], ["b\n"]]);
  });

  it("the next run waits for an asynchronous write of the previous one", async () => {
    const { runtime, stdout, stderr } = fakeRuntime();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    (stdout as { write: Writer["write"] }).write = (chunk) => {
      stdout.chunks.push(String(chunk));
      return gate;
    };
    const sink = consoleSink({ formatter: textFormatter("{Message}\n") });
    sink.attach(runtime);
    const pending = sink.emit([event("information", "a"), event("error", "b"), event("information", "c")]);
    assert.ok(pending instanceof Promise);
    await Promise.resolve();
    assert.deepEqual([stdout.chunks, stderr.chunks], [["a\n"], []], "stderr waits for stdout's write");
    release();
    await pending;
    assert.deepEqual([stdout.chunks, stderr.chunks], [["a\n", "c\n"], ["b\n"]]);
    assert.equal(sink.bytesWritten, 6);
  });

  it("emitSync uses writeSync when the writers have it, write otherwise", () => {
    const a = fakeRuntime();
    const sink = consoleSink({ theme: "none" });
    sink.attach(a.runtime);
    sink.emitSync(batch);
    assert.equal(a.stdout.chunks.length + a.stderr.chunks.length, 0);
    assert.equal(a.stdout.syncChunks.length, 3);
    assert.equal(a.stderr.syncChunks.length, 2);
    assert.equal(sink.bytesWritten, [...a.stdout.syncChunks, ...a.stderr.syncChunks].join("").length);
    const b = fakeRuntime({}, { sync: false });
    const fallback = consoleSink({ theme: "none" });
    fallback.attach(b.runtime);
    fallback.emitSync(batch);
    assert.equal(b.stdout.chunks.length, 3);
    assert.equal(b.stderr.chunks.length, 2);
  });

  it("skips an event its formatter throws on and writes the rest", () => {
    const { runtime, stdout } = fakeRuntime();
    const sink = consoleSink({
      formatter: {
        format: (e) => {
          if (e.template.text === "bad") throw new Error("formatter bug");
          return e.template.text + "\n";
        },
      },
    });
    sink.attach(runtime);
    sink.emit([event("information", "ok1"), event("information", "bad"), event("information", "ok2")]);
    assert.deepEqual(stdout.chunks, ["ok1\nok2\n"]);
  });

  it("falls back to the portable runtime (console) when never attached", () => {
    const original = console.log;
    const seen: unknown[][] = [];
    console.log = (...args: unknown[]) => {
      seen.push(args);
    };
    try {
      const sink = consoleSink({ theme: "none", utc: true });
      sink.emit([event("information", "via console")]);
      assert.deepEqual(seen, [["[12:00:00 INF] via console"]]);
    } finally {
      console.log = original;
    }
    assert.equal(consoleSink().name, "console");
  });
});
