/**
 * One validator for every option: a wrong value is a `TypeError` naming the
 * option, thrown where the sink or pipeline is configured (never during a
 * log call), and a configuration builds one logger.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { clefFormatter, consoleSink, LoggerConfiguration, memorySink, otlpSink, seqSink } from "../mod.ts";
import { resolveFileSinkOptions } from "../src/core/rolling/file_sink_options.ts";
import { resolveRetryOptions } from "../src/core/shipping/http_retry.ts";
import { createSyslogSink } from "../src/core/shipping/syslog_sink.ts";
import type { SyslogTransport } from "../src/core/shipping/syslog_transport.ts";
import { fileSink } from "../src/adapters/node/mod.ts";

/** Asserts `fn` throws a TypeError whose message is exactly `message`. */
function rejects(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

const noTransport: SyslogTransport = {
  connect: () => Promise.reject(new Error("not used")),
};

describe("option validation", () => {
  it("file sink options name the option (and keep their defaults when absent)", () => {
    rejects(() => resolveFileSinkOptions({ fileSizeLimitBytes: -1 }), "fileSizeLimitBytes must be a finite number ≥ 1 or null, not -1");
    rejects(() => resolveFileSinkOptions({ retainedFileCountLimit: 0 }), "retainedFileCountLimit must be a positive integer or null, not 0");
    rejects(() => resolveFileSinkOptions({ rollingInterval: "week" as "day" }), 'rollingInterval must be one of "infinite", "minute", "hour", "day", "month", not "week"');
    rejects(() => resolveFileSinkOptions({ rollOnFileSizeLimit: "no" as unknown as boolean }), 'rollOnFileSizeLimit must be true or false, not "no"');
    rejects(() => resolveFileSinkOptions({ formatter: {} as never }), "formatter must be a formatter (an object with a format(event) method), not [object Object]");
    rejects(() => resolveFileSinkOptions({ name: "" }), 'name must be a non-empty string, not ""');
    const resolved = resolveFileSinkOptions({ fileSizeLimitBytes: 1024.7, retainedFileCountLimit: null });
    assert.deepEqual(
      [resolved.fileSizeLimitBytes, resolved.retainedFileCountLimit, resolved.rollingInterval, resolved.rollOnFileSizeLimit, resolved.name],
      [1024, null, "infinite", true, "file"],
    );
  });

  it("fileSink(path, options) checks its options when it is made", () => {
    rejects(() => fileSink("logs/never.log", { fileSizeLimitBytes: 0 }), "fileSizeLimitBytes must be a finite number ≥ 1 or null, not 0");
  });

  it("shipping sinks: every numeric and choice option is checked at creation, naming the sink and option", () => {
    const url = "http://127.0.0.1:5341";
    rejects(() => seqSink({ url, payloadLimitBytes: -5 }), "seqSink: payloadLimitBytes must be an integer ≥ 2, not -5");
    rejects(() => seqSink({ url, eventBodyLimitBytes: Number.NaN }), "seqSink: eventBodyLimitBytes must be a positive integer, not NaN");
    rejects(() => seqSink({ url: "/ingest" }), 'seqSink: url must be an absolute URL, not "/ingest"');
    rejects(() => seqSink({ url, requestTimeoutMs: 0 }), "seq: requestTimeoutMs must be a finite number > 0, not 0");
    rejects(() => seqSink({ url, retry: { maxAttempts: 0 } }), "seq: retry.maxAttempts must be a positive integer, not 0");
    rejects(() => otlpSink({ url: "http://127.0.0.1:4318", protocol: "grpc" as "json" }), 'otlpSink: protocol must be one of "protobuf", "json", not "grpc"');
    rejects(() => otlpSink({ url: "http://127.0.0.1:4318", retry: { initialDelayMs: -1 } }), "otlp: retry.initialDelayMs must be a finite number ≥ 0, not -1");
    rejects(() => createSyslogSink({ port: 0 }, noTransport), "syslogSink: port must be an integer ≥ 1, not 0");
    rejects(() => createSyslogSink({ transport: "quic" as "tcp" }, noTransport), 'syslogSink: transport must be one of "udp", "tcp", not "quic"');
    rejects(() => createSyslogSink({ maxMessageBytes: 10 }, noTransport), "syslogSink: maxMessageBytes must be an integer ≥ 64, not 10");
    rejects(() => createSyslogSink({ connectTimeoutMs: -1 }, noTransport), "syslogSink: connectTimeoutMs must be a finite number > 0, not -1");
    rejects(() => createSyslogSink({ facility: "kernal" as "kern" }, noTransport), 'syslogSink: facility must be a facility name (user, local0…local7, …) or a code 0–23, not "kernal"');
    assert.deepEqual(resolveRetryOptions({}), { maxAttempts: 5, initialDelayMs: 250, maxDelayMs: 5_000, maxElapsedMs: 9_000 });
    assert.equal(seqSink({ url, formatter: clefFormatter() }).url, "http://127.0.0.1:5341/ingest/clef");
  });

  it("pipeline options: a wrong queue size is a TypeError at writeTo, not a silent default", () => {
    rejects(() => new LoggerConfiguration().writeTo(memorySink(), { queue: { maxSize: -1 } }), "queue.maxSize must be a positive integer, not -1");
  });

  it("a second createLogger() on one configuration is a TypeError; the first logger keeps working", async () => {
    const sink = memorySink();
    const config = new LoggerConfiguration().writeTo(sink, { queue: false });
    const log = config.createLogger();
    assert.throws(() => config.createLogger(), (error: unknown) => error instanceof TypeError && /createLogger\(\) was already called/.test(error.message));
    log.information("still {Works}", true);
    await log.flush();
    assert.equal(sink.events.length, 1);
    await log.shutdown();
  });
});

describe("consoleSink options", () => {
  it("a wrong theme, stream, stderrLevel or utc is a TypeError naming it; aliases still work", () => {
    rejects(() => consoleSink({ theme: "dark" as "ansi" }), 'consoleSink: theme must be one of "auto", "ansi", "none", not "dark"');
    rejects(() => consoleSink({ stream: "stdio" as "stdout" }), 'consoleSink: stream must be one of "stdout", "stderr", not "stdio"');
    rejects(() => consoleSink({ stderrLevel: "loud" as "error" }), 'consoleSink: stderrLevel must be a level name or "off", not "loud"');
    rejects(() => consoleSink({ utc: 1 as unknown as boolean }), "consoleSink: utc must be true or false, not 1");
    assert.equal(consoleSink({ stderrLevel: "warn" as "warning" }).name, "console");
  });
});

describe("LoggerConfiguration options", () => {
  it("withShutdown and withCaptureLimits check their options, naming them", () => {
    rejects(() => new LoggerConfiguration().withShutdown({ strategy: "fast" as "flush" }), 'withShutdown: strategy must be one of "immediate", "flush", "graceful", not "fast"');
    rejects(() => new LoggerConfiguration().withShutdown({ timeoutMs: -1 }), "withShutdown: timeoutMs must be a finite number ≥ 0, not -1");
    rejects(() => new LoggerConfiguration().withShutdown({ handleSignals: "yes" as unknown as boolean }), 'withShutdown: handleSignals must be true or false, not "yes"');
    rejects(() => new LoggerConfiguration().withShutdown({ reopenOn: "SIGUSR1" as "SIGHUP" }), 'withShutdown: reopenOn must be one of "SIGHUP", not "SIGUSR1"');
    rejects(() => new LoggerConfiguration().withCaptureLimits({ maxDepth: 0 }), "withCaptureLimits: maxDepth must be a positive integer, not 0");
  });

  it("a valid withShutdown keeps its defaults for what it leaves out", async () => {
    const sink = memorySink();
    const log = new LoggerConfiguration().writeTo(sink).withShutdown({ strategy: "flush" }).createLogger();
    log.information("kept");
    const report = await log.shutdown();
    assert.equal(report.flushed, 1);
    assert.equal(sink.events.length, 1);
  });
});
