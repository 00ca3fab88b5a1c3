/**
 * `httpLogging` from `@logging/core/node` with real Express 5 and with a plain
 * node:http server, on whichever runtime runs the suite (node, bun, deno).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { LogContext } from "../mod.ts";
import { httpLogging, type LoggedRequest } from "../src/adapters/node/mod.ts";
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

function listen(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

/** A plain node:http handler: the same routes as the Express app. */
function plainHandler(c: Capture, hung: http.ServerResponse[]) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? "").split("?")[0];
    const work = /^\/work\/([^/]+)$/.exec(path);
    if (work !== null) {
      const item = work[1];
      (req as LoggedRequest).log.information(EXPLICIT, item);
      await pause(pauseFor(item));
      c.log.information(AMBIENT, item);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ requestId: LogContext.current()?.RequestId }));
    } else if (path === "/fail") {
      await pause(1);
      throw new Error("plain handler exploded");
    } else if (path === "/hang") {
      res.writeHead(200);
      res.write("partial");
      hung.push(res);
    } else if (path === "/silent") {
      hung.push(res); // never answers
    } else if (path === "/health") {
      res.end("ok");
    } else {
      res.statusCode = 404;
      res.end("not found");
    }
  };
}

function expressApp(c: Capture) {
  const app = express();
  app.use(httpLogging(c.log, { skip: ["/health"] }));
  app.get("/work/:item", async (req, res) => {
    const item = req.params.item;
    (req as unknown as LoggedRequest).log.information(EXPLICIT, item);
    await pause(pauseFor(item));
    c.log.information(AMBIENT, item);
    res.json({ requestId: LogContext.current()?.RequestId });
  });
  app.get("/fail", async () => {
    await pause(1);
    throw new Error("express handler exploded");
  });
  app.get("/health", (_req, res) => void res.send("ok"));
  // Quiet error handler (Express's default prints the stack).
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).send("internal error");
  });
  return app;
}

for (const kind of ["node:http", "express"] as const) {
  describe(`httpLogging with ${kind} (${currentRuntime})`, () => {
    let c: Capture;
    let server: { url: string; close(): Promise<void> };
    const hung: http.ServerResponse[] = [];
    before(async () => {
      c = capture();
      const logged = httpLogging(c.log, { skip: ["/health"] });
      const handler = plainHandler(c, hung);
      server = await listen(kind === "express"
        ? http.createServer(expressApp(c))
        : http.createServer((req, res) => logged(req, res, () => handler(req, res))));
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
      for (const [id, traceparent] of [["t-ok", TRACEPARENT], ["t-bad", TRACEPARENT.slice(0, -3)]]) {
        const response = await fetch(`${server.url}/work/t1`, { headers: { "x-request-id": id, traceparent } });
        assert.equal(response.status, 200);
        await response.text();
      }
      await eventually("both completions", () => c.completions().filter((e) => String(e.properties.RequestId).startsWith("t-")).length === 2);
      const ok = c.events.filter((e) => e.properties.RequestId === "t-ok");
      assert.equal(ok.length, 3);
      for (const e of ok) assert.deepEqual([e.properties.TraceId, e.properties.SpanId], [TRACE_ID, SPAN_ID]);
      const bad = c.events.filter((e) => e.properties.RequestId === "t-bad");
      assert.equal(bad.length, 3);
      for (const e of bad) assert.equal(e.properties.TraceId, undefined);
    });

    it("logs a failed request once at error level with status 500", async () => {
      const response = await fetch(`${server.url}/fail`, { headers: { "x-request-id": "e-1" } });
      assert.equal(response.status, 500);
      await response.text();
      await eventually("the failure's completion", () => c.completions().some((e) => e.properties.RequestId === "e-1"));
      await pause(50);
      const mine = c.events.filter((e) => e.properties.RequestId === "e-1");
      assert.equal(mine.length, 1);
      assert.equal(mine[0].level, "error");
      assert.equal(mine[0].properties.StatusCode, 500);
      // The plain wrapper sees the handler's error; Express keeps it to itself.
      if (kind === "node:http") assert.equal(mine[0].error?.message, "plain handler exploded");
    });

    it("skips /health and logs a 404 at warning", async () => {
      assert.equal(await (await fetch(`${server.url}/health`, { headers: { "x-request-id": "h-1" } })).text(), "ok");
      const missing = await fetch(`${server.url}/nowhere`, { headers: { "x-request-id": "h-2" } });
      assert.equal(missing.status, 404);
      await missing.text();
      await eventually("the 404's completion", () => c.completions().some((e) => e.properties.RequestId === "h-2"));
      assert.equal(c.events.filter((e) => e.properties.RequestId === "h-1").length, 0);
      const [done] = c.completions().filter((e) => e.properties.RequestId === "h-2");
      assert.deepEqual([done.level, done.properties.StatusCode], ["warning", 404]);
      assertNoSecrets(c);
    });

    if (kind === "node:http") {
      it("logs a request the client aborted exactly once, marked Aborted", async () => {
        const controller = new AbortController();
        const response = await fetch(`${server.url}/hang`, { headers: { "x-request-id": "a-1" }, signal: controller.signal });
        assert.equal(response.status, 200);
        controller.abort();
        await eventually("the aborted request's completion", () => c.completions().some((e) => e.properties.RequestId === "a-1"));
        for (const res of hung) res.end(); // ending it afterwards logs nothing more
        await pause(100);
        const mine = c.completions().filter((e) => e.properties.RequestId === "a-1");
        assert.equal(mine.length, 1);
        assert.equal(mine[0].properties.Aborted, true);
        assert.equal(mine[0].properties.StatusCode, 200);
      });

      it("logs a request aborted before any response as 499, once", async () => {
        const controller = new AbortController();
        const before = hung.length;
        const pending = fetch(`${server.url}/silent`, { headers: { "x-request-id": "a-2" }, signal: controller.signal });
        await eventually("the server to receive the request", () => hung.length > before);
        controller.abort();
        await assert.rejects(pending);
        await eventually("the aborted request's completion", () => c.completions().some((e) => e.properties.RequestId === "a-2"));
        for (const res of hung) res.end();
        await pause(100);
        const mine = c.completions().filter((e) => e.properties.RequestId === "a-2");
        assert.equal(mine.length, 1);
        assert.deepEqual([mine[0].properties.StatusCode, mine[0].properties.Aborted, mine[0].level], [499, true, "warning"]);
      });
    }
  });
}

describe("httpLogging options", () => {
  it("logs a request once when the middleware is mounted twice", async () => {
    const c = capture();
    const logged = httpLogging(c.log);
    const server = await listen(http.createServer((req, res) =>
      logged(req, res, () => logged(req, res, () => {
        (req as LoggedRequest).log.information("inner");
        res.end("ok");
      }))));
    try {
      assert.equal(await (await fetch(`${server.url}/twice`, { headers: { "x-request-id": "d-1" } })).text(), "ok");
      await eventually("the completion", () => c.completions().length === 1);
      await pause(50);
      assert.deepEqual(c.events.map((e) => [e.template.text === "inner" ? "inner" : "done", e.properties.RequestId]), [["inner", "d-1"], ["done", "d-1"]]);
    } finally {
      await server.close();
    }
  });


  it("rejects wrong options with a TypeError naming the option", () => {
    const c = capture();
    assert.throws(() => httpLogging(c.log, { headers: "cookie" as unknown as string[] }), /httpLogging: options\.headers/);
  });
});
