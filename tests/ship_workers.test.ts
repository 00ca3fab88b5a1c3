/**
 * otlpSink (and seqSink) inside workerd (Miniflare) posting to a loopback receiver in
 * this process: the same core code over the Worker's `fetch`, flushed with
 * `ctx.waitUntil(log.flush())`, retried with real timers after a 503.
 *
 * Like tests/workers.test.ts, it runs only as the compiled test
 * (build/test/tests/ship_workers.test.js) on Node ≥ 22: the Worker is
 * assembled from the compiled library modules (build/test/mod.js,
 * src/core/**, src/adapters/workers/**) plus a generated entry module.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { type EsModule, exists, libraryModules, loadMiniflare, type MiniflareClass, type MiniflareLike, miniflareUnsupported, root } from "./_helpers/workerd_modules.ts";
import { type LoopbackServer, startLoopbackServer } from "./_helpers/loopback_http.ts";
import { attributeMap, decodeOtlpLogs, type ExportLogsObject, otlpSchemaMissing } from "./_helpers/loopback_otlp.ts";


async function whySkip(): Promise<string | undefined> {
  const unsupported = miniflareUnsupported();
  if (unsupported !== undefined) return unsupported;
  if (import.meta.url.endsWith(".ts")) return "workerd loads the compiled JavaScript: run build/test/tests/ship_workers.test.js";
  if (!(await exists(join(root, "src/core/shipping/otlp_sink.js")))) return `compiled modules not found under ${root}`;
  if (otlpSchemaMissing !== undefined) return otlpSchemaMissing;
  return undefined;
}

const { Miniflare, skip } = await loadMiniflare<MiniflareClass>(await whySkip());

const ENTRY = `
import { LoggerConfiguration } from "./mod.js";
import { otlpSink } from "./src/core/shipping/otlp_sink.js";
import { seqSink } from "./src/core/shipping/seq_sink.js";
import { workersRuntime } from "./src/adapters/workers/mod.js";

const loggers = new Map();
function logger(env, protocol) {
  let log = loggers.get(protocol);
  if (log === undefined) {
    const sink = protocol === "seq"
      ? seqSink({ url: env.OTLP_URL, apiKey: "worker-key" })
      : otlpSink({
        url: env.OTLP_URL,
        protocol,
        resource: { "service.name": "ship-worker" },
        retry: { initialDelayMs: 20, maxDelayMs: 20 },
      });
    log = new LoggerConfiguration({ runtime: workersRuntime() })
      .writeTo(sink, { queue: { batchSize: 50, flushIntervalMs: 10 } })
      .withMetrics()
      .createLogger();
    loggers.set(protocol, log);
  }
  return log;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const protocol = url.searchParams.get("protocol") ?? "protobuf";
    const log = logger(env, protocol);
    const n = Number(url.searchParams.get("n") ?? "1");
    for (let i = 0; i < n; i++) {
      log.information("Worker event {I} of {Run}", i, url.searchParams.get("run"));
    }
    ctx.waitUntil(log.flush());
    return new Response(JSON.stringify(log.metrics().sinks[0]));
  },
};
`;

function records(body: Uint8Array, protocol: string): NonNullable<NonNullable<ExportLogsObject["resourceLogs"]>[number]["scopeLogs"]>[number]["logRecords"] {
  const decoded = protocol === "json" ? JSON.parse(new TextDecoder().decode(body)) as ExportLogsObject : decodeOtlpLogs(body);
  const rl = decoded.resourceLogs?.[0];
  assert.deepEqual(attributeMap(rl?.resource?.attributes)["service.name"], { stringValue: "ship-worker" });
  return rl?.scopeLogs?.flatMap((s) => s.logRecords ?? []) ?? [];
}

describe("otlpSink and seqSink in workerd (Miniflare)", { skip }, () => {
  let server: LoopbackServer;
  let mf: MiniflareLike;
  before(async () => {
    server = await startLoopbackServer();
    if (Miniflare === undefined) throw new Error("miniflare is not loaded");
    const entry: EsModule = { type: "ESModule", path: join(root, "__ship_worker_entry.js"), contents: ENTRY };
    mf = new Miniflare({
      modules: [entry, ...(await libraryModules())],
      modulesRoot: root,
      compatibilityDate: "2026-07-30",
      compatibilityFlags: ["nodejs_compat"],
      bindings: { OTLP_URL: server.url },
      cf: false,
    });
    await mf.ready;
  });
  after(async () => {
    await mf?.dispose();
    await server?.close();
  });

  for (const protocol of ["protobuf", "json"]) {
    it(`posts ${protocol} from the Worker's fetch, flushed by ctx.waitUntil`, async () => {
      const start = server.requests.length;
      const response = await mf.dispatchFetch(`http://localhost/?protocol=${protocol}&n=3&run=${protocol}`);
      assert.equal(response.status, 200);
      await response.text();
      await server.waitForRequests(start + 1);
      const request = server.requests[start];
      assert.equal(request.path, "/v1/logs");
      assert.equal(request.headers["content-type"], protocol === "json" ? "application/json" : "application/x-protobuf");
      const got = records(request.body, protocol) ?? [];
      assert.deepEqual(got.map((r) => r.body?.stringValue), [0, 1, 2].map((i) => `Worker event ${i} of "${protocol}"`));
      for (const r of got) {
        assert.equal(r.severityNumber, 9);
        assert.match(r.timeUnixNano ?? "", /^\d{19}$/);
        assert.deepEqual(attributeMap(r.attributes)["message_template.text"], { stringValue: "Worker event {I} of {Run}" });
      }
    });
  }

  it("seqSink posts CLEF from the Worker, flushed by ctx.waitUntil", async () => {
    const start = server.requests.length;
    const response = await mf.dispatchFetch("http://localhost/?protocol=seq&n=3&run=seq");
    assert.equal(response.status, 200);
    await response.text();
    await server.waitForRequests(start + 1);
    const request = server.requests[start];
    assert.equal(request.path, "/ingest/clef");
    assert.equal(request.headers["content-type"], "application/vnd.serilog.clef");
    assert.equal(request.headers["x-seq-apikey"], "worker-key");
    const lines = new TextDecoder().decode(request.body).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => [e["@mt"], e.I, e.Run]), [0, 1, 2].map((i) => ["Worker event {I} of {Run}", i, "seq"]));
  });

  it("retries a 503 with real timers inside workerd; nothing lost", async () => {
    const start = server.requests.length;
    server.script({ status: 503 }, { status: 200 });
    const response = await mf.dispatchFetch("http://localhost/?protocol=protobuf&n=2&run=retry");
    await response.text();
    await server.waitForRequests(start + 2);
    const [first, second] = server.requests.slice(start, start + 2);
    assert.deepEqual(first.body, second.body, "the same batch was sent again");
    assert.deepEqual((records(second.body, "protobuf") ?? []).map((r) => r.body?.stringValue), ['Worker event 0 of "retry"', 'Worker event 1 of "retry"']);
  });
});
