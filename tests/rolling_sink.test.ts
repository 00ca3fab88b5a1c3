import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { Formatter } from "../src/core/formatting/formatter.ts";
import type { RuntimeAdapter, Writer } from "../src/core/runtime/runtime.ts";
import { ManualScheduler } from "../src/core/runtime/manual_scheduler.ts";
import { SelfLog } from "../src/core/diagnostics/self_log.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { rollingFileSink } from "../src/core/rolling/rolling_file_sink.ts";
import { FileSinkError } from "../src/core/rolling/file_sink_error.ts";
import { MemoryFileSystem } from "./_helpers/memory_fs.ts";

const NOON = Date.UTC(2026, 10, 22, 12, 0, 0);
const template = parseTemplate("Event {n}");

function ev(n: number, timestamp = NOON): LogEvent {
  return { timestamp, level: "information", template, properties: { n } };
}

function evs(from: number, count: number, timestamp = NOON): LogEvent[] {
  return Array.from({ length: count }, (_, i) => ev(from + i, timestamp));
}

/** Every record is exactly 10 bytes: 9 digits and a newline. */
const line: Formatter = { format: (e) => `${String(e.properties.n).padStart(9, "0")}\n` };

function numbersIn(text: string): number[] {
  return text.split("\n").filter((l) => l !== "").map(Number);
}

function runtimeAt(scheduler: ManualScheduler): RuntimeAdapter {
  const w: Writer = { write() {}, async close() {} };
  return { name: "portable", scheduler, stdout: w, stderr: w };
}

afterEach(() => SelfLog.disable());

describe("rollingFileSink over an in-memory file system", () => {
  it("appends every batch to one file with one write per batch, creating directories", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "var/a/b/app.log", { formatter: line });
    await sink.emit(evs(0, 3));
    await sink.emit(evs(3, 2));
    assert.deepEqual(numbersIn(fs.text("var/a/b/app.log")), [0, 1, 2, 3, 4]);
    assert.deepEqual(fs.writes.map((w) => w.bytes), [30, 20]);
    assert.ok(fs.dirs.has("var/a"));
    assert.equal(sink.bytesWritten, 50);
    assert.equal(sink.currentPath, "var/a/b/app.log");
    await sink.close();
    assert.equal(fs.openHandles, 0);
  });

  it("puts each event in the file of its own timestamp's period (UTC), splitting a batch at midnight", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "day" });
    const lastMs = Date.UTC(2026, 10, 22, 23, 59, 59, 999);
    const midnight = Date.UTC(2026, 10, 23);
    await sink.emit([ev(1, lastMs - 5), ev(2, lastMs), ev(3, midnight), ev(4, midnight + 1)]);
    assert.deepEqual(fs.names("logs"), ["app-20261122.log", "app-20261123.log"]);
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122.log")), [1, 2]);
    assert.deepEqual(numbersIn(fs.text("logs/app-20261123.log")), [3, 4]);
    assert.equal(fs.writes.length, 2);
    assert.equal(fs.openHandles, 1, "the previous period's file is closed");
    await sink.close();
  });

  it("never goes back a period: a late event joins the current file", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "hour" });
    await sink.emit([ev(1, Date.UTC(2026, 10, 22, 13, 0, 1))]);
    await sink.emit([ev(2, Date.UTC(2026, 10, 22, 12, 59, 59))]);
    assert.deepEqual(fs.names("logs"), ["app-2026112213.log"]);
    assert.deepEqual(numbersIn(fs.text("logs/app-2026112213.log")), [1, 2]);
  });

  it("names minute, hour and month files like Serilog", async () => {
    for (const [interval, name] of [["minute", "app-202611221230.log"], ["hour", "app-2026112212.log"], ["month", "app-202611.log"]] as const) {
      const fs = new MemoryFileSystem();
      const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: interval });
      await sink.emit([ev(1, Date.UTC(2026, 10, 22, 12, 30, 15))]);
      assert.deepEqual(fs.names("logs"), [name]);
    }
  });

  it("rolls on size to _001, _002 without exceeding the limit, one write per file", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "day", fileSizeLimitBytes: 100 });
    await sink.emit(evs(0, 25));
    assert.deepEqual(fs.names("logs"), ["app-20261122.log", "app-20261122_001.log", "app-20261122_002.log"]);
    assert.equal(fs.size("logs/app-20261122.log"), 100);
    assert.equal(fs.size("logs/app-20261122_001.log"), 100);
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122_002.log")), [20, 21, 22, 23, 24]);
    assert.deepEqual(fs.writes.map((w) => w.bytes), [100, 100, 50]);
    await sink.emit(evs(25, 6));
    assert.deepEqual(fs.writes.map((w) => w.bytes), [100, 100, 50, 50, 10]);
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122_003.log")), [30]);
    assert.equal(sink.bytesWritten, 310);
    assert.equal(fs.openHandles, 1);
  });

  it("without an interval, size rolls go app.log, app_001.log, app_002.log", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, fileSizeLimitBytes: 30 });
    await sink.emit(evs(0, 7));
    assert.deepEqual(fs.names("logs"), ["app.log", "app_001.log", "app_002.log"]);
    assert.deepEqual(numbersIn(fs.text("logs/app_002.log")), [6]);
  });

  it("writes a record larger than the limit alone in a file", async () => {
    const fs = new MemoryFileSystem();
    const big: Formatter = { format: (e) => (e.properties.n === 1 ? "x".repeat(50) + "\n" : "small\n") };
    const sink = rollingFileSink(fs, "app.log", { formatter: big, fileSizeLimitBytes: 20 });
    await sink.emit(evs(0, 3));
    assert.deepEqual(fs.names("."), ["app.log", "app_001.log", "app_002.log"]);
    assert.equal(fs.text("app.log"), "small\n");
    assert.equal(fs.size("app_001.log"), 51);
    assert.equal(fs.text("app_002.log"), "small\n");
  });

  it("counts multi-byte characters in bytes, not UTF-16 units", async () => {
    const fs = new MemoryFileSystem();
    const f: Formatter = { format: () => "é😀\n" }; // 2 + 4 + 1 bytes
    const sink = rollingFileSink(fs, "app.log", { formatter: f, fileSizeLimitBytes: 14 });
    await sink.emit(evs(0, 3));
    assert.deepEqual([fs.size("app.log"), fs.size("app_001.log")], [14, 7]);
    assert.equal(sink.bytesWritten, 21);
  });

  it("on restart appends to the newest file of the period, counting its size", async () => {
    const fs = new MemoryFileSystem();
    fs.seed("logs/app-20261122.log", "x".repeat(100));
    fs.seed("logs/app-20261122_001.log", "0000000001\n".repeat(3).slice(0, 30));
    fs.seed("logs/app-20261121_005.log", "old\n");
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "day", fileSizeLimitBytes: 100 });
    await sink.emit(evs(100, 8));
    assert.equal(fs.size("logs/app-20261122_001.log"), 100);
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122_002.log")), [107]);
    assert.equal(fs.text("logs/app-20261122.log"), "x".repeat(100));
  });

  it("on restart skips a newest file that is already full", async () => {
    const fs = new MemoryFileSystem();
    fs.seed("logs/app.log", "y".repeat(100));
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, fileSizeLimitBytes: 100 });
    await sink.emit(evs(0, 1));
    assert.deepEqual(fs.names("logs"), ["app.log", "app_001.log"]);
    assert.equal(fs.openHandles, 1);
  });

  it("with rollOnFileSizeLimit false, drops events past the limit until the next period and says so once", async () => {
    const fs = new MemoryFileSystem();
    const messages: string[] = [];
    SelfLog.enable((m) => messages.push(m));
    const sink = rollingFileSink(fs, "logs/app.log", {
      formatter: line, rollingInterval: "day", fileSizeLimitBytes: 50, rollOnFileSizeLimit: false,
    });
    await sink.emit(evs(0, 8));
    await sink.emit(evs(8, 3));
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122.log")), [0, 1, 2, 3, 4]);
    assert.equal(sink.discardedEvents, 6, "3 of the first batch and the whole second one, reported for the pipeline to count");
    await sink.emit(evs(20, 2, Date.UTC(2026, 10, 23, 0, 0, 1)));
    assert.deepEqual(numbersIn(fs.text("logs/app-20261123.log")), [20, 21]);
    assert.deepEqual(fs.names("logs"), ["app-20261122.log", "app-20261123.log"]);
    assert.equal(messages.filter((m) => m.includes("size limit")).length, 1);
  });

  it("keeps at most retainedFileCountLimit of its own files, oldest deleted first", async () => {
    const fs = new MemoryFileSystem();
    fs.seed("logs/notes.txt", "keep");
    fs.seed("logs/api-202611221100.log", "another sink");
    fs.seed("logs/app-202611221100.log", "older than all");
    const clock = new ManualScheduler(0, Date.UTC(2026, 10, 22, 12, 0));
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "minute", retainedFileCountLimit: 3 });
    sink.attach(runtimeAt(clock));
    for (let m = 0; m < 5; m++) {
      await sink.emit([ev(m, clock.wallClock())]);
      clock.advance(60_000);
    }
    assert.deepEqual(fs.names("logs"), [
      "api-202611221100.log", "app-202611221202.log", "app-202611221203.log", "app-202611221204.log", "notes.txt",
    ]);
    assert.deepEqual(fs.removed, [
      "logs/app-202611221100.log", "logs/app-202611221200.log", "logs/app-202611221201.log",
    ]);
  });

  it("retains size-rolled files in sequence order and keeps everything with null", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "app.log", { formatter: line, fileSizeLimitBytes: 10, retainedFileCountLimit: 2 });
    await sink.emit(evs(0, 12));
    assert.deepEqual(fs.names("."), ["app_010.log", "app_011.log"]);
    const all = new MemoryFileSystem();
    await rollingFileSink(all, "app.log", { formatter: line, fileSizeLimitBytes: 10, retainedFileCountLimit: null }).emit(evs(0, 40));
    assert.equal(all.names(".").length, 40);
    const dflt = new MemoryFileSystem();
    await rollingFileSink(dflt, "app.log", { formatter: line, fileSizeLimitBytes: 10 }).emit(evs(0, 40));
    assert.equal(dflt.names(".").length, 31);
  });

  it("rejects a failing write with the path and the cause, then recovers when the disk does", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line });
    await sink.emit(evs(0, 1));
    fs.failWrites = "ENOSPC";
    await assert.rejects(sink.emit(evs(1, 2)), (e: unknown) => {
      assert.ok(e instanceof FileSinkError);
      assert.equal(e.code, "ENOSPC");
      assert.match(e.message, /cannot write "logs\/app\.log": ENOSPC/);
      return true;
    });
    assert.equal(fs.openHandles, 0, "the failed handle is dropped");
    await assert.rejects(sink.emit(evs(3, 1)), /ENOSPC/);
    fs.failWrites = undefined;
    await sink.emit(evs(4, 1));
    assert.deepEqual(numbersIn(fs.text("logs/app.log")), [0, 4]);
    assert.equal(sink.bytesWritten, 20);
  });

  it("an unopenable file gives a clear error naming the path and the cause, and is retried", async () => {
    const fs = new MemoryFileSystem();
    fs.failOpen = "EACCES";
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "day" });
    await assert.rejects(sink.emit(evs(0, 1)), (e: unknown) => {
      assert.ok(e instanceof FileSinkError);
      assert.equal(e.code, "EACCES");
      assert.equal(e.path, "logs/app-20261122.log");
      assert.match(e.message, /^file sink: cannot open "logs\/app-20261122\.log": EACCES/);
      return true;
    });
    fs.failOpen = undefined;
    await sink.emit(evs(1, 1));
    assert.deepEqual(numbersIn(fs.text("logs/app-20261122.log")), [1]);
  });

  it("takes the wall clock from the runtime for an event without a valid timestamp", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "app.log", { formatter: line, rollingInterval: "day" });
    sink.attach(runtimeAt(new ManualScheduler(0, Date.UTC(2030, 0, 2, 3))));
    await sink.emit([ev(1, Number.NaN)]);
    assert.deepEqual(fs.names("."), ["app-20300102.log"]);
  });

  it("flush waits for queued batches; close closes the file and later emits reject", async () => {
    const fs = new MemoryFileSystem({ asyncWrites: true });
    const sink = rollingFileSink(fs, "app.log", { formatter: line });
    const a = sink.emit(evs(0, 2));
    const b = sink.emit(evs(2, 2));
    await sink.flush();
    assert.deepEqual(numbersIn(fs.text("app.log")), [0, 1, 2, 3]);
    await Promise.all([a, b]);
    await sink.close();
    await sink.close();
    assert.equal(fs.openHandles, 0);
    await assert.rejects(sink.emit(evs(4, 1)), /closed/);
    assert.throws(() => sink.emitSync(evs(4, 1)), /closed/);
  });

  it("uses the default text formatter with a full timestamp", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "app.log");
    await sink.emit([ev(7, Date.UTC(2026, 10, 22, 12, 34, 56, 789))]);
    const text = fs.text("app.log");
    assert.match(text, /^2026-11-22 12:34:56\.789 \S+ \[INF\] Event 7\n$/);
  });
});

describe("rollingFileSink.emitSync (last-chance flush)", () => {
  it("opens the file synchronously when none is open", () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line, rollingInterval: "day", fileSizeLimitBytes: 30 });
    sink.emitSync(evs(0, 4));
    assert.deepEqual(fs.names("logs"), ["app-20261122.log", "app-20261122_001.log"]);
    assert.ok(fs.writes.every((w) => w.sync));
    assert.equal(sink.bytesWritten, 40);
  });

  it("writes batches still queued in the sink first, in order, and never twice", async () => {
    const fs = new MemoryFileSystem();
    const sink = rollingFileSink(fs, "logs/app.log", { formatter: line });
    const a = sink.emit(evs(0, 3));
    const b = sink.emit(evs(3, 3));
    await Promise.resolve(); // the first batch is now waiting for its asynchronous open
    sink.emitSync(evs(6, 3));
    assert.deepEqual(numbersIn(fs.text("logs/app.log")), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await Promise.all([a, b]);
    assert.deepEqual(numbersIn(fs.text("logs/app.log")), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(fs.openHandles, 1, "the asynchronous open's extra handle is closed");
    await sink.emit(evs(9, 1));
    assert.deepEqual(numbersIn(fs.text("logs/app.log")), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("does not rewrite events whose asynchronous write is in flight", async () => {
    const fs = new MemoryFileSystem({ asyncWrites: true });
    const sink = rollingFileSink(fs, "app.log", { formatter: line });
    await sink.emit(evs(0, 1));
    const inFlight = sink.emit(evs(1, 2));
    await Promise.resolve();
    await Promise.resolve();
    sink.emitSync(evs(3, 1));
    await inFlight;
    assert.deepEqual(numbersIn(fs.text("app.log")).sort((x, y) => x - y), [0, 1, 2, 3]);
  });

  it("throws a FileSinkError when the file system cannot open synchronously", () => {
    const fs = new MemoryFileSystem({ noSync: true });
    const sink = rollingFileSink(fs, "app.log", { formatter: line });
    assert.throws(() => sink.emitSync(evs(0, 1)), FileSinkError);
  });

  it("writes synchronously to an already open file even without sync file operations", async () => {
    const fs = new MemoryFileSystem({ noSync: true });
    const sink = rollingFileSink(fs, "app.log", { formatter: line });
    await sink.emit(evs(0, 1));
    sink.emitSync(evs(1, 1));
    assert.deepEqual(numbersIn(fs.text("app.log")), [0, 1]);
  });
});
