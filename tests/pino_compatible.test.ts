/**
 * `pinoCompatible`: pino's call shapes over a Logger (every runtime), and
 * real Fastify 5 using it as `loggerInstance` (Node).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { renderTemplate } from "../mod.ts";
import { pinoCompatible } from "../src/adapters/node/mod.ts";
import { currentRuntime } from "./_helpers/runtime.ts";
import { assertNoSecrets, type Capture, capture, COOKIE, eventually, pause, SECRET, SPAN_ID, TRACE_ID, TRACEPARENT } from "./_helpers/http_logging.ts";

describe("pinoCompatible call shapes", () => {
  it("maps levels and interpolates %s %d %i %o %j %% into a structured template", async () => {
    const c = capture("verbose");
    const pino = pinoCompatible(c.log);
    pino.info("plain {not a hole}");
    pino.warn("user %s has %d items, %i whole, %% done, %o, %j", "ada", 3.5, 2.9, { a: 1 }, [1, 2]);
    pino.trace("missing %s %d", "only one");
    pino.fatal({ userId: 7 }, "obj and %s", "message");
    pino.debug({ msg: "from obj" });
    pino.silent("never");
    assert.deepEqual(c.events.map((e) => [e.level, e.template.text]), [
      ["information", "plain {{not a hole}}"],
      ["warning", "user {__0:l} has {__1} items, {__2} whole, % done, {@__3}, {@__4}"],
      ["verbose", "missing {__0:l} %d"],
      ["fatal", "obj and {__0:l}"],
      ["debug", "from obj"],
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(c.events[1].properties)), { __0: "ada", __1: 3.5, __2: 2, __3: { a: 1 }, __4: [1, 2] });
    assert.deepEqual({ ...c.events[3].properties }, { userId: 7, __0: "message" });
    assert.equal(renderTemplate(c.events[0].template, c.events[0].properties), "plain {not a hole}");
    assert.equal(renderTemplate(c.events[1].template, c.events[1].properties), 'user ada has 3.5 items, 2 whole, % done, {"a":1}, [1,2]');
  });

  it("takes an Error as obj or as obj.err as the event's error", () => {
    const c = capture();
    const pino = pinoCompatible(c.log);
    pino.error(new TypeError("bad thing"));
    pino.error({ err: new Error("inner"), code: 42 }, "failed %s", "job");
    pino.error(new RangeError("ranged"), "with message");
    assert.deepEqual(c.events.map((e) => [e.template.text, e.error?.name, e.error?.message]), [
      ["bad thing", "TypeError", "bad thing"],
      ["failed {__0:l}", "Error", "inner"],
      ["with message", "RangeError", "ranged"],
    ]);
    assert.deepEqual({ ...c.events[1].properties }, { code: 42, __0: "job" });
  });

  it("child(bindings, { level, serializers }) adds properties, filters, and serializes; level is settable", () => {
    const c = capture("verbose");
    const pino = pinoCompatible(c.log);
    assert.equal(pino.level, "trace");
    const child = pino.child({ module: "db", user: { id: 1, password: "p" } }, {
      level: "warn",
      serializers: { user: (u: { id: number }) => ({ id: u.id }) },
    });
    child.info("filtered out");
    child.warn({ user: { id: 2, password: "q" } }, "kept");
    assert.equal(child.level, "warn");
    assert.equal(child.isLevelEnabled("info"), false);
    assert.equal(child.isLevelEnabled("error"), true);
    const grandchild = child.child({ step: 1 });
    grandchild.error("from grandchild");
    pino.level = "silent";
    pino.fatal("silenced");
    assert.equal(pino.level, "silent");
    assert.deepEqual(c.events.map((e) => [e.template.text, JSON.parse(JSON.stringify(e.properties))]), [
      ["kept", { module: "db", user: { id: 2 } }],
      ["from grandchild", { module: "db", user: { id: 1 }, step: 1 }],
    ]);
  });

  it("never captures a raw req/res whole, and never throws", () => {
    const c = capture();
    const pino = pinoCompatible(c.log);
    const req = { method: "GET", url: "/x", headers: { authorization: SECRET } };
    pino.info({ req, res: { statusCode: 204, headers: { "set-cookie": COOKIE } } }, "done");
    const hostile = {
      get boom(): never {
        throw new Error("getter");
      },
    };
    assert.doesNotThrow(() => pino.info(hostile, "hostile %s", Object.create(null)));
    assert.doesNotThrow(() => pino.child(null as never, 5 as never).info(undefined as never));
    assert.deepEqual(JSON.parse(JSON.stringify(c.events[0].properties)), { req: { method: "GET", url: "/x" }, res: { statusCode: 204 } });
    assertNoSecrets(c);
    assert.throws(() => pinoCompatible({} as never), /pinoCompatible: log must be a Logger/);
  });
});

const skip = currentRuntime === "node" ? false : `Fastify is tested on Node; this is ${currentRuntime}`;

describe("Fastify 5 with pinoCompatible as loggerInstance", { skip }, () => {
  let c: Capture;
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    if (skip !== false) return;
    c = capture();
    const { default: Fastify } = await import("fastify");
    const pino = pinoCompatible(c.log);
    const app = Fastify({ loggerInstance: pino, childLoggerFactory: pino.childLoggerFactory });
    app.get<{ Params: { item: string } }>("/work/:item", async (request) => {
      const item = request.params.item;
      request.log.info({ Item: item }, "Working on %s", item);
      await pause(Number(item.replace(/\D/g, "")) % 7);
      return { ok: true };
    });
    app.get("/fail", async () => {
      throw new Error("fastify handler exploded");
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
  });
  after(async () => {
    await close?.();
  });

  it("logs Fastify's request events and request.log calls for 200 concurrent requests, each with its own context", async () => {
    const count = 200;
    const statuses = await Promise.all(Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${url}/work/w${i}`, { headers: { "x-request-id": `req-${i}`, authorization: SECRET, cookie: COOKIE } });
      await response.text();
      return response.status;
    }));
    assert.deepEqual(new Set(statuses), new Set([200]));
    const completed = () => c.events.filter((e) => e.template.text === "request completed");
    await eventually("200 'request completed' events", () => completed().length >= count);
    await pause(50);
    assert.equal(completed().length, count, "each request completed once");
    for (let i = 0; i < count; i++) {
      const mine = c.events.filter((e) => e.properties.RequestId === `req-${i}`);
      assert.deepEqual(mine.map((e) => e.template.text), ["incoming request", "Working on {__0:l}", "request completed"]);
      const reqIds = new Set(mine.map((e) => e.properties.reqId));
      assert.equal(reqIds.size, 1, "Fastify's reqId binding on every event");
      for (const e of mine) {
        assert.equal(e.properties.RequestPath, `/work/w${i}`);
        assert.equal(e.properties.RequestMethod, "GET");
      }
      const [incoming, working, done] = mine;
      assert.equal((incoming.properties.req as Record<string, unknown>).url, `/work/w${i}`);
      assert.equal(working.properties.Item, `w${i}`);
      assert.equal((done.properties.res as Record<string, unknown>).statusCode, 200);
      assert.equal(typeof done.properties.responseTime, "number");
    }
    assertNoSecrets(c);
  });

  it("honours traceparent on request.log, and logs a handler's error with Fastify's error event", async () => {
    const traced = await fetch(`${url}/work/t1`, { headers: { "x-request-id": "t-1", traceparent: TRACEPARENT } });
    assert.equal(traced.status, 200);
    await traced.text();
    const failed = await fetch(`${url}/fail`, { headers: { "x-request-id": "f-1" } });
    assert.equal(failed.status, 500);
    await failed.text();
    await eventually("both requests completed", () =>
      c.events.some((e) => e.properties.RequestId === "t-1" && e.template.text === "request completed") &&
      c.events.some((e) => e.properties.RequestId === "f-1" && e.template.text === "request completed"));
    for (const e of c.events.filter((e) => e.properties.RequestId === "t-1")) {
      assert.deepEqual([e.properties.TraceId, e.properties.SpanId], [TRACE_ID, SPAN_ID]);
    }
    const failure = c.events.filter((e) => e.properties.RequestId === "f-1" && e.error !== undefined);
    assert.ok(failure.length >= 1);
    assert.equal(failure[0].level, "error");
    assert.equal(failure[0].error?.message, "fastify handler exploded");
  });
});
