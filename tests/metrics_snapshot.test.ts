import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DROP_REASONS, type SinkGauges, SinkMetrics } from "../src/core/metrics/sink_metrics.ts";
import type { BreakerState } from "../src/core/pipeline/circuit_breaker.ts";
import { createMetricsSnapshot, type SinkMetricsSnapshot, readSinkMetrics } from "../src/core/metrics/metrics_snapshot.ts";
import {
  escapeLabelValue,
  formatSampleValue,
  PrometheusTextWriter,
  sanitizeMetricName,
} from "../src/core/metrics/prometheus_text.ts";

// ---------------------------------------------------------------------------
// A small, strict parser for the Prometheus text exposition format 0.0.4.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Sample[];
}
interface Exposition {
  families: Map<string, Family>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "summary", "histogram", "untyped"]);
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseValue(text: string): number {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  assert.match(text, FLOAT, `bad sample value ${JSON.stringify(text)}`);
  return Number(text);
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => {
    assert.ok(c === "\\" || c === "n", `bad HELP escape \\${c}`);
    return c === "n" ? "\n" : "\\";
  });
}

/** Parses `name{a="x",b="y"} value`, handling label-value escapes strictly. */
function parseSampleLine(line: string): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  assert.ok(nameMatch, `sample line must start with a metric name: ${JSON.stringify(line)}`);
  const name = nameMatch[0];
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === "{") {
    i++;
    while (line[i] !== "}") {
      const labelMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
      assert.ok(labelMatch, `label name expected at ${i}: ${JSON.stringify(line)}`);
      const label = labelMatch[0];
      assert.match(label, LABEL_NAME);
      assert.ok(!label.startsWith("__"), `reserved label ${label}`);
      assert.ok(!(label in labels), `duplicate label ${label}`);
      i += label.length;
      assert.equal(line.slice(i, i + 2), '="', `="\u2026 expected after ${label}`);
      i += 2;
      let value = "";
      for (;;) {
        assert.ok(i < line.length, `unterminated label value: ${JSON.stringify(line)}`);
        const c = line[i++];
        if (c === '"') break;
        if (c === "\\") {
          const e = line[i++];
          if (e === "\\") value += "\\";
          else if (e === '"') value += '"';
          else if (e === "n") value += "\n";
          else assert.fail(`bad label escape \\${e} in ${JSON.stringify(line)}`);
        } else value += c;
      }
      labels[label] = value;
      if (line[i] === ",") i++;
      else assert.equal(line[i], "}", `, or } expected: ${JSON.stringify(line)}`);
    }
    i++;
  }
  assert.equal(line[i], " ", `one space before the value: ${JSON.stringify(line)}`);
  const rest = line.slice(i + 1);
  assert.ok(!rest.includes(" "), `no timestamp or extra fields expected: ${JSON.stringify(line)}`);
  return { name, labels, value: parseValue(rest) };
}

function familyOf(sampleName: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(sampleName);
  if (direct !== undefined) return direct;
  for (const suffix of ["_sum", "_count", "_bucket"]) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = families.get(sampleName.slice(0, -suffix.length));
    if (base !== undefined && (base.type === "summary" || base.type === "histogram")) return base;
  }
  return undefined;
}

function parseExposition(text: string): Exposition {
  assert.ok(text.endsWith("\n"), "exposition ends with a newline");
  const lines = text.slice(0, -1).split("\n");
  const families = new Map<string, Family>();
  const samples: Sample[] = [];
  const seriesKeys = new Set<string>();
  const closed = new Set<string>();
  let current: string | undefined;
  const enter = (name: string): void => {
    if (current === name) return;
    assert.ok(!closed.has(name), `family ${name} is not contiguous`);
    if (current !== undefined) closed.add(current);
    current = name;
  };
  for (const line of lines) {
    assert.notEqual(line, "", "no blank lines");
    assert.equal(line, line.trim(), `no surrounding whitespace: ${JSON.stringify(line)}`);
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      assert.ok(m, `only HELP and TYPE comments expected: ${JSON.stringify(line)}`);
      const [, kind, name, rest] = m;
      assert.match(name, METRIC_NAME);
      enter(name);
      const family = families.get(name) ?? { name, samples: [] };
      families.set(name, family);
      assert.equal(family.samples.length, 0, `${kind} for ${name} after its samples`);
      if (kind === "HELP") {
        assert.equal(family.help, undefined, `duplicate HELP for ${name}`);
        family.help = unescapeHelp(rest);
      } else {
        assert.equal(family.type, undefined, `duplicate TYPE for ${name}`);
        assert.ok(TYPES.has(rest), `unknown type ${rest}`);
        family.type = rest;
      }
      continue;
    }
    const sample = parseSampleLine(line);
    assert.match(sample.name, METRIC_NAME);
    const family = familyOf(sample.name, families);
    assert.ok(family, `sample ${sample.name} has no HELP/TYPE before it`);
    assert.ok(family.help !== undefined && family.type !== undefined, `${family.name} lacks HELP or TYPE`);
    enter(family.name);
    if (family.type === "counter") assert.ok(family.name.endsWith("_total"), `counter ${family.name} ends in _total`);
    if (family.type === "summary" && sample.name === family.name) assert.ok("quantile" in sample.labels);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    assert.ok(!seriesKeys.has(key), `duplicate series ${key}`);
    seriesKeys.add(key);
    family.samples.push(sample);
    samples.push(sample);
  }
  return { families, samples };
}

/** The value of the one sample named `name` whose labels include `labels`. */
function valueOf(exp: Exposition, name: string, labels: Record<string, string>): number {
  const found = exp.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  assert.equal(found.length, 1, `exactly one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return found[0].value;
}

// ---------------------------------------------------------------------------

const closed: SinkGauges = { queueDepth: 0, queuedBytes: 0, breakerState: "closed" };
function gauges(queueDepth: number, queuedBytes: number, breakerState: BreakerState): SinkGauges {
  return { queueDepth, queuedBytes, breakerState };
}

function sampleMetrics(): { file: SinkMetrics; http: SinkMetrics } {
  const file = new SinkMetrics("file");
  file.received = 10;
  file.emitted = 6;
  file.batches = 2;
  file.bytesWritten = 1234;
  file.drop("queueFull", 3);
  file.drop("memoryLimit");
  for (let ms = 1; ms <= 100; ms++) file.latency.record(ms);
  const http = new SinkMetrics("http");
  http.received = 5;
  http.failed = 4;
  http.fallback = 2;
  http.drop("breakerOpen", 4);
  http.drop("afterShutdown");
  return { file, http };
}

describe("SinkMetrics", () => {
  it("counts drops by reason and ignores non-positive counts", () => {
    const m = new SinkMetrics("x");
    m.drop("queueFull");
    m.drop("queueFull", 2);
    m.drop("memoryLimit", 5);
    m.drop("breakerOpen", 7);
    m.drop("afterShutdown", 11);
    m.drop("sinkLimit", 13);
    m.drop("queueFull", 0);
    m.drop("queueFull", -3);
    m.drop("queueFull", Number.NaN);
    assert.deepEqual(
      DROP_REASONS.map((r) => m.dropped(r)),
      [3, 5, 7, 11, 13],
    );
    assert.equal(m.droppedQueueFull, 3);
    assert.equal(m.droppedMemoryLimit, 5);
    assert.equal(m.droppedBreakerOpen, 7);
    assert.equal(m.droppedAfterShutdown, 11);
    assert.equal(m.droppedSinkLimit, 13);
    assert.equal(m.droppedTotal, 39);
  });

  it("keeps sinks isolated", () => {
    const { file, http } = sampleMetrics();
    const a = readSinkMetrics(file, closed, "file");
    const b = readSinkMetrics(http, closed, "http");
    assert.equal(a.received, 10);
    assert.equal(b.received, 5);
    assert.equal(a.failed, 0);
    assert.equal(b.failed, 4);
    assert.deepEqual(a.dropped, { queueFull: 3, memoryLimit: 1, breakerOpen: 0, afterShutdown: 0, sinkLimit: 0, total: 4 });
    assert.deepEqual(b.dropped, { queueFull: 0, memoryLimit: 0, breakerOpen: 4, afterShutdown: 1, sinkLimit: 0, total: 5 });
    assert.equal(a.latencyMs.count, 100);
    assert.equal(b.latencyMs.count, 0);
    assert.notEqual(file.latency, http.latency);
  });

  it("reset zeroes counters and the histogram", () => {
    const { file } = sampleMetrics();
    file.reset();
    const s = readSinkMetrics(file, closed, "file");
    assert.deepEqual(s, readSinkMetrics(undefined, closed, "file"));
    assert.equal(file.sink, "file");
  });
});

describe("readSinkMetrics", () => {
  it("reads counters, latency and gauges", () => {
    const { file } = sampleMetrics();
    const s = readSinkMetrics(file, gauges(7, 900, "half-open"), "file");
    assert.equal(s.sink, "file");
    assert.equal(s.emitted, 6);
    assert.equal(s.batches, 2);
    assert.equal(s.bytesWritten, 1234);
    assert.equal(s.queueDepth, 7);
    assert.equal(s.queuedBytes, 900);
    assert.equal(s.breakerState, "half-open");
    assert.equal(s.latencyMs.max, 100);
    assert.equal(s.latencyMs.sum, 5050);
    assert.ok(Math.abs(s.latencyMs.p50 - 50) <= 50 / 64 + 1e-9, `p50 ${s.latencyMs.p50}`);
    assert.ok(Math.abs(s.latencyMs.p95 - 95) <= 95 / 64 + 1e-9, `p95 ${s.latencyMs.p95}`);
    assert.ok(Math.abs(s.latencyMs.p99 - 99) <= 99 / 64 + 1e-9, `p99 ${s.latencyMs.p99}`);
  });

  it("with metrics off: counters 0, gauges real", () => {
    const s = readSinkMetrics(undefined, gauges(3, 300, "open"), "console");
    assert.equal(s.received, 0);
    assert.equal(s.dropped.total, 0);
    assert.equal(s.latencyMs.count, 0);
    assert.equal(s.latencyMs.p99, 0);
    assert.equal(s.queueDepth, 3);
    assert.equal(s.queuedBytes, 300);
    assert.equal(s.breakerState, "open");
    const snap = createMetricsSnapshot([s], { timestamp: 1, enabled: false });
    assert.equal(snap.enabled, false);
    assert.equal(snap.totals.queueDepth, 3);
    const exp = parseExposition(snap.toPrometheus());
    assert.equal(valueOf(exp, "logging_metrics_enabled", {}), 0);
    assert.equal(valueOf(exp, "logging_queue_depth", { sink: "console" }), 3);
  });
});

describe("MetricsSnapshot", () => {
  function build(): { sinks: SinkMetricsSnapshot[]; timestamp: number } {
    const { file, http } = sampleMetrics();
    return {
      sinks: [readSinkMetrics(file, gauges(2, 200, "closed"), "file"), readSinkMetrics(http, gauges(5, 640, "open"), "http")],
      timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
    };
  }

  it("totals sum the sinks", () => {
    const { sinks, timestamp } = build();
    const snap = createMetricsSnapshot(sinks, { timestamp, enabled: true });
    assert.equal(snap.timestamp, timestamp);
    assert.equal(snap.enabled, true);
    assert.equal(snap.sinks.length, 2);
    assert.deepEqual(snap.totals, {
      received: 15,
      emitted: 6,
      failed: 4,
      bytesWritten: 1234,
      batches: 2,
      fallback: 2,
      dropped: { queueFull: 3, memoryLimit: 1, breakerOpen: 4, afterShutdown: 1, sinkLimit: 0, total: 9 },
      queueDepth: 7,
      queuedBytes: 840,
    });
  });

  it("is frozen and independent of its inputs", () => {
    const { sinks, timestamp } = build();
    const snap = createMetricsSnapshot(sinks, { timestamp, enabled: true });
    sinks[0].received = 999;
    sinks[0].dropped.queueFull = 999;
    assert.equal(snap.sinks[0].received, 10);
    assert.equal(snap.sinks[0].dropped.queueFull, 3);
    assert.ok(Object.isFrozen(snap));
    assert.ok(Object.isFrozen(snap.sinks));
    assert.ok(Object.isFrozen(snap.sinks[0].dropped));
    assert.ok(Object.isFrozen(snap.totals.dropped));
  });

  it("toJSON round-trips through JSON.stringify / JSON.parse", () => {
    const { sinks, timestamp } = build();
    const snap = createMetricsSnapshot(sinks, { timestamp, enabled: true });
    const data = snap.toJSON();
    assert.deepEqual(JSON.parse(JSON.stringify(snap)), data);
    assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
    assert.deepEqual(Object.keys(data).sort(), ["enabled", "sinks", "timestamp", "totals"]);
    assert.equal(data.sinks[1].sink, "http");
    assert.equal(data.sinks[1].breakerState, "open");
    assert.equal(data.totals.dropped.total, 9);
    data.sinks[0].received = -1; // a plain, mutable copy
    assert.equal(snap.sinks[0].received, 10);
    const rebuilt = createMetricsSnapshot(JSON.parse(JSON.stringify(snap)).sinks, { timestamp, enabled: true });
    assert.deepEqual(rebuilt.toJSON(), snap.toJSON());
  });

  it("an empty sink list gives zero totals and valid Prometheus text", () => {
    const snap = createMetricsSnapshot([], { timestamp: 0, enabled: true });
    assert.equal(snap.totals.received, 0);
    assert.equal(snap.totals.dropped.total, 0);
    const exp = parseExposition(snap.toPrometheus());
    assert.equal(valueOf(exp, "logging_metrics_enabled", {}), 1);
    assert.equal(exp.samples.length, 1);
  });
});

describe("MetricsSnapshot.toPrometheus", () => {
  const { file, http } = sampleMetrics();
  const snap = createMetricsSnapshot(
    [readSinkMetrics(file, gauges(2, 200, "closed"), "file"), readSinkMetrics(http, gauges(5, 640, "open"), "http")],
    { timestamp: 1, enabled: true },
  );
  const text = snap.toPrometheus();
  const exp = parseExposition(text);

  it("is strictly valid 0.0.4 text with HELP and TYPE per family", () => {
    const types = Object.fromEntries([...exp.families.values()].map((f) => [f.name, f.type]));
    assert.deepEqual(types, {
      logging_metrics_enabled: "gauge",
      logging_events_received_total: "counter",
      logging_events_emitted_total: "counter",
      logging_events_failed_total: "counter",
      logging_bytes_written_total: "counter",
      logging_batches_total: "counter",
      logging_events_fallback_total: "counter",
      logging_events_dropped_total: "counter",
      logging_queue_depth: "gauge",
      logging_queued_bytes: "gauge",
      logging_breaker_state: "gauge",
      logging_latency_ms: "summary",
      logging_latency_max_ms: "gauge",
    });
    for (const f of exp.families.values()) assert.ok(f.help !== undefined && f.help.length > 0);
    assert.equal(text.split("\n").filter((l) => l.startsWith("# TYPE")).length, exp.families.size);
  });

  it("exposes the counters per sink", () => {
    assert.ok(text.includes('logging_events_received_total{sink="file"} 10\n'));
    assert.equal(valueOf(exp, "logging_events_received_total", { sink: "http" }), 5);
    assert.equal(valueOf(exp, "logging_events_emitted_total", { sink: "file" }), 6);
    assert.equal(valueOf(exp, "logging_events_failed_total", { sink: "http" }), 4);
    assert.equal(valueOf(exp, "logging_bytes_written_total", { sink: "file" }), 1234);
    assert.equal(valueOf(exp, "logging_batches_total", { sink: "file" }), 2);
    assert.equal(valueOf(exp, "logging_events_fallback_total", { sink: "http" }), 2);
    assert.equal(valueOf(exp, "logging_events_fallback_total", { sink: "file" }), 0);
  });

  it("exposes drops by sink and reason", () => {
    assert.ok(text.includes('logging_events_dropped_total{sink="file",reason="queueFull"} 3\n'));
    const expected: Record<string, Record<string, number>> = {
      file: { queueFull: 3, memoryLimit: 1, breakerOpen: 0, afterShutdown: 0, sinkLimit: 0 },
      http: { queueFull: 0, memoryLimit: 0, breakerOpen: 4, afterShutdown: 1, sinkLimit: 0 },
    };
    for (const [sink, reasons] of Object.entries(expected)) {
      for (const [reason, value] of Object.entries(reasons)) {
        assert.equal(valueOf(exp, "logging_events_dropped_total", { sink, reason }), value);
      }
    }
  });

  it("exposes gauges, the breaker state one-hot", () => {
    assert.equal(valueOf(exp, "logging_queue_depth", { sink: "http" }), 5);
    assert.equal(valueOf(exp, "logging_queued_bytes", { sink: "file" }), 200);
    assert.equal(valueOf(exp, "logging_breaker_state", { sink: "file", state: "closed" }), 1);
    assert.equal(valueOf(exp, "logging_breaker_state", { sink: "file", state: "open" }), 0);
    assert.equal(valueOf(exp, "logging_breaker_state", { sink: "file", state: "half-open" }), 0);
    assert.equal(valueOf(exp, "logging_breaker_state", { sink: "http", state: "open" }), 1);
    const hot = exp.samples.filter((s) => s.name === "logging_breaker_state" && s.value === 1);
    assert.equal(hot.length, 2);
  });

  it("exposes latency as a summary (NaN quantiles when empty)", () => {
    const s = snap.sinks[0];
    assert.equal(valueOf(exp, "logging_latency_ms", { sink: "file", quantile: "0.5" }), s.latencyMs.p50);
    assert.equal(valueOf(exp, "logging_latency_ms", { sink: "file", quantile: "0.95" }), s.latencyMs.p95);
    assert.equal(valueOf(exp, "logging_latency_ms", { sink: "file", quantile: "0.99" }), s.latencyMs.p99);
    assert.equal(valueOf(exp, "logging_latency_ms_sum", { sink: "file" }), 5050);
    assert.equal(valueOf(exp, "logging_latency_ms_count", { sink: "file" }), 100);
    assert.equal(valueOf(exp, "logging_latency_max_ms", { sink: "file" }), 100);
    assert.ok(Number.isNaN(valueOf(exp, "logging_latency_ms", { sink: "http", quantile: "0.99" })));
    assert.equal(valueOf(exp, "logging_latency_ms_count", { sink: "http" }), 0);
  });

  it('escapes label values (a sink named we"ird\\name + newline)', () => {
    const weird = 'we"ird\\name\n';
    const m = new SinkMetrics(weird);
    m.received = 42;
    m.drop("queueFull", 2);
    const out = createMetricsSnapshot([readSinkMetrics(m, closed, weird)], { timestamp: 1, enabled: true }).toPrometheus();
    assert.ok(out.includes('logging_events_received_total{sink="we\\"ird\\\\name\\n"} 42\n'), out);
    const parsed = parseExposition(out);
    assert.equal(valueOf(parsed, "logging_events_received_total", { sink: weird }), 42);
    assert.equal(valueOf(parsed, "logging_events_dropped_total", { sink: weird, reason: "queueFull" }), 2);
    assert.equal(out.split("\n").length, parsed.samples.length + 2 * parsed.families.size + 1);
  });

  it("uses a custom prefix, sanitized to a valid metric name", () => {
    const custom = parseExposition(snap.toPrometheus("app_"));
    assert.equal(valueOf(custom, "app_events_received_total", { sink: "file" }), 10);
    const sanitized = parseExposition(snap.toPrometheus("my-app.log:"));
    assert.equal(valueOf(sanitized, "my_app_log:events_received_total", { sink: "file" }), 10);
    const bare = parseExposition(snap.toPrometheus(""));
    assert.equal(valueOf(bare, "events_received_total", { sink: "file" }), 10);
    const digit = parseExposition(snap.toPrometheus("1x_"));
    assert.equal(valueOf(digit, "_1x_events_received_total", { sink: "file" }), 10);
  });
});

describe("the test's exposition parser", () => {
  it("rejects malformed text (so the checks above mean something)", () => {
    const ok = '# HELP a_total h\n# TYPE a_total counter\na_total{sink="x"} 1\n';
    parseExposition(ok);
    const bad = [
      "# HELP a_total h\n# TYPE a_total counter\na_total 1", // no trailing newline
      "a_total 1\n", // no HELP/TYPE
      "# TYPE a_total counter\na_total 1\n", // no HELP
      "# HELP a h\n# TYPE a counter\na 1\n", // counter without _total
      '# HELP a h\n# TYPE a gauge\na{s="x\\q"} 1\n', // bad escape
      '# HELP a h\n# TYPE a gauge\na{s="x"} 1\na{s="x"} 2\n', // duplicate series
      "# HELP a h\n# TYPE a gauge\n# HELP a h\na 1\n", // duplicate HELP
      "# HELP a h\n# TYPE a gauge\na 1\n# HELP b h\n# TYPE b gauge\nb 1\na 2\n", // not contiguous
      "# HELP 1a h\n# TYPE 1a gauge\n1a 1\n", // bad name
      "# HELP a h\n# TYPE a gauge\na one\n", // bad value
    ];
    for (const text of bad) assert.throws(() => parseExposition(text), assert.AssertionError, JSON.stringify(text));
  });
});

describe("PrometheusTextWriter", () => {
  it("writes HELP/TYPE once and escapes help text", () => {
    const out = new PrometheusTextWriter()
      .family("a_total", "counter", "line\\one\ntwo")
      .family("a_total", "counter", "ignored")
      .sample("a_total", {}, 1)
      .toString();
    assert.equal(out, "# HELP a_total line\\\\one\\ntwo\n# TYPE a_total counter\na_total 1\n");
    const exp = parseExposition(out);
    assert.equal(exp.families.get("a_total")?.help, "line\\one\ntwo");
    assert.equal(new PrometheusTextWriter().toString(), "");
  });

  it("formats special values and escapes", () => {
    assert.equal(formatSampleValue(Number.NaN), "NaN");
    assert.equal(formatSampleValue(Infinity), "+Inf");
    assert.equal(formatSampleValue(-Infinity), "-Inf");
    assert.equal(formatSampleValue(-0), "0");
    assert.equal(formatSampleValue(1e21), "1e+21");
    assert.equal(parseValue(formatSampleValue(1e21)), 1e21);
    assert.equal(formatSampleValue(0.1), "0.1");
    assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
    assert.equal(sanitizeMetricName("ok_name:x"), "ok_name:x");
    assert.equal(sanitizeMetricName("a b-c"), "a_b_c");
  });
});
