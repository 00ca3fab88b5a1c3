// Shipping: CPU per event to send logs over HTTP to a loopback receiver
// (bench/receiver.mjs, its own process, which counts and discards), for one
// library, on whichever runtime runs this file. Prints one JSON line.
//
//   <runtime> bench/shipping.mjs <lib> '{"port":N,"n":20000,"reps":3}'
//
// libs: core-otlp-proto | core-otlp-json | otel-proto | otel-json | core-seq | seq-logging | floor-seq | floor-otlp-json
//
// Each run: `n` calls in rounds of 1,000 separated by a macrotask yield (as in
// a server), then flush; the process's CPU time (user + system, every thread)
// from the first call until the last event was answered, per event. The
// receiver must have counted every event of the run, or the run fails.
import process from "node:process";

const RUNTIME = typeof globalThis.Deno !== "undefined" ? "deno" : typeof globalThis.Bun !== "undefined" ? "bun" : "node";
const [libName, optionsJson] = RUNTIME === "deno" ? globalThis.Deno.args : process.argv.slice(2);
const opts = optionsJson ? JSON.parse(optionsJson) : {};
const env = (name) => (RUNTIME === "deno" ? globalThis.Deno.env.get(name) : process.env[name]);
const CORE = new URL((env("BENCH_CORE") ?? "./.out").replace(/\/?$/, "/"), import.meta.url);
const BASE = `http://127.0.0.1:${opts.port}`;

const TEMPLATE = "Processed {Count} for {User} in {Elapsed} ms";
const USER = "alice";
const floatOf = (i) => (i & 1023) * 0.001 + 0.0005;
const yieldMacrotask = () => new Promise((resolve) => setImmediate(resolve));
const BATCH = 512; // every library: batches of 512 events, a queue that holds the whole run

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function makeCore(run, kind) {
  const core = await import(new URL("mod.js", CORE).href);
  const adapter = await import(new URL(`src/adapters/${RUNTIME}/mod.js`, CORE).href);
  const runtime = RUNTIME === "node" ? adapter.nodeRuntime() : RUNTIME === "deno" ? adapter.denoRuntime() : adapter.bunRuntime();
  const sink = kind === "seq"
    ? core.seqSink({ url: `${BASE}/${run}` })
    : core.otlpSink({ url: `${BASE}/${run}`, protocol: kind, resource: { "service.name": "bench" } });
  const log = new LoggerConfiguration(core, runtime).writeTo(sink, { queue: { maxSize: 1 << 20, batchSize: BATCH } }).createLogger();
  return { info: (i) => log.information(TEMPLATE, i, USER, floatOf(i)), flush: () => log.flush(), close: () => log.shutdown() };
}
function LoggerConfiguration(core, runtime) {
  return new core.LoggerConfiguration({ runtime }).minimumLevel("information");
}

async function makeOtel(run, kind) {
  const { LoggerProvider, BatchLogRecordProcessor } = await import("@opentelemetry/sdk-logs");
  const { SeverityNumber } = await import("@opentelemetry/api-logs");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const { OTLPLogExporter } = kind === "protobuf"
    ? await import("@opentelemetry/exporter-logs-otlp-proto")
    : await import("@opentelemetry/exporter-logs-otlp-http");
  // The exporter refuses (and the processor drops) a batch past 30 requests in
  // flight by default; the limit is raised so every event is delivered.
  const exporter = new OTLPLogExporter({ url: `${BASE}/${run}/v1/logs`, concurrencyLimit: 1 << 10 });
  const processor = new BatchLogRecordProcessor(exporter, { maxQueueSize: 1 << 20, maxExportBatchSize: BATCH });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "bench" }), processors: [processor] });
  const logger = provider.getLogger("bench");
  return {
    // The SDK has no message templates: the cheapest faithful record is a
    // constant body and the three values as attributes.
    info: (i) =>
      logger.emit({
        severityNumber: SeverityNumber.INFO,
        severityText: "Information",
        body: "Processed request",
        attributes: { Count: i, User: USER, Elapsed: floatOf(i) },
      }),
    flush: () => provider.forceFlush(),
    close: () => provider.shutdown(),
  };
}

async function makeSeqLogging(run) {
  const { Logger } = await import("seq-logging");
  let failed;
  const logger = new Logger({ serverUrl: `${BASE}/${run}`, onError: (e) => (failed = e) });
  return {
    info: (i) =>
      logger.emit({
        timestamp: new Date(),
        level: "Information",
        messageTemplate: TEMPLATE,
        properties: { Count: i, User: USER, Elapsed: floatOf(i) },
      }),
    flush: async () => {
      await logger.flush();
      if (failed !== undefined) throw new Error(`seq-logging: ${failed}`);
    },
    close: () => logger.close(),
  };
}

/**
 * The floor: the plainest code that sends the same bytes. The CLEF line (or
 * OTLP JSON log record) built by string concatenation with the timestamp
 * prefix cached per millisecond, as the file floor builds it; every 512
 * events the joined text is POSTed, one request after another, with the HTTP
 * client core uses on this runtime (`node:http` with keep-alive on Node,
 * `fetch` on Deno and Bun). No queue, no capture, no escaping, no
 * templates rendered: what shipping these events costs at least.
 */
async function makeFloor(run, kind) {
  const http = RUNTIME === "node" ? await import("node:http") : undefined;
  const agent = http === undefined ? undefined : new http.Agent({ keepAlive: true });
  const url = kind === "seq" ? `${BASE}/${run}/ingest/clef` : `${BASE}/${run}/v1/logs`;
  const contentType = kind === "seq" ? "application/vnd.serilog.clef" : "application/json";
  const post = (body) => {
    if (http === undefined) {
      return fetch(url, { method: "POST", headers: { "content-type": contentType }, body }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`floor: ${res.status}`);
      });
    }
    return new Promise((resolve, reject) => {
      const bytes = Buffer.from(body, "utf8");
      const req = http.request(url, { method: "POST", agent, headers: { "content-type": contentType, "content-length": bytes.length } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode >= 300 ? reject(new Error(`floor: ${res.statusCode}`)) : resolve()));
      });
      req.on("error", reject);
      req.end(bytes);
    });
  };
  let sending = Promise.resolve();
  let lines = [];
  let lastMs = -1;
  let prefix = "";
  const send = () => {
    if (lines.length === 0) return;
    const body = kind === "seq"
      ? lines.join("")
      : '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}}]},"scopeLogs":[{"scope":{"name":"bench"},"logRecords":[' +
        lines.join(",") + "]}]}]}";
    lines = [];
    sending = sending.then(() => post(body));
  };
  const seqHead = '","@mt":"' + TEMPLATE + '","Count":';
  return {
    info: (i) => {
      const t = Date.now();
      const f = floatOf(i);
      if (kind === "seq") {
        if (t !== lastMs) {
          lastMs = t;
          prefix = '{"@t":"' + new Date(t).toISOString() + seqHead;
        }
        lines.push(prefix + i + ',"User":"' + USER + '","Elapsed":' + f + "}\n");
      } else {
        if (t !== lastMs) {
          lastMs = t;
          prefix = '{"timeUnixNano":"' + t + '000000","severityNumber":9,"severityText":"Information","body":{"stringValue":"Processed ';
        }
        lines.push(prefix + i + ' for \\"' + USER + '\\" in ' + f + ' ms"},"attributes":[{"key":"message_template.text","value":{"stringValue":"' + TEMPLATE +
          '"}},{"key":"Count","value":{"intValue":"' + i + '"}},{"key":"User","value":{"stringValue":"' + USER + '"}},{"key":"Elapsed","value":{"doubleValue":' + f + "}}]}");
      }
      if (lines.length === BATCH) send();
    },
    flush: () => {
      send();
      return sending;
    },
    close: () => sending,
  };
}

function make(run) {
  switch (libName) {
    case "core-otlp-proto":
      return makeCore(run, "protobuf");
    case "core-otlp-json":
      return makeCore(run, "json");
    case "core-seq":
      return makeCore(run, "seq");
    case "otel-proto":
      return makeOtel(run, "protobuf");
    case "otel-json":
      return makeOtel(run, "json");
    case "seq-logging":
      return makeSeqLogging(run);
    case "floor-seq":
      return makeFloor(run, "seq");
    case "floor-otlp-json":
      return makeFloor(run, "json");
  }
  throw new Error(`unknown lib ${libName}`);
}

async function received(run) {
  const res = await fetch(`${BASE}/count/${run}`);
  return (await res.json()).count;
}

/**
 * One logger (and one receiver path) per process, as in an application: the
 * JIT warms the logger's own closures once. Each run logs `n` events in
 * rounds of 1,000 and flushes; the receiver's count for the path must then be
 * everything sent so far.
 */
const run = `${RUNTIME}-${libName}-${process.pid}`;
const logger = await make(run);
let sent = 0;
async function shipRun(n) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n;) {
    const end = Math.min(n, i + 1000);
    for (; i < end; i++) logger.info(i);
    await yieldMacrotask();
  }
  await logger.flush();
  const t = performance.now() - t0;
  const c = process.cpuUsage(c0);
  sent += n;
  const count = await received(run);
  if (count !== sent) throw new Error(`${libName}: the receiver counted ${count} events, ${sent} sent`);
  return { cpuNs: ((c.user + c.system) * 1e3) / n, ns: (t * 1e6) / n, count: n };
}

const n = opts.n ?? 20_000;
// Untimed warm-up runs: V8 needs about 100,000 events before core's batch
// encoders run optimized (the first runs of 40,000 cost 2-3x the later ones).
for (let w = 0; w < (opts.warmRuns ?? 1); w++) await shipRun(opts.warm ?? 10_000);
const runs = [];
for (let rep = 0; rep < (opts.reps ?? 3); rep++) runs.push(await shipRun(n));
await logger.close();
console.log(JSON.stringify({
  runtime: RUNTIME,
  case: "shipping",
  lib: libName,
  cpuNs: median(runs.map((r) => r.cpuNs)),
  ns: median(runs.map((r) => r.ns)),
  events: runs[0].count,
}));
if (RUNTIME === "deno") globalThis.Deno.exit(0);
else process.exit(0);
