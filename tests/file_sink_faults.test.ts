import { after, afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import type { LogEvent } from "../src/core/events/log_event.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { memorySink } from "../src/core/sinks/memory_sink.ts";
import { SelfLog } from "../src/core/diagnostics/self_log.ts";
import { LoggerConfiguration } from "../src/core/logger/logger_configuration.ts";
import { FileSinkError } from "../src/core/rolling/file_sink_error.ts";
import { adapter } from "./_helpers/adapter.ts";
import { currentRuntime } from "./_helpers/runtime.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "logging-core-faults-"));
after(() => {
  fs.chmodSync(root, 0o755);
  for (const name of fs.readdirSync(root)) fs.chmodSync(path.join(root, name), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});
afterEach(() => SelfLog.disable());

const template = parseTemplate("Event {n}");
const evs = (count: number): LogEvent[] =>
  Array.from({ length: count }, (_, n) => ({ timestamp: Date.now(), level: "information", template, properties: { n } }));

const hasDevFull = fs.existsSync("/dev/full");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * A path whose open fails with EACCES for real. Not root: a file in a
 * directory chmod'ed 0o555. Root ignores file modes (CAP_DAC_OVERRIDE), so
 * then a new file directly under /sys, which sysfs refuses to anyone.
 */
function unwritablePath(): string | undefined {
  if (!isRoot) {
    const dir = path.join(root, "read-only");
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o555);
    return path.join(dir, "app.log");
  }
  return fs.existsSync("/sys/kernel") ? "/sys/logging-core-test.log" : undefined;
}

describe(`fileSink faults on a real disk (${currentRuntime})`, () => {
  it("a full disk (/dev/full) rejects the batch with ENOSPC, every time, without counting bytes", { skip: !hasDevFull }, async () => {
    const sink = adapter.fileSink("/dev/full", { formatter: clefFormatter() });
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(sink.emit(evs(3)), (e: unknown) => {
        assert.ok(e instanceof FileSinkError, String(e));
        assert.equal(e.code, "ENOSPC");
        assert.equal(e.path, "/dev/full");
        assert.match(e.message, /cannot write "\/dev\/full"/);
        return true;
      });
    }
    assert.throws(() => sink.emitSync(evs(1)), (e: unknown) => e instanceof FileSinkError && e.code === "ENOSPC");
    assert.equal(sink.bytesWritten, 0);
    await sink.close();
  });

  it("a file it may not create gives a clear EACCES error naming the path", async (t) => {
    const target = unwritablePath();
    if (target === undefined) return t.skip("no EACCES source on this system");
    const sink = adapter.fileSink(target, { formatter: clefFormatter() });
    await assert.rejects(sink.emit(evs(1)), (e: unknown) => {
      assert.ok(e instanceof FileSinkError, String(e));
      assert.equal(e.code, "EACCES");
      assert.ok(e.message.startsWith(`file sink: cannot open "${target}": `), e.message);
      assert.match(e.message, /EACCES|[Pp]ermission denied/);
      return true;
    });
  });

  it("recovers when the disk does: the next batch reopens the file", async () => {
    const dir = path.join(root, "recover");
    fs.mkdirSync(dir);
    const blocker = path.join(dir, "logs");
    fs.writeFileSync(blocker, "a file where the log directory should be");
    const sink = adapter.fileSink(path.join(blocker, "app.log"), { formatter: clefFormatter() });
    await assert.rejects(sink.emit(evs(2)), (e: unknown) => {
      assert.ok(e instanceof FileSinkError, String(e));
      assert.match(e.message, /cannot create directory ".*logs"/);
      return true;
    });
    fs.rmSync(blocker);
    await sink.emit(evs(2));
    await sink.close();
    assert.equal(fs.readFileSync(path.join(blocker, "app.log"), "utf8").trimEnd().split("\n").length, 2);
  });

  it("end to end: failures are counted, the breaker opens, the fallback takes over, log calls never throw",
    { skip: !hasDevFull }, async () => {
      const messages: string[] = [];
      SelfLog.enable((m) => messages.push(m));
      const fallback = memorySink();
      const log = new LoggerConfiguration({ runtime: adapter.runtime() })
        .writeTo(adapter.fileSink("/dev/full", { formatter: clefFormatter() }), {
          queue: { maxSize: 1000, batchSize: 10, flushIntervalMs: 5 },
          circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 60_000 },
          fallback,
        })
        .withMetrics()
        .createLogger();
      for (let batch = 0; batch < 5; batch++) {
        for (let i = 0; i < 10; i++) log.information("Event {n}", batch * 10 + i);
        await log.flush();
      }
      const file = log.metrics().sinks[0];
      assert.equal(file.failed, 20, "two batches failed before the breaker opened");
      assert.equal(file.breakerState, "open");
      assert.equal(file.bytesWritten, 0);
      assert.deepEqual(fallback.events.map((e) => e.properties.n), [...Array(50).keys()]);
      assert.ok(messages.some((m) => m.includes("ENOSPC") && m.includes("/dev/full")), messages.join("\n"));
      await log.shutdown();
    });
});
