/**
 * The export list of every entry is pinned here, so that growing the public
 * API is a decision made in review, not a side effect of `export *`. Adding a
 * name: add it to the entry (by name, with JSDoc) and to the list below.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as root from "../mod.ts";
import * as node from "../src/adapters/node/mod.ts";
import * as deno from "../src/adapters/deno/mod.ts";
import * as bun from "../src/adapters/bun/mod.ts";
import * as workers from "../src/adapters/workers/mod.ts";
import * as hono from "../src/adapters/hono/mod.ts";
import * as testing from "../src/testing/mod.ts";
import { repoRoot } from "./_helpers/repo_root.ts";

const loaded: Record<string, object> = { ".": root, "./node": node, "./deno": deno, "./bun": bun, "./workers": workers, "./hono": hono, "./testing": testing };

const PINNED: Record<string, { values: string[]; types: string[] }> = {
  ".": {
    values: [
      "CategoryLogger", "DEFAULT_CAPTURE_LIMITS", "DEFAULT_OUTPUT_TEMPLATE", "DEFAULT_REDACT_KEYS",
      "FileSinkError", "HttpSendError", "LOG_LEVELS", "LevelSwitch", "LogContext", "LoggerConfiguration",
      "PROMETHEUS_CONTENT_TYPE", "REDACT_PATTERNS", "REQUEST_COMPLETED_TEMPLATE", "RequestTimeoutError",
      "SelfLog", "WriteTimeoutError", "clefFormatter", "consoleSink", "consoleWriter", "eventId",
      "getGlobalLogger", "getLogger", "isLogLevel", "lazy", "levelFromEnv", "levelSeverity", "memorySink",
      "otelTraceContext", "otlpSink", "parseLogLevel", "parseTemplate", "parseTraceparent", "portableRuntime",
      "renderTemplate", "requestLogging", "seqSink", "setGlobalLogger", "textFormatter", "webScheduler",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "BreakerState", "CaptureHint", "CaptureLimits", "CircuitBreakerOptions",
      "ClefFormatterOptions", "ConsoleSink", "ConsoleSinkOptions", "ContextStorage", "DropReason",
      "DroppedCounts", "Enricher", "EnvSource", "ErrorInfo", "EventFilter", "FetchInit", "FetchLike",
      "FetchResponse", "FileInfo", "FileSystem", "Formatter", "HttpShippingStats", "HttpTransportOptions",
      "LatencySummary", "Lazy", "LogEvent", "LogLevel", "LogMethod", "LogProperties", "LogStructure",
      "LogValue", "Logger", "LoggerConfigurationOptions", "MemorySink", "MemorySinkOptions",
      "MessageTemplate", "MetricsSnapshot", "MetricsSnapshotJSON", "MetricsTotals", "OtelApi",
      "OtelSpanContext", "OtlpSink", "OtlpSinkOptions", "OverflowPolicy", "PropertyToken", "QueueOptions",
      "RedactOptions", "RenderOptions", "RequestFacts", "RequestLogging", "RequestLoggingLevels",
      "RequestLoggingOptions", "RequestOutcome", "RequestScope", "RetryOptions", "RuntimeAdapter",
      "Scheduler", "SelfLogListener", "SeqSink", "SeqSinkOptions", "ShutdownHandler", "ShutdownHook",
      "ShutdownHookOptions", "ShutdownHookResult", "ShutdownOptions", "ShutdownReason", "ShutdownReport",
      "ShutdownSignal", "ShutdownSignalName", "ShutdownStrategy", "Sink", "SinkMetricsSnapshot",
      "SinkOptions", "TemplateToken", "TextFormatterOptions", "TextToken", "TimerId", "TimerOptions",
      "Traceparent", "Writer",
    ],
  },
  "./node": {
    values: [
      "asyncLocalContextStorage", "fileSink", "httpLogging", "nodeFileSystem", "nodeRuntime", "nodeScheduler",
      "nodeStdioWriter", "nodeSyslogTransport", "onNodeShutdown", "pinoCompatible", "syslogSink",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "FetchInit", "FetchLike", "FetchResponse", "BreakerState", "CaptureHint", "ContextStorage", "DroppedCounts", "ErrorInfo", "FileInfo",
      "FileSinkOptions", "FileSystem", "Formatter", "HttpLoggingMiddleware", "HttpLoggingOptions",
      "LatencySummary", "LogEvent", "LogLevel", "LogMethod", "LogProperties", "LogStructure", "LogValue",
      "LoggedRequest", "Logger", "MessageTemplate", "MetricsSnapshot", "MetricsSnapshotJSON", "MetricsTotals",
      "NodeRuntimeOptions", "NodeShutdownOptions", "PinoChildOptions", "PinoCompatibleLogger", "PinoLogFn",
      "PinoSerializer", "ProcessRuntimeOptions", "ProcessShutdownOptions", "ProcessStream", "PropertyToken",
      "RequestLoggingLevels", "RequestLoggingOptions", "RollingFileSink", "RollingInterval", "RuntimeAdapter",
      "Scheduler", "ShutdownHandler", "ShutdownHook", "ShutdownHookOptions", "ShutdownHookResult",
      "ShutdownOptions", "ShutdownReason", "ShutdownReport", "ShutdownSignal", "ShutdownSignalName",
      "ShutdownStrategy", "Sink", "SinkMetricsSnapshot", "SyncFileSystem", "SyslogConnection",
      "SyslogFacility", "SyslogFormatOptions", "SyslogSink", "SyslogSinkOptions", "SyslogTarget",
      "SyslogTransport", "TemplateToken", "TextToken", "TimerId", "TimerOptions", "Writer",
    ],
  },
  "./deno": {
    values: [
      "asyncLocalContextStorage", "denoFileSystem", "denoRuntime", "denoScheduler", "denoStdioWriter",
      "denoSyslogTransport", "fileSink", "onDenoShutdown", "syslogSink",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "FetchInit", "FetchLike", "FetchResponse", "CaptureHint", "ContextStorage", "DenoRuntimeOptions", "DenoShutdownOptions",
      "DenoWritable", "ErrorInfo", "FileInfo", "FileSinkOptions", "FileSystem", "Formatter", "LogEvent",
      "LogLevel", "LogProperties", "LogStructure", "LogValue", "MessageTemplate", "PropertyToken",
      "RollingFileSink", "RollingInterval", "RuntimeAdapter", "Scheduler", "ShutdownHook",
      "ShutdownHookOptions", "ShutdownHookResult", "ShutdownReason", "ShutdownSignal", "ShutdownSignalName",
      "Sink", "SyncFileSystem", "SyslogConnection", "SyslogFacility", "SyslogFormatOptions", "SyslogSink",
      "SyslogSinkOptions", "SyslogTarget", "SyslogTransport", "TemplateToken", "TextToken", "TimerId",
      "TimerOptions", "Writer",
    ],
  },
  "./bun": {
    values: [
      "asyncLocalContextStorage", "bunFileSystem", "bunRuntime", "bunScheduler", "bunStdioWriter",
      "bunSyslogTransport", "fileSink", "onBunShutdown", "syslogSink",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "FetchInit", "FetchLike", "FetchResponse", "BunRuntimeOptions", "BunShutdownOptions", "CaptureHint", "ContextStorage", "ErrorInfo",
      "FileInfo", "FileSinkOptions", "FileSystem", "Formatter", "LogEvent", "LogLevel", "LogProperties",
      "LogStructure", "LogValue", "MessageTemplate", "ProcessRuntimeOptions", "ProcessShutdownOptions",
      "ProcessStream", "PropertyToken", "RollingFileSink", "RollingInterval", "RuntimeAdapter", "Scheduler",
      "ShutdownHook", "ShutdownHookOptions", "ShutdownHookResult", "ShutdownReason", "ShutdownSignal",
      "ShutdownSignalName", "Sink", "SyncFileSystem", "SyslogConnection", "SyslogFacility",
      "SyslogFormatOptions", "SyslogSink", "SyslogSinkOptions", "SyslogTarget", "SyslogTransport",
      "TemplateToken", "TextToken", "TimerId", "TimerOptions", "Writer",
    ],
  },
  "./workers": {
    values: [
      "withLogging", "workersRuntime",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "FetchInit", "FetchLike", "FetchResponse", "AsyncLocalStorageConstructor", "AsyncLocalStorageLike", "BreakerState", "ConsoleLike",
      "ContextStorage", "DroppedCounts", "ExecutionContextLike", "FetchHandler", "FileInfo", "FileSystem",
      "LatencySummary", "LogLevel", "LogMethod", "LogProperties", "LogStructure", "LogValue",
      "LoggedFetchHandler", "Logger", "MetricsSnapshot", "MetricsSnapshotJSON", "MetricsTotals",
      "RequestLike", "RequestLoggingLevels", "RequestLoggingOptions", "ResponseLike", "RuntimeAdapter",
      "Scheduler", "ShutdownHandler", "ShutdownHook", "ShutdownHookOptions", "ShutdownHookResult",
      "ShutdownOptions", "ShutdownReason", "ShutdownReport", "ShutdownSignal", "ShutdownSignalName",
      "ShutdownStrategy", "SinkMetricsSnapshot", "TimerId", "TimerOptions", "WithLoggingOptions",
      "WorkersRuntimeOptions", "Writer",
    ],
  },
  "./hono": {
    values: [
      "logging",
    ],
    types: [
      "BreakerState", "DroppedCounts", "HonoContextLike", "HonoRequestLike", "LatencySummary", "LogLevel",
      "LogMethod", "Logger", "LoggingEnv", "LoggingMiddleware", "LoggingOptions", "MetricsSnapshot",
      "MetricsSnapshotJSON", "MetricsTotals", "RequestLoggingLevels", "RequestLoggingOptions",
      "ShutdownHandler", "ShutdownOptions", "ShutdownReport", "ShutdownStrategy", "SinkMetricsSnapshot",
    ],
  },
  "./testing": {
    values: [
      "ManualScheduler", "manualRuntime",
    ],
    types: [
      "AbortSignalOf", "AppendFile", "ContextStorage", "FetchInit", "FetchLike", "FetchResponse", "FileInfo",
      "FileSystem", "LogProperties", "LogStructure", "LogValue", "ManualRuntime", "RuntimeAdapter", "Scheduler", "ShutdownHook", "ShutdownHookOptions",
      "ShutdownHookResult", "ShutdownReason", "ShutdownSignal", "ShutdownSignalName", "TimerId",
      "TimerOptions", "Writer",
    ],
  },
};

/**
 * The names an entry file exports, read from its `export { … } from`
 * statements and, for `export type * from`, the types the target declares.
 */
function declaredExports(source: string, file: string): { values: string[]; types: string[]; star: boolean } {
  const values: string[] = [];
  const types: string[] = [];
  for (const m of source.matchAll(/^export type \* from "([^"]+)";/gm)) {
    const target = fs.readFileSync(path.join(path.dirname(file), m[1]), "utf8");
    for (const d of target.matchAll(/^export (?:interface|type|class|enum) (\w+)/gm)) types.push(d[1]);
  }
  for (const m of source.matchAll(/^export (type )?\{([^}]*)\}/gm)) {
    for (const item of m[2].split(",").map((s) => s.trim()).filter(Boolean)) {
      const isType = m[1] !== undefined || item.startsWith("type ");
      const name = item.replace(/^type /, "").split(/\s+as\s+/).pop()!;
      (isType ? types : values).push(name);
    }
  }
  return { values: values.sort(), types: types.sort(), star: /^export \*/m.test(source) };
}

const entries: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot(), "deno.json"), "utf8")).exports;

describe("public API", () => {
  it("every entry is pinned here", () => {
    assert.deepEqual(Object.keys(PINNED).sort(), Object.keys(entries).sort());
    assert.deepEqual(Object.keys(loaded).sort(), Object.keys(entries).sort());
  });

  for (const [subpath, file] of Object.entries(entries)) {
    it(`${subpath} exports exactly its pinned names, each by name`, () => {
      const entry = path.join(repoRoot(), file);
      const declared = declaredExports(fs.readFileSync(entry, "utf8"), entry);
      assert.equal(declared.star, false, `${file} uses export *`);
      assert.deepEqual(declared.values, [...PINNED[subpath].values].sort(), `${subpath} values`);
      assert.deepEqual(declared.types, [...PINNED[subpath].types].sort(), `${subpath} types`);
      // What a program actually gets at run time is the pinned values, nothing more.
      assert.deepEqual(Object.keys(loaded[subpath]).sort(), PINNED[subpath].values, `${subpath} at run time`);
    });
  }

  it("the root stays small and keeps internals out", () => {
    const values = PINNED["."].values;
    assert.ok(values.length >= 30 && values.length <= 60, `${values.length} values`);
    for (const internal of ["RingBuffer", "Pipeline", "deliverBatch", "LoggerCore", "resolveCallShape", "parseTemplateUncached", "ProtobufWriter", "varintSize", "ManualScheduler", "rollingFileSink", "RollingFileSink", "createSyslogSink", "Logger"]) {
      assert.equal(internal in root, false, internal);
    }
  });

  it("a Logger is made by LoggerConfiguration, not by its constructor", () => {
    const log = new root.LoggerConfiguration().createLogger();
    const Ctor = log.constructor as new (...args: unknown[]) => unknown;
    assert.throws(() => new Ctor({}), TypeError);
    assert.equal(typeof log.forContext("A", 1).information, "function");
  });
});
