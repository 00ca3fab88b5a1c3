/**
 * `@logging/core/hono` with real Hono behind the runtime's own server:
 * @hono/node-server on Node, Deno.serve on Deno, Bun.serve on Bun. (Workers:
 * tests/hono_workers.test.ts.)
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { LogContext, REQUEST_COMPLETED_TEMPLATE } from "../mod.ts";
import { logging, type LoggingEnv } from "../src/adapters/hono/mod.ts";
import { currentRuntime } from "./_helpers/runtime.ts";
import {
  AMBIENT,
  assertNoSecrets,
  type Capture,
  capture,
  checkConcurrent,
  eventually,
  EXPLICIT,
  pause,
  pauseFor,
  sendConcurrent,
  SPAN_ID,
  TRACE_ID,
  TRACEPARENT,
} from "./_helpers/http_logging.ts";

interface Served {
  readonly url: string;
  close(): Promise<void>;
}

type FetchFn = (request: Request) => Response | Promise<Response>;

interface DenoServe {
  serve(options: { port: number; hostname: string; onListen?: () => void }, handler: FetchFn): {
    addr: { port: number };
    shutdown(): Promise<void>;
  };
}
interface BunServe {
  serve(options: { port: number; hostname: string; fetch: FetchFn }): { port: number; stop(force?: boolean): Promise<void> | void };
}

/** Serves `fetch` with the current runtime's HTTP server on a random loopback port. */
async function serve(fetch: FetchFn): Promise<Served> {
  const g = globalThis as unknown as { Deno?: DenoServe; Bun?: BunServe };
  if (currentRuntime === "deno" && g.Deno !== undefined) {
    const server = g.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, fetch);
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  if (currentRuntime === "bun" && g.Bun !== undefined) {
    const server = g.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch });
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
  }
  const { serve: nodeServe } = await import("@hono/node-server");
  return new Promise((resolve) => {
    const server = nodeServe({ fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

function makeApp(c: Capture) {
  const app = new Hono<LoggingEnv>();
  app.use(logging(c.log, { skip: ["/health"] }));
  // Hono's default handler prints the error; the event is what matters here.
  app.onError((error, ctx) => error instanceof HTTPException ? error.getResponse() : ctx.text("internal error", 500));
  app.get("/work/:item", async (ctx) => {
    const item = ctx.req.param("item");
    ctx.get("log").information(EXPLICIT, item);
    await pause(pauseFor(item));
    c.log.information(AMBIENT, item);
    return ctx.json({ requestId: LogContext.current()?.RequestId });
  });
  app.get("/health", (ctx) => {
    ctx.get("log").information("health probe");
    return ctx.text("ok");
  });
  app.get("/fail", async () => {
    await pause(1);
    throw new Error("handler exploded");
  });
  app.get("/teapot", () => {
    throw new HTTPException(418, { message: "short and stout" });
  });
  return app;
}

describe(`Hono logging middleware (${currentRuntime})`, () => {
  let c: Capture;
  let server: Served;
  before(async () => {
    c = capture();
    server = await serve(makeApp(c).fetch);
  });
  after(async () => {
    await server?.close();
  });

  it("logs each of 200 concurrent requests once, with its own context, and no header", async () => {
    await sendConcurrent(server.url, 200);
    await eventually("200 completions", () => c.completions().length >= 200);
    checkConcurrent(c, 200);
  });

  it("honours a valid traceparent and ignores an invalid one", async () => {
    for (const [id, traceparent] of [["t-ok", TRACEPARENT], ["t-bad", TRACEPARENT.replace(/^00/, "01")]]) {
      const response = await fetch(`${server.url}/work/t1`, { headers: { "x-request-id": id, traceparent } });
      assert.equal(response.status, 200);
      await response.text();
    }
    await eventually("both completions", () => c.completions().filter((e) => String(e.properties.RequestId).startsWith("t-")).length === 2);
    const ok = c.events.filter((e) => e.properties.RequestId === "t-ok");
    const bad = c.events.filter((e) => e.properties.RequestId === "t-bad");
    assert.equal(ok.length, 3);
    for (const e of ok) assert.deepEqual([e.properties.TraceId, e.properties.SpanId], [TRACE_ID, SPAN_ID]);
    assert.equal(bad.length, 3);
    for (const e of bad) assert.deepEqual([e.properties.TraceId, e.properties.SpanId], [undefined, undefined]);
  });

  it("logs a thrown error at error level with status 500, and an HTTPException by its status", async () => {
    const failed = await fetch(`${server.url}/fail`, { headers: { "x-request-id": "e-1" } });
    assert.equal(failed.status, 500);
    await failed.text();
    const teapot = await fetch(`${server.url}/teapot`, { headers: { "x-request-id": "e-2" } });
    assert.equal(teapot.status, 418);
    await teapot.text();
    await eventually("error completions", () => c.completions().filter((e) => String(e.properties.RequestId).startsWith("e-")).length === 2);
    const [fail] = c.completions().filter((e) => e.properties.RequestId === "e-1");
    assert.equal(fail.level, "error");
    assert.equal(fail.properties.StatusCode, 500);
    assert.equal(fail.error?.message, "handler exploded");
    const [tea] = c.completions().filter((e) => e.properties.RequestId === "e-2");
    assert.equal(tea.level, "warning");
    assert.equal(tea.properties.StatusCode, 418);
    assert.equal(tea.error?.message, "short and stout");
  });

  it("skips the completion event of /health, whose handler still has a request logger", async () => {
    const response = await fetch(`${server.url}/health`, { headers: { "x-request-id": "h-1" } });
    assert.equal(await response.text(), "ok");
    const notFound = await fetch(`${server.url}/nowhere`, { headers: { "x-request-id": "h-2" } });
    assert.equal(notFound.status, 404);
    await notFound.text();
    await eventually("the 404's completion", () => c.completions().some((e) => e.properties.RequestId === "h-2"));
    assert.deepEqual(c.events.filter((e) => e.properties.RequestId === "h-1").map((e) => e.template.text), ["health probe"]);
    const [missing] = c.completions().filter((e) => e.properties.RequestId === "h-2");
    assert.deepEqual([missing.level, missing.properties.StatusCode, missing.properties.RequestPath], ["warning", 404, "/nowhere"]);
    assertNoSecrets(c);
  });
});

describe("Hono logging middleware without a server (app.request)", () => {
  it("completes and rethrows when the handler throws a non-Error", async () => {
    const c = capture();
    const app = new Hono<LoggingEnv>();
    app.use(logging(c.log));
    app.get("/odd", () => {
      throw "not an error object";
    });
    await assert.rejects(Promise.resolve(app.request("/odd")), (e) => e === "not an error object");
    const [done] = c.completions();
    assert.equal(done.template.text, REQUEST_COMPLETED_TEMPLATE);
    assert.equal(done.level, "error");
    assert.match(done.error?.message ?? "", /not an error object/);
  });

  it("flushes through executionCtx.waitUntil when Hono has one (Workers), and not otherwise", async () => {
    const c = capture();
    const app = new Hono<LoggingEnv>();
    app.use(logging(c.log));
    app.get("/", (ctx) => ctx.text("ok"));
    const waited: Promise<unknown>[] = [];
    const response = await app.fetch(new Request("http://x/"), {}, { waitUntil: (p: Promise<unknown>) => void waited.push(p), passThroughOnException: () => {}, props: {} });
    assert.equal(response.status, 200);
    assert.equal(waited.length, 1);
    await waited[0];
    assert.equal((await app.request("/")).status, 200);
    assert.equal(waited.length, 1);
    assert.equal(c.completions().length, 2);
  });

  it("rejects wrong options with a TypeError naming the option", () => {
    const c = capture();
    assert.throws(() => logging(c.log, { skip: "/health" as unknown as string[] }), /logging: options\.skip/);
    assert.throws(() => logging(undefined as never), /logging: log must be a Logger/);
  });
});
