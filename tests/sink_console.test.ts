import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { consoleSink } from "../src/core/sinks/console_sink.ts";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { textFormatter } from "../src/core/formatting/text_formatter.ts";
import { ManualScheduler } from "../src/core/manual_scheduler.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { LogLevel } from "../src/core/level.ts";
import type { LogEvent } from "../src/core/log_event.ts";
import type { LogProperties } from "../src/core/log_value.ts";
import type { RuntimeAdapter, Writer } from "../src/core/runtime.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 0);
const ESC = "\x1b[";

interface RecordingWriter extends Writer {
  readonly chunks: string[];
  readonly syncChunks: string[];
}

function recorder(options: { async?: boolean; sync?: boolean } = {}): RecordingWriter {
  const chunks: string[] = [];
  const syncChunks: string[] = [];
  const writer: RecordingWriter = {
    chunks,
    syncChunks,
    write(chunk) {
      chunks.push(String(chunk));
      return options.async ? Promise.resolve() : undefined;
    },
    async close() {},
  };
  if (options.sync !== false) {
    (writer as { writeSync?: (c: string | Uint8Array) => void }).writeSync = (chunk) => {
      syncChunks.push(String(chunk));
    };
  }
  return writer;
}

function fakeRuntime(env: Record<string, string> = {}, options: { async?: boolean; sync?: boolean; name?: RuntimeAdapter["name"] } = {}) {
  const stdout = recorder(options);
  const stderr = recorder(options);
  const runtime: RuntimeAdapter = {
    name: options.name ?? "node",
    scheduler: new ManualScheduler(),
    stdout,
    stderr,
    env: (name) => env[name],
  };
  return { runtime, stdout, stderr };
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
  it("writes once per stream per batch, error and above to stderr, in order", () => {
    const { runtime, stdout, stderr } = fakeRuntime();
    const sink = consoleSink({ theme: "none" });
    sink.attach(runtime);
    assert.equal(sink.emit(batch), undefined);
    assert.deepEqual(stdout.chunks, ["[12:00:00 INF] one\n[12:00:00 WRN] three\n[12:00:00 DBG] five\n"]);
    assert.deepEqual(stderr.chunks, ["[12:00:00 ERR] two\n[12:00:00 FTL] four\n"]);
    sink.emit([event("information", "six")]);
    assert.equal(stdout.chunks.length, 2);
    assert.equal(stderr.chunks.length, 1, "no empty write to stderr");
  });

  it("honours stderrLevel, including off", () => {
    const a = fakeRuntime();
    const warn = consoleSink({ theme: "none", stderrLevel: "warning" });
    warn.attach(a.runtime);
    warn.emit(batch);
    assert.deepEqual(a.stderr.chunks, ["[12:00:00 ERR] two\n[12:00:00 WRN] three\n[12:00:00 FTL] four\n"]);
    const b = fakeRuntime();
    const off = consoleSink({ theme: "none", stderrLevel: "off" });
    off.attach(b.runtime);
    off.emit(batch);
    assert.equal(b.stderr.chunks.length, 0);
    assert.equal(b.stdout.chunks.length, 1);
  });

  it("colours level tokens with theme ansi, even when NO_COLOR is set", () => {
    const { runtime, stdout, stderr } = fakeRuntime({ NO_COLOR: "1" });
    const sink = consoleSink({ theme: "ansi" });
    sink.attach(runtime);
    sink.emit(batch);
    assert.equal(
      stdout.chunks[0],
      `[12:00:00 ${ESC}36mINF${ESC}0m] one\n[12:00:00 ${ESC}33mWRN${ESC}0m] three\n[12:00:00 ${ESC}2mDBG${ESC}0m] five\n`,
    );
    assert.equal(stderr.chunks[0], `[12:00:00 ${ESC}31mERR${ESC}0m] two\n[12:00:00 ${ESC}97;41mFTL${ESC}0m] four\n`);
  });

  it("auto: colour unless NO_COLOR is non-empty; never on workers", () => {
    const cases: [Record<string, string>, RuntimeAdapter["name"], boolean][] = [
      [{}, "node", true],
      [{ NO_COLOR: "" }, "deno", true],
      [{ NO_COLOR: "1" }, "bun", false],
      [{}, "workers", false],
    ];
    for (const [env, name, coloured] of cases) {
      const { runtime, stdout } = fakeRuntime(env, { name });
      const sink = consoleSink();
      sink.attach(runtime);
      sink.emit([event("information", "hi")]);
      assert.equal(stdout.chunks[0].includes(ESC), coloured, JSON.stringify({ env, name }));
    }
    const throwingEnv = fakeRuntime();
    const sink = consoleSink();
    sink.attach({ ...throwingEnv.runtime, env: () => { throw new Error("no env permission"); } });
    sink.emit([event("information", "hi")]);
    assert.ok(throwingEnv.stdout.chunks[0].includes(ESC));
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

  it("emitSync uses writeSync when the writers have it, write otherwise", () => {
    const a = fakeRuntime();
    const sink = consoleSink({ theme: "none" });
    sink.attach(a.runtime);
    sink.emitSync(batch);
    assert.equal(a.stdout.chunks.length + a.stderr.chunks.length, 0);
    assert.equal(a.stdout.syncChunks.length, 1);
    assert.equal(a.stderr.syncChunks.length, 1);
    assert.equal(sink.bytesWritten, a.stdout.syncChunks[0].length + a.stderr.syncChunks[0].length);
    const b = fakeRuntime({}, { sync: false });
    const fallback = consoleSink({ theme: "none" });
    fallback.attach(b.runtime);
    fallback.emitSync(batch);
    assert.equal(b.stdout.chunks.length, 1);
    assert.equal(b.stderr.chunks.length, 1);
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
      const sink = consoleSink({ theme: "none" });
      sink.emit([event("information", "via console")]);
      assert.deepEqual(seen, [["[12:00:00 INF] via console"]]);
    } finally {
      console.log = original;
    }
    assert.equal(consoleSink().name, "console");
  });
});
