/**
 * The Workers adapter in real workerd, through Miniflare.
 *
 * Runs only as the compiled test (build/test/tests/workers.test.js) on
 * Node ≥ 22: the Worker is assembled from the compiled library modules next
 * to this file (build/test/mod.js, src/core/**, src/adapters/workers/**) and
 * the fixture tests/workers/fixture_worker.js, plus a generated entry module.
 * Everywhere else (Deno, Bun, Node 20, TypeScript sources) it skips itself.
 *
 * Console capture: Miniflare's `handleStructuredLogs` receives one
 * `{ timestamp, level, message }` per console call in the Worker (workerd's
 * structured logging); `handleRuntimeStdio` additionally keeps workerd's raw
 * output to look for runtime warnings.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { type EsModule, exists, libraryModules, loadMiniflare, type MiniflareClass, type ResponseLike, miniflareUnsupported, root } from "./_helpers/workerd_modules.ts";

const COMPATIBILITY_DATE = "2026-07-30";
const HTTP_TEMPLATE = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";

interface StructuredLog {
  timestamp: number;
  level: string;
  message: string;
}
interface ReadableLike {
  on(event: "data", listener: (chunk: unknown) => void): unknown;
}
type ClefEvent = Record<string, unknown> & { "@mt": string };

async function whySkip(): Promise<string | undefined> {
  const unsupported = miniflareUnsupported();
  if (unsupported !== undefined) return unsupported;
  if (import.meta.url.endsWith(".ts")) {
    return "workerd loads the compiled JavaScript: run build/test/tests/workers.test.js (tsc -p tsconfig.test.json)";
  }
  if (!(await exists(join(root, "src/adapters/workers/mod.js"))) || !(await exists(join(root, "tests/workers/fixture_worker.js")))) {
    return `compiled modules not found under ${root}`;
  }
  return undefined;
}

const { Miniflare, skip } = await loadMiniflare<MiniflareClass>(await whySkip());

interface Harness {
  readonly logs: StructuredLog[];
  readonly raw: string[];
  fetch(path: string, headers?: Record<string, string>): Promise<ResponseLike>;
  /** Every CLEF event the Worker has written so far. */
  events(): ClefEvent[];
  dispose(): Promise<void>;
}

async function startWorker(flags: string[], entrySource: string): Promise<Harness> {
  if (Miniflare === undefined) throw new Error("miniflare is not loaded");
  const logs: StructuredLog[] = [];
  const raw: string[] = [];
  const keepRaw = (stream: ReadableLike): void => {
    stream.on("data", (chunk) => raw.push(String(chunk)));
  };
  const entry: EsModule = { type: "ESModule", path: join(root, "__worker_entry.js"), contents: entrySource };
  const mf = new Miniflare({
    modules: [entry, ...(await libraryModules(["tests/workers"]))],
    modulesRoot: root,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: flags,
    cf: false,
    // workerd's own diagnostics (hung requests, cross-request promises) are
    // printed only when verbose.
    verbose: true,
    // Must return void: Miniflare validates the handler's return value.
    handleStructuredLogs: (log: StructuredLog): void => {
      logs.push(log);
    },
    handleRuntimeStdio: (stdout: ReadableLike, stderr: ReadableLike): void => {
      keepRaw(stdout);
      keepRaw(stderr);
    },
  });
  await mf.ready;
  return {
    logs,
    raw,
    fetch: (path, headers = {}) => mf.dispatchFetch(`http://localhost${path}`, { headers }),
    events: () => clefEvents(logs),
    dispose: () => mf.dispose(),
  };
}

/** Parses CLEF lines (text mode: one console call per event). */
function clefEvents(logs: readonly StructuredLog[]): ClefEvent[] {
  const events: ClefEvent[] = [];
  for (const log of logs) {
    if (!log.message.startsWith("{")) continue;
    for (const line of log.message.split("\n")) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if (value !== null && typeof value === "object" && typeof (value as ClefEvent)["@mt"] === "string") {
        events.push(value as ClefEvent);
      }
    }
  }
  return events;
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function entryModule(options: string, prelude = ""): string {
  return `${prelude}
import { makeWorker } from "./tests/workers/fixture_worker.js";
export default makeWorker(${options});
`;
}

const ray = (batch: string, i: number): string => `ray-${batch}-${i}`;
const item = (batch: string, i: number): string => `item-${batch}-${i}`;

/** Sends `count` concurrent requests; checks each response names its own request id. */
async function sendBatch(h: Harness, batch: string, count: number, steps: number): Promise<void> {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) =>
    h.fetch(`/work?item=${item(batch, i)}&steps=${steps}&jitter=${i}`, { "cf-ray": ray(batch, i) })));
  for (let i = 0; i < count; i++) {
    assert.equal(responses[i].status, 200);
    const body = JSON.parse(await responses[i].text()) as { requestId: string };
    assert.equal(body.requestId, ray(batch, i));
  }
}

/**
 * Waits for a batch's events and checks them: each request's events exactly
 * once, each with its own RequestId / RequestMethod / RequestPath, never
 * another request's.
 */
async function checkBatch(h: Harness, batch: string, count: number, steps: number, ambientContext: boolean): Promise<void> {
  const ofBatch = (e: ClefEvent): boolean =>
    String(e.Item ?? "").startsWith(`item-${batch}-`) || String(e.RequestId ?? "").startsWith(`ray-${batch}-`);
  const expected = count * (2 * steps + 1);
  await waitFor(`${expected} events of batch ${batch}`, () => h.events().filter(ofBatch).length >= expected);
  await settle(); // anything duplicated would arrive now
  const events = h.events().filter(ofBatch);
  assert.equal(events.length, expected, "no event missing or duplicated");
  for (let i = 0; i < count; i++) {
    const id = ray(batch, i);
    const mine = events.filter((e) => e.Item === item(batch, i));
    const explicit = mine.filter((e) => e["@mt"] === "Step {Step} of {Total} for {Item}");
    assert.deepEqual(explicit.map((e) => e.Step).sort(), Array.from({ length: steps }, (_, s) => s + 1));
    for (const e of explicit) {
      assert.equal(e.RequestId, id);
      assert.equal(e.RequestMethod, "GET");
      assert.equal(e.RequestPath, "/work");
      assert.equal(e.App, "fixture");
      assert.equal(e["@l"], undefined); // information
    }
    const ambient = mine.filter((e) => e["@mt"] === "Ambient step {Step} for {Item}");
    assert.deepEqual(ambient.map((e) => e.Step).sort(), Array.from({ length: steps }, (_, s) => s + 1));
    for (const e of ambient) {
      assert.equal(e["@l"], "Debug");
      // With async context the root logger's events carry the request; without
      // it they carry none: never another request's.
      assert.equal(e.RequestId, ambientContext ? id : undefined);
    }
    const http = events.filter((e) => e["@mt"] === HTTP_TEMPLATE && e.RequestId === id);
    assert.equal(http.length, 1);
    assert.equal(http[0].StatusCode, 200);
    assert.equal(http[0].RequestMethod, "GET");
    assert.equal(http[0].RequestPath, "/work");
    assert.equal(typeof http[0].Elapsed, "number");
  }
  for (const e of events) {
    if (e.Item !== undefined && e.RequestId !== undefined) {
      assert.equal(String(e.RequestId).replace("ray-", ""), String(e.Item).replace("item-", ""), "context never leaks across requests");
    }
  }
}

/** workerd's diagnostics about timers, hung requests or cross-request promises (none expected). */
function runtimeWarnings(h: Harness): string[] {
  return h.raw.join("").split("\n").filter((line) =>
    /Disallowed operation|different request context|had hung|canceled this request|uncaught exception/i.test(line) &&
    !line.includes("boom item-t-") // the deliberate throw of the /throw test
  );
}

const SUITE = "Workers adapter in workerd (Miniflare)";

if (skip !== false) {
  // The reason is in the test's name too: bun prints no skip reasons.
  describe(SUITE, () => {
    it(`skipped: ${skip}`, { skip }, () => {});
  });
} else describe(SUITE, () => {
  describe("with nodejs_compat (AsyncLocalStorage found automatically)", () => {
    let h: Harness;
    before(async () => {
      h = await startWorker(["nodejs_compat"], entryModule("{}"));
    });
    after(async () => {
      await h?.dispose();
    });

    it("delivers every event of concurrent requests once, each with its own request context", async () => {
      await sendBatch(h, "a", 24, 4);
      await checkBatch(h, "a", 24, 4, true);
    });

    it("logged at global scope (no timers allowed there): delivered once, by the first request's flush", () => {
      const loaded = h.events().filter((e) => e["@mt"] === "Worker module loaded with {ContextStorage}");
      assert.equal(loaded.length, 1);
      assert.equal(loaded[0].ContextStorage, "async");
    });

    it("keeps working for a second batch (flush leaves the sinks usable)", async () => {
      await sendBatch(h, "b", 24, 3);
      await checkBatch(h, "b", 24, 3, true);
    });

    it("uses crypto.randomUUID() as RequestId without a cf-ray header", async () => {
      const response = await h.fetch("/work?item=item-u-0&steps=1");
      const { requestId } = JSON.parse(await response.text()) as { requestId: string };
      assert.match(requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await waitFor("the request's events", () => h.events().filter((e) => e.RequestId === requestId).length === 3);
    });

    it("takes TraceId/SpanId (CLEF @tr/@sp) from a valid traceparent only: valid, invalid, absent", async () => {
      const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
      const span = "00f067aa0ba902b7";
      const cases: [string, Record<string, string>][] = [
        ["tp-valid", { traceparent: `00-${trace}-${span}-01` }],
        ["tp-zero-span", { traceparent: `00-${trace}-0000000000000000-01` }],
        ["tp-garbage", { traceparent: "not-a-traceparent" }],
        ["tp-absent", {}],
      ];
      for (const [id, headers] of cases) {
        const response = await h.fetch(`/work?item=${id}&steps=1`, { "x-request-id": id, ...headers });
        await response.text();
      }
      await waitFor("the traceparent requests' events", () =>
        cases.every(([id]) => h.events().filter((e) => e.RequestId === id).length === 3));
      for (const [id] of cases) {
        for (const e of h.events().filter((e) => e.RequestId === id)) {
          const expected = id === "tp-valid" ? [trace, span] : [undefined, undefined];
          assert.deepEqual([e["@tr"], e["@sp"]], expected, `${id}: ${e["@mt"]}`);
        }
      }
    });

    it("flushes when the handler throws, logs the error with status 500, and the request fails", async () => {
      const response = await h.fetch("/throw?item=item-t-0", { "cf-ray": "ray-t-0" });
      assert.equal(response.status, 500);
      await response.text();
      await waitFor("the failed request's events", () => h.events().filter((e) => e.RequestId === "ray-t-0").length >= 2);
      await settle();
      const mine = h.events().filter((e) => e.RequestId === "ray-t-0");
      assert.equal(mine.length, 2);
      assert.equal(mine[0]["@mt"], "About to fail for {Item}");
      assert.equal(mine[0]["@l"], "Warning");
      assert.equal(mine[1]["@mt"], HTTP_TEMPLATE);
      assert.equal(mine[1]["@l"], "Error");
      assert.equal(mine[1].StatusCode, 500);
      assert.match(String(mine[1]["@x"]), /boom item-t-0/);
      // workerd reports the uncaught error itself: its diagnostics are captured,
      // so the "no warnings" check below can see them.
      await waitFor("workerd's report of the uncaught error", () => h.raw.join("").includes("boom item-t-0"));
    });

    it("serves metrics in Prometheus text that match what was written", async () => {
      await settle();
      const written = h.events().length;
      const response = await h.fetch("/metrics");
      const text = await response.text();
      assert.match(text, /^logging_metrics_enabled 1$/m);
      const emitted = /^logging_events_emitted_total\{sink="console"\} (\d+)$/m.exec(text);
      assert.ok(emitted, text);
      assert.equal(Number(emitted[1]), written);
      for (const m of text.matchAll(/^logging_events_dropped_total\{[^}]*\} (\S+)$/gm)) assert.equal(m[1], "0");
    });

    it("produces no timer or cross-request warnings from workerd", () => {
      assert.deepEqual(runtimeWarnings(h), []);
    });
  });

  describe("without nodejs_compat", () => {
    let h: Harness;
    before(async () => {
      h = await startWorker([], entryModule("{}"));
    });
    after(async () => {
      await h?.dispose();
    });

    it("loads, and the per-request logger carries the context explicitly", async () => {
      await sendBatch(h, "n", 16, 3);
      await checkBatch(h, "n", 16, 3, false);
      const loaded = h.events().filter((e) => e["@mt"] === "Worker module loaded with {ContextStorage}");
      assert.deepEqual(loaded.map((e) => e.ContextStorage), ["none"]);
    });

    it("keeps working for a second batch", async () => {
      await sendBatch(h, "m", 8, 2);
      await checkBatch(h, "m", 8, 2, false);
      assert.deepEqual(runtimeWarnings(h), []);
    });
  });

  describe("with nodejs_als and AsyncLocalStorage passed in", () => {
    let h: Harness;
    before(async () => {
      h = await startWorker(
        ["nodejs_als"],
        entryModule("{ asyncLocalStorage: AsyncLocalStorage }", `import { AsyncLocalStorage } from "node:async_hooks";`),
      );
    });
    after(async () => {
      await h?.dispose();
    });

    it("carries LogContext across awaits", async () => {
      await sendBatch(h, "s", 12, 3);
      await checkBatch(h, "s", 12, 3, true);
      assert.deepEqual(runtimeWarnings(h), []);
    });
  });

  describe("structured: true (objects for Workers Logs)", () => {
    let h: Harness;
    before(async () => {
      h = await startWorker(["nodejs_compat"], entryModule("{ structured: true }"));
    });
    after(async () => {
      await h?.dispose();
    });

    it("logs each event as an object, with the console method of its level", async () => {
      const response = await h.fetch("/work?item=item-o-0&steps=2&warn=1", { "cf-ray": "ray-o-0" });
      assert.equal(response.status, 200);
      await response.text();
      // 2 explicit + 2 ambient + 1 warning + 1 HTTP event
      const mine = (): StructuredLog[] => h.logs.filter((l) => l.message.includes("ray-o-0"));
      await waitFor("six console calls", () => mine().length >= 6);
      await settle();
      const logs = mine();
      assert.equal(logs.length, 6);
      // Objects, not JSON text: workerd shows them inspected (`'@mt': ...`).
      for (const l of logs) assert.match(l.message, /^\{\s+'@t': '/);
      const levelOf = (fragment: string): string[] => logs.filter((l) => l.message.includes(fragment)).map((l) => l.level);
      assert.deepEqual(levelOf("Step {Step} of"), ["info", "info"]);
      assert.deepEqual(levelOf("Ambient step"), ["debug", "debug"]);
      assert.deepEqual(levelOf("Slow {Item}"), ["warn"]);
      assert.deepEqual(levelOf("responded {StatusCode}"), ["info"]);
    });
  });
});
