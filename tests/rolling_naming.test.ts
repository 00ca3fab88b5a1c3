import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { rollingPeriod } from "../src/core/rolling/rolling_interval.ts";
import { compareIds, RollingFileNaming } from "../src/core/rolling/file_naming.ts";
import { filesBeyondRetention } from "../src/core/rolling/retention.ts";
import { resolveFileSinkOptions } from "../src/core/rolling/file_sink_options.ts";
import { FileSinkError } from "../src/core/rolling/file_sink_error.ts";

const T = Date.UTC(2026, 10, 22, 12, 30, 45, 678); // 2026-11-22T12:30:45.678Z

describe("rollingPeriod (UTC)", () => {
  it("names each interval like Serilog", () => {
    assert.equal(rollingPeriod(T, "minute").key, "202611221230");
    assert.equal(rollingPeriod(T, "hour").key, "2026112212");
    assert.equal(rollingPeriod(T, "day").key, "20261122");
    assert.equal(rollingPeriod(T, "month").key, "202611");
    assert.equal(rollingPeriod(T, "infinite").key, "");
  });

  it("gives half-open [start, end) bounds", () => {
    const day = rollingPeriod(T, "day");
    assert.equal(day.start, Date.UTC(2026, 10, 22));
    assert.equal(day.end, Date.UTC(2026, 10, 23));
    assert.equal(rollingPeriod(day.end - 1, "day").key, "20261122");
    assert.equal(rollingPeriod(day.end, "day").key, "20261123");
    const minute = rollingPeriod(T, "minute");
    assert.deepEqual([minute.start, minute.end], [Date.UTC(2026, 10, 22, 12, 30), Date.UTC(2026, 10, 22, 12, 31)]);
    const hour = rollingPeriod(T, "hour");
    assert.equal(hour.end - hour.start, 3_600_000);
    const inf = rollingPeriod(T, "infinite");
    assert.equal(inf.end, Infinity);
  });

  it("handles month and year ends, including leap February", () => {
    const dec = rollingPeriod(Date.UTC(2026, 11, 31, 23, 59, 59, 999), "month");
    assert.equal(dec.key, "202612");
    assert.equal(dec.end, Date.UTC(2027, 0, 1));
    const feb = rollingPeriod(Date.UTC(2028, 1, 15), "month");
    assert.equal(feb.end - feb.start, 29 * 86_400_000);
    assert.equal(rollingPeriod(Date.UTC(2027, 0, 1), "day").key, "20270101");
  });
});

describe("RollingFileNaming", () => {
  it("inserts the period and the sequence before the extension", () => {
    const day = new RollingFileNaming("logs/app.log", "day");
    assert.equal(day.directory, "logs");
    assert.equal(day.path({ key: "20261122", sequence: 0 }), "logs/app-20261122.log");
    assert.equal(day.path({ key: "20261122", sequence: 1 }), "logs/app-20261122_001.log");
    assert.equal(day.path({ key: "20261122", sequence: 12 }), "logs/app-20261122_012.log");
    assert.equal(day.path({ key: "20261122", sequence: 1234 }), "logs/app-20261122_1234.log");
    const inf = new RollingFileNaming("logs/app.log", "infinite");
    assert.equal(inf.path({ key: "", sequence: 0 }), "logs/app.log");
    assert.equal(inf.path({ key: "", sequence: 2 }), "logs/app_002.log");
    assert.equal(new RollingFileNaming("app.log", "minute").path({ key: "202611221230", sequence: 0 }), "app-202611221230.log");
    assert.equal(new RollingFileNaming("/var/log/app.log", "hour").path({ key: "2026112212", sequence: 0 }), "/var/log/app-2026112212.log");
    assert.equal(new RollingFileNaming("/app.log", "month").path({ key: "202611", sequence: 0 }), "/app-202611.log");
    assert.equal(new RollingFileNaming("logs/app", "day").path({ key: "20261122", sequence: 3 }), "logs/app-20261122_003");
    assert.equal(new RollingFileNaming("logs/app.v2.log", "day").fileName({ key: "20261122", sequence: 0 }), "app.v2-20261122.log");
    assert.equal(new RollingFileNaming("C:\\logs\\app.log", "day").path({ key: "20261122", sequence: 0 }), "C:\\logs\\app-20261122.log");
  });

  it("recognises only its own files", () => {
    const day = new RollingFileNaming("logs/app.log", "day");
    assert.deepEqual(day.parse("app-20261122.log"), { key: "20261122", sequence: 0 });
    assert.deepEqual(day.parse("app-20261122_007.log"), { key: "20261122", sequence: 7 });
    for (const other of ["app.log", "app-2026112.log", "app-202611221.log", "app-20261122_07.log", "app-20261122.txt",
      "app-20261122.log.bak", "xapp-20261122.log", "api-20261122.log", "app-2026112212.log", "app-20261122_001.log.gz"]) {
      assert.equal(day.parse(other), undefined, other);
    }
    const inf = new RollingFileNaming("logs/app.log", "infinite");
    assert.deepEqual(inf.parse("app.log"), { key: "", sequence: 0 });
    assert.deepEqual(inf.parse("app_003.log"), { key: "", sequence: 3 });
    assert.equal(inf.parse("app-20261122.log"), undefined);
    // Regex metacharacters in the name are literal.
    const odd = new RollingFileNaming("logs/a+b(1).log", "day");
    assert.deepEqual(odd.parse("a+b(1)-20261122.log"), { key: "20261122", sequence: 0 });
    assert.equal(odd.parse("aab(1)-20261122.log"), undefined);
  });

  it("sorts own files oldest first by period then sequence", () => {
    const day = new RollingFileNaming("logs/app.log", "day");
    const names = ["app-20261122_002.log", "x.txt", "app-20261121.log", "app-20261122.log", "app-20261122_010.log", "app-20261122_001.log"];
    assert.deepEqual(day.ownFiles(names).map((f) => f.name), [
      "app-20261121.log", "app-20261122.log", "app-20261122_001.log", "app-20261122_002.log", "app-20261122_010.log",
    ]);
    assert.ok(compareIds({ key: "20261121", sequence: 9 }, { key: "20261122", sequence: 0 }) < 0);
  });

  it("rejects a path that names no file", () => {
    assert.throws(() => new RollingFileNaming("logs/", "day"), TypeError);
    assert.throws(() => new RollingFileNaming("", "day"), TypeError);
  });
});

describe("filesBeyondRetention", () => {
  const naming = new RollingFileNaming("logs/app.log", "day");
  const names = ["app-20261119.log", "app-20261120.log", "app-20261120_001.log", "app-20261121.log", "app-20261122.log", "other-20261101.log", "notes.txt"];

  it("deletes the oldest own files beyond the limit, keeping the current one", () => {
    assert.deepEqual(filesBeyondRetention(naming, names, 3, "app-20261122.log"), ["app-20261119.log", "app-20261120.log"]);
    assert.deepEqual(filesBeyondRetention(naming, names, 1, "app-20261122.log"), [
      "app-20261119.log", "app-20261120.log", "app-20261120_001.log", "app-20261121.log",
    ]);
    assert.deepEqual(filesBeyondRetention(naming, names, 10, "app-20261122.log"), []);
  });

  it("counts the current file even before it exists on disk", () => {
    assert.deepEqual(filesBeyondRetention(naming, names.slice(0, 4), 2, "app-20261122.log"), [
      "app-20261119.log", "app-20261120.log", "app-20261120_001.log",
    ]);
  });
});

describe("resolveFileSinkOptions", () => {
  it("applies Serilog's defaults", () => {
    const o = resolveFileSinkOptions({});
    assert.equal(o.rollingInterval, "infinite");
    assert.equal(o.fileSizeLimitBytes, null);
    assert.equal(o.retainedFileCountLimit, 31);
    assert.equal(o.rollOnFileSizeLimit, true);
    assert.equal(typeof o.formatter.format, "function");
    assert.equal(resolveFileSinkOptions({ retainedFileCountLimit: null }).retainedFileCountLimit, null);
  });

  it("rejects nonsense at configuration time", () => {
    assert.throws(() => resolveFileSinkOptions({ fileSizeLimitBytes: -1 }), TypeError);
    assert.throws(() => resolveFileSinkOptions({ fileSizeLimitBytes: Number.NaN }), TypeError);
    assert.throws(() => resolveFileSinkOptions({ retainedFileCountLimit: 0 }), TypeError);
    assert.throws(() => resolveFileSinkOptions({ rollingInterval: "week" as "day" }), TypeError);
  });
});

describe("FileSinkError", () => {
  it("names the operation, the path and the cause, and keeps the code", () => {
    const cause = Object.assign(new Error("permission denied"), { code: "EACCES" });
    const e = new FileSinkError("open", "logs/app.log", cause);
    assert.equal(e.message, 'file sink: cannot open "logs/app.log": EACCES: permission denied');
    assert.equal(e.code, "EACCES");
    assert.equal(e.cause, cause);
    const node = new FileSinkError("write", "/dev/full", Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
    assert.equal(node.message, 'file sink: cannot write "/dev/full": ENOSPC: no space left on device, write');
  });
});
