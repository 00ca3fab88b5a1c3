import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { Formatter } from "../src/core/formatting/formatter.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { adapter } from "./_helpers/adapter.ts";
import { currentRuntime } from "./_helpers/runtime.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "logging-core-file-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => path.join(root, `case-${++dirs}`);

const NOON = Date.UTC(2026, 10, 22, 12, 0, 0);
const template = parseTemplate("Event {n}");
const ev = (n: number, timestamp = NOON): LogEvent => ({ timestamp, level: "information", template, properties: { n } });
const evs = (from: number, count: number, timestamp = NOON): LogEvent[] =>
  Array.from({ length: count }, (_, i) => ev(from + i, timestamp));
/** 10 bytes per record. */
const line: Formatter = { format: (e) => `${String(e.properties.n).padStart(9, "0")}\n` };

const names = (dir: string): string[] => fs.readdirSync(dir).sort();
const numbers = (file: string): number[] => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map(Number);

describe(`fileSink on a real disk (${currentRuntime})`, () => {
  it("size rolls produce app.log, app_001.log, … with the right contents", async () => {
    const dir = freshDir();
    const sink = adapter.fileSink(path.join(dir, "nested", "app.log"), { formatter: line, fileSizeLimitBytes: 100 });
    await sink.emit(evs(0, 25));
    await sink.emit(evs(25, 3));
    await sink.close();
    const logs = path.join(dir, "nested");
    assert.deepEqual(names(logs), ["app.log", "app_001.log", "app_002.log"]);
    assert.deepEqual(numbers(path.join(logs, "app.log")), [...Array(10).keys()]);
    assert.deepEqual(numbers(path.join(logs, "app_002.log")), [20, 21, 22, 23, 24, 25, 26, 27]);
    assert.equal(sink.bytesWritten, 280);
  });

  it("interval rolls name files by each event's UTC period", async () => {
    const dir = freshDir();
    const sink = adapter.fileSink(path.join(dir, "app.log"), { formatter: line, rollingInterval: "day" });
    await sink.emit([ev(1, Date.UTC(2026, 10, 21, 23, 59)), ev(2, Date.UTC(2026, 10, 22, 0, 1))]);
    await sink.emit([ev(3, Date.UTC(2026, 10, 22, 8)), ev(4, Date.UTC(2026, 10, 24, 8))]);
    await sink.close();
    assert.deepEqual(names(dir), ["app-20261121.log", "app-20261122.log", "app-20261124.log"]);
    assert.deepEqual(numbers(path.join(dir, "app-20261122.log")), [2, 3]);
    const minute = freshDir();
    const m = adapter.fileSink(path.join(minute, "app.log"), { formatter: line, rollingInterval: "minute", fileSizeLimitBytes: 20 });
    await m.emit([ev(1, Date.UTC(2026, 10, 22, 12, 30)), ev(2, Date.UTC(2026, 10, 22, 12, 30, 1)), ev(3, Date.UTC(2026, 10, 22, 12, 30, 2))]);
    await m.close();
    assert.deepEqual(names(minute), ["app-202611221230.log", "app-202611221230_001.log"]);
  });

  it("retention removes the oldest of the sink's own files and nothing else", async () => {
    const dir = freshDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "app-2026112201.log"), "from an earlier run\n");
    fs.writeFileSync(path.join(dir, "other-2026112201.log"), "another sink\n");
    fs.writeFileSync(path.join(dir, "README"), "keep\n");
    const sink = adapter.fileSink(path.join(dir, "app.log"), { formatter: line, rollingInterval: "hour", retainedFileCountLimit: 2 });
    for (let h = 10; h < 14; h++) await sink.emit([ev(h, Date.UTC(2026, 10, 22, h))]);
    await sink.close();
    assert.deepEqual(names(dir), ["README", "app-2026112212.log", "app-2026112213.log", "other-2026112201.log"]);
  });

  it("a restart appends to the current file and counts its existing size", async () => {
    const dir = freshDir();
    const file = path.join(dir, "app.log");
    const first = adapter.fileSink(file, { formatter: line, fileSizeLimitBytes: 50 });
    await first.emit(evs(0, 3));
    await first.close();
    const second = adapter.fileSink(file, { formatter: line, fileSizeLimitBytes: 50 });
    await second.emit(evs(3, 3));
    await second.close();
    assert.deepEqual(numbers(file), [0, 1, 2, 3, 4]);
    assert.deepEqual(numbers(path.join(dir, "app_001.log")), [5]);
    const third = adapter.fileSink(file, { formatter: line, fileSizeLimitBytes: 50 });
    await third.emit(evs(6, 1));
    await third.close();
    assert.deepEqual(numbers(path.join(dir, "app_001.log")), [5, 6], "continues with the newest file");
  });

  it("emitSync opens and writes synchronously (the last-chance path)", async () => {
    const dir = freshDir();
    const sink = adapter.fileSink(path.join(dir, "logs", "app.log"), { formatter: line, rollingInterval: "day" });
    sink.emitSync(evs(0, 3));
    assert.deepEqual(numbers(path.join(dir, "logs", "app-20261122.log")), [0, 1, 2]);
    await sink.emit(evs(3, 1));
    sink.emitSync(evs(4, 1));
    await sink.close();
    assert.deepEqual(numbers(path.join(dir, "logs", "app-20261122.log")), [0, 1, 2, 3, 4]);
  });

  it("writes valid CLEF lines and keeps whole batches when two sinks append to one file", async () => {
    const dir = freshDir();
    const file = path.join(dir, "shared.log");
    const a = adapter.fileSink(file, { formatter: clefFormatter() });
    const b = adapter.fileSink(file, { formatter: clefFormatter() });
    for (let i = 0; i < 20; i++) {
      await Promise.all([a.emit(evs(i * 100, 50)), b.emit(evs(10_000 + i * 100, 50))]);
    }
    await Promise.all([a.close(), b.close()]);
    const records = fs.readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(records.length, 2000);
    for (const r of records) {
      assert.equal(typeof r["@t"], "string");
      assert.equal(r["@mt"], "Event {n}");
    }
    // O_APPEND: each batch of 50 stays contiguous.
    for (let i = 0; i < records.length; i += 50) {
      const first = records[i].n as number;
      assert.deepEqual(records.slice(i, i + 50).map((r) => r.n), Array.from({ length: 50 }, (_, k) => first + k));
    }
    assert.equal(a.bytesWritten + b.bytesWritten, fs.statSync(file).size);
  });

  it("uses the text formatter with a full timestamp by default", async () => {
    const dir = freshDir();
    const sink = adapter.fileSink(path.join(dir, "app.log"));
    await sink.emit([ev(42, Date.UTC(2026, 10, 22, 12, 34, 56, 789))]);
    await sink.close();
    assert.match(fs.readFileSync(path.join(dir, "app.log"), "utf8"), /^2026-11-22 12:34:56\.789 \S+ \[INF\] Event 42\n$/);
  });
});
