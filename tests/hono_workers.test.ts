/**
 * `@logging/core/hono` with real Hono in real workerd, through Miniflare: the
 * compiled library and tests/workers_hono/hono_worker.js, with Hono's own ESM
 * files from node_modules as modules (a module named `hono` beside the
 * fixture re-exports their entry). Runs only compiled on Node >= 22, like tests/workers.test.ts.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type EsModule, exists, libraryModules, loadMiniflare, type MiniflareClass, type MiniflareLike, miniflareUnsupported, root } from "./_helpers/workerd_modules.ts";

const TEMPLATE = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN_ID = "00f067aa0ba902b7";
const SECRET = "Bearer sekret-token-5f3c";

interface StructuredLog {
  level: string;
  message: string;
}
type ClefEvent = Record<string, unknown> & { "@mt": string };

async function whySkip(): Promise<string | undefined> {
  const unsupported = miniflareUnsupported();
  if (unsupported !== undefined) return unsupported;
  if (import.meta.url.endsWith(".ts")) return "workerd loads the compiled JavaScript: run build/test/tests/hono_workers.test.js";
  if (!(await exists(join(root, "tests/workers_hono/hono_worker.js")))) return `compiled modules not found under ${root}`;
  return undefined;
}

const { Miniflare, skip } = await loadMiniflare<MiniflareClass>(await whySkip());

/**
 * Hono's ESM build as modules under build/test/node_modules/hono/dist, plus
 * the module the fixture's `import "hono"` names: workerd resolves a bare
 * specifier next to the importing module.
 */
async function honoModules(): Promise<EsModule[]> {
  const dist = dirname(fileURLToPath(import.meta.resolve("hono")));
  const modules: EsModule[] = [{
    type: "ESModule",
    path: join(root, "tests/workers_hono/hono"),
    contents: `export * from "../../node_modules/hono/dist/index.js";\n`,
  }];
  for (const entry of await readdir(dist, { recursive: true })) {
    if (!entry.endsWith(".js") || entry.startsWith("cjs") || entry.startsWith("types")) continue;
    modules.push({ type: "ESModule", path: join(root, "node_modules/hono/dist", entry), contents: await readFile(join(dist, entry), "utf8") });
  }
  return modules;
}

function clefEvents(logs: readonly StructuredLog[]): ClefEvent[] {
  const events: ClefEvent[] = [];
  for (const log of logs) {
    for (const line of log.message.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        const value = JSON.parse(line) as ClefEvent;
        if (typeof value["@mt"] === "string") events.push(value);
      } catch {
        // not an event
      }
    }
  }
  return events;
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const SUITE = "Hono logging middleware in workerd (Miniflare)";

if (skip !== false) {
  describe(SUITE, () => {
    it(`skipped: ${skip}`, { skip }, () => {});
  });
} else describe(SUITE, () => {
  let mf: MiniflareLike;
  const logs: StructuredLog[] = [];
  const events = (): ClefEvent[] => clefEvents(logs);
  before(async () => {
    if (Miniflare === undefined) throw new Error("miniflare is not loaded");
    const entry: EsModule = {
      type: "ESModule",
      path: join(root, "__hono_entry.js"),
      contents: `import { makeApp } from "./tests/workers_hono/hono_worker.js";\nexport default makeApp();\n`,
    };
    mf = new Miniflare({
      modules: [entry, ...(await libraryModules(["src/adapters/hono", "tests/workers_hono"])), ...(await honoModules())],
      modulesRoot: root,
      compatibilityDate: "2026-07-30",
      compatibilityFlags: ["nodejs_compat"],
      cf: false,
      handleStructuredLogs: (log: StructuredLog): void => {
        logs.push(log);
      },
    });
    await mf.ready;
  });
  after(async () => {
    await mf?.dispose();
  });

  it("logs each of 200 concurrent requests once, with its own context, flushed through waitUntil, no header", async () => {
    const count = 200;
    const responses = await Promise.all(Array.from({ length: count }, async (_, i) => {
      const response = await mf.dispatchFetch(`http://localhost/work/w${i}`, {
        headers: { "x-request-id": `req-${i}`, authorization: SECRET, "cf-ray": `ray-${i}` },
      });
      return { status: response.status, body: await response.text() };
    }));
    for (let i = 0; i < count; i++) {
      assert.equal(responses[i].status, 200);
      assert.equal(JSON.parse(responses[i].body).requestId, `req-${i}`);
    }
    const ofWork = (): ClefEvent[] => events().filter((e) => String(e.RequestPath ?? "").startsWith("/work/"));
    await waitFor(`${count * 3} events`, () => ofWork().length >= count * 3);
    await new Promise((resolve) => setTimeout(resolve, 300)); // duplicates would arrive now
    const work = ofWork();
    assert.equal(work.length, count * 3);
    for (let i = 0; i < count; i++) {
      const mine = work.filter((e) => e.RequestId === `req-${i}`);
      assert.deepEqual(mine.map((e) => e["@mt"]).sort(), ["Ambient after await for {Item}", "Working on {Item}", TEMPLATE].sort());
      for (const e of mine) {
        assert.equal(e.RequestPath, `/work/w${i}`);
        if (e.Item !== undefined) assert.equal(e.Item, `w${i}`);
      }
      const [done] = mine.filter((e) => e["@mt"] === TEMPLATE);
      assert.equal(done.StatusCode, 200);
      assert.equal(done["@l"], undefined); // information
    }
    assert.ok(!logs.some((l) => l.message.includes("sekret")), "no header leaked");
  });

  it("honours traceparent, logs a thrown error at error level, skips /health", async () => {
    const traced = await mf.dispatchFetch("http://localhost/work/t1", {
      headers: { "x-request-id": "t-1", traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` },
    });
    assert.equal(traced.status, 200);
    await traced.text();
    const failed = await mf.dispatchFetch("http://localhost/fail", { headers: { "x-request-id": "f-1" } });
    assert.equal(failed.status, 500);
    await failed.text();
    const health = await mf.dispatchFetch("http://localhost/health", { headers: { "x-request-id": "h-1" } });
    assert.equal(await health.text(), "ok");
    await waitFor("the traced and failed requests' events", () =>
      events().filter((e) => e.RequestId === "t-1").length === 3 && events().some((e) => e.RequestId === "f-1"));
    for (const e of events().filter((e) => e.RequestId === "t-1")) {
      assert.deepEqual([e["@tr"], e["@sp"]], [TRACE_ID, SPAN_ID], "CLEF carries the trace context as @tr/@sp");
    }
    const [fail] = events().filter((e) => e.RequestId === "f-1");
    assert.equal(fail["@mt"], TEMPLATE);
    assert.equal(fail["@l"], "Error");
    assert.equal(fail.StatusCode, 500);
    assert.match(String(fail["@x"]), /worker handler exploded/);
    assert.equal(events().filter((e) => e.RequestId === "h-1").length, 0);
  });
});
