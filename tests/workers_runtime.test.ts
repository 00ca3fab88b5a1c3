/**
 * The Workers adapter's parts outside workerd (runs on node, deno and bun):
 * console writers, structured output, scheduler, env, AsyncLocalStorage
 * wiring and `withLogging`. tests/workers.test.ts runs it in real workerd.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { clefFormatter, consoleSink, type LogEvent, LoggerConfiguration, memorySink } from "../mod.ts";
import { type ConsoleLike, type ExecutionContextLike, withLogging, workersRuntime } from "../src/adapters/workers/mod.ts";

type Call = [method: keyof ConsoleLike, value: unknown];

function fakeConsole(): ConsoleLike & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    log: (v) => calls.push(["log", v]),
    debug: (v) => calls.push(["debug", v]),
    info: (v) => calls.push(["info", v]),
    warn: (v) => calls.push(["warn", v]),
    error: (v) => calls.push(["error", v]),
  };
}

function fakeContext(): ExecutionContextLike & { waited: Promise<unknown>[] } {
  const waited: Promise<unknown>[] = [];
  return { waited, waitUntil: (p) => void waited.push(p) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("workersRuntime", () => {
  it("is a runtime named workers, without a file system or shutdown hooks", () => {
    const runtime = workersRuntime({ console: fakeConsole() });
    assert.equal(runtime.name, "workers");
    assert.equal(runtime.fs, undefined);
    assert.equal(runtime.onShutdown, undefined);
  });

  it("writes text one console call per line: stdout to console.log, stderr to console.error", () => {
    const con = fakeConsole();
    const runtime = workersRuntime({ console: con });
    runtime.stdout.write("first\nsecond\r\n\nthird\n");
    runtime.stderr.write(new TextEncoder().encode("oops\n"));
    runtime.stdout.writeSync?.("sync\n");
    assert.deepEqual(con.calls, [["log", "first"], ["log", "second"], ["log", "third"], ["error", "oops"], ["log", "sync"]]);
  });

  it("writes one console call per write with consoleCalls: batch", () => {
    const con = fakeConsole();
    const runtime = workersRuntime({ console: con, consoleCalls: "batch" });
    runtime.stdout.write("a\nb\n");
    runtime.stdout.write("");
    assert.deepEqual(con.calls, [["log", "a\nb"]]);
  });

  it("with structured: true logs JSON lines as objects, with the console method of their level", () => {
    const con = fakeConsole();
    const runtime = workersRuntime({ console: con, structured: true });
    runtime.stdout.write(
      '{"@t":"2026-01-01T00:00:00.000Z","@mt":"Hi {N}","N":1}\n' +
        '{"@mt":"d","@l":"Debug"}\n{"@mt":"v","@l":"Verbose"}\n{"@mt":"w","@l":"Warning"}\n' +
        '{"msg":"no level"}\n{"level":"warn","msg":"pino-ish"}\nplain text\n{not json\n[1,2]\n',
    );
    runtime.stderr.write('{"@mt":"e","@l":"Error"}\n{"@mt":"f","@l":"Fatal"}\n{"@mt":"no level on stderr"}\n');
    assert.deepEqual(con.calls, [
      ["info", { "@t": "2026-01-01T00:00:00.000Z", "@mt": "Hi {N}", N: 1 }],
      ["debug", { "@mt": "d", "@l": "Debug" }],
      ["debug", { "@mt": "v", "@l": "Verbose" }],
      ["warn", { "@mt": "w", "@l": "Warning" }],
      ["log", { msg: "no level" }],
      ["warn", { level: "warn", msg: "pino-ish" }],
      ["log", "plain text"],
      ["log", "{not json"],
      ["log", "[1,2]"],
      ["error", { "@mt": "e", "@l": "Error" }],
      ["error", { "@mt": "f", "@l": "Fatal" }],
      ["error", { "@mt": "no level on stderr" }],
    ]);
  });

  it("feeds a CLEF console sink's events to Workers Logs as objects", async () => {
    const con = fakeConsole();
    const log = new LoggerConfiguration({ runtime: workersRuntime({ console: con, structured: true }) })
      .writeTo(consoleSink({ formatter: clefFormatter({ eventId: false }) }))
      .createLogger();
    log.information("User {UserId} signed in", 42);
    log.warning("Disk {Pct}% full", 93);
    log.error("Failed {Op}", "save");
    await log.flush();
    const methods = con.calls.map(([m]) => m);
    assert.deepEqual(methods, ["info", "warn", "error"]);
    const first = con.calls[0][1] as Record<string, unknown>;
    assert.equal(first["@mt"], "User {UserId} signed in");
    assert.equal(first.UserId, 42);
  });

  it("never colours console output (the Workers log viewer shows escape codes verbatim)", async () => {
    const con = fakeConsole();
    const log = new LoggerConfiguration({ runtime: workersRuntime({ console: con }) })
      .writeTo(consoleSink({ outputTemplate: "{Level:u3} {Message}{NewLine}" }))
      .createLogger();
    log.warning("careful");
    await log.flush();
    assert.deepEqual(con.calls, [["log", 'WRN careful']]);
  });

  it("schedules with setTimeout and reads time from Date.now", async () => {
    const { scheduler } = workersRuntime({ console: fakeConsole() });
    const before = Date.now();
    assert.ok(scheduler.now() >= before && scheduler.wallClock() >= before);
    const fired = await new Promise<boolean>((resolve) => {
      scheduler.setTimeout(() => resolve(true), 1);
    });
    assert.equal(fired, true);
    let cancelledFired = false;
    const id = scheduler.setTimeout(() => (cancelledFired = true), 5);
    scheduler.clearTimeout(id);
    scheduler.clearTimeout(undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(cancelledFired, false);
  });

  it("reads string variables from the env option", () => {
    const runtime = workersRuntime({ console: fakeConsole(), env: { NO_COLOR: "1", KV: { get() {} } } });
    assert.equal(runtime.env?.("NO_COLOR"), "1");
    assert.equal(runtime.env?.("KV"), undefined);
  });

  it("uses an injected AsyncLocalStorage, and none with asyncLocalStorage: false", async () => {
    const withAls = workersRuntime({ console: fakeConsole(), asyncLocalStorage: AsyncLocalStorage });
    const storage = withAls.contextStorage;
    assert.ok(storage);
    const seen = await storage.run({ RequestId: "r1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return storage.get();
    });
    assert.deepEqual(seen, { RequestId: "r1" });
    assert.equal(storage.get(), undefined);
    assert.equal(workersRuntime({ console: fakeConsole(), asyncLocalStorage: false }).contextStorage, undefined);
  });

  it("finds AsyncLocalStorage through process.getBuiltinModule where it exists (Workers with nodejs_compat)", () => {
    const p = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;
    const runtime = workersRuntime({ console: fakeConsole() });
    if (typeof p?.getBuiltinModule === "function") assert.ok(runtime.contextStorage);
  });
});

describe("withLogging", () => {
  function setup(options: { logRequests?: boolean } = {}) {
    const sink = memorySink();
    const runtime = workersRuntime({ console: fakeConsole(), asyncLocalStorage: AsyncLocalStorage });
    const log = new LoggerConfiguration({ runtime }).writeTo(sink).createLogger();
    return { sink, log, options };
  }
  const props = (e: LogEvent): Record<string, unknown> => ({ ...e.properties });

  it("runs the handler in the request's context and flushes through ctx.waitUntil", async () => {
    const { sink, log } = setup();
    const ctx = fakeContext();
    const fetch = withLogging(log, async (request: Request, _env: unknown, _ctx: ExecutionContextLike, reqLog) => {
      log.information("ambient");
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.information("ambient after await");
      reqLog.information("explicit {N}", 1);
      return new Response("ok", { status: 201 });
    });
    const request = new Request("https://example.com/users/42?x=1", { method: "POST", headers: { "cf-ray": "8a1b-SJC" } });
    const response = await fetch(request, {}, ctx);
    assert.equal(response.status, 201);
    assert.equal(ctx.waited.length, 1);
    await ctx.waited[0];
    assert.deepEqual(sink.events.map((e) => e.template.text), ["ambient", "ambient after await", "explicit {N}"]);
    for (const e of sink.events) {
      assert.equal(e.properties.RequestId, "8a1b-SJC");
      assert.equal(e.properties.RequestMethod, "POST");
      assert.equal(e.properties.RequestPath, "/users/42");
    }
  });

  it("logs nothing itself by default, and one event per request with logRequests", async () => {
    const quiet = setup();
    await withLogging(quiet.log, () => new Response("ok"))(new Request("https://x/"), {}, fakeContext());
    await quiet.log.flush();
    assert.equal(quiet.sink.events.length, 0);

    const { sink, log } = setup();
    const fetch = withLogging(log, (request: Request) =>
      new Response("", { status: Number(new URL(request.url).pathname.slice(1)) }), { logRequests: true });
    await fetch(new Request("https://x/200"), {}, fakeContext());
    await fetch(new Request("https://x/404"), {}, fakeContext());
    await fetch(new Request("https://x/503"), {}, fakeContext());
    await log.flush();
    const T = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
    assert.deepEqual(sink.events.map((e) => [e.level, e.template.text, e.properties.StatusCode, e.properties.RequestPath]), [
      ["information", T, 200, "/200"],
      ["warning", T, 404, "/404"],
      ["error", T, 503, "/503"],
    ]);
    assert.equal(typeof sink.events[0].properties.Elapsed, "number");
  });

  it("schedules the flush and rethrows when the handler throws", async () => {
    const { sink, log } = setup();
    const ctx = fakeContext();
    const boom = new Error("boom");
    const fetch = withLogging(log, async (_r: Request, _e: unknown, _c: ExecutionContextLike, reqLog) => {
      reqLog.warning("about to fail");
      await Promise.resolve();
      throw boom;
    }, { logRequests: true });
    await assert.rejects(fetch(new Request("https://x/fail", { headers: { "cf-ray": "r-9" } }), {}, ctx), (e) => e === boom);
    assert.equal(ctx.waited.length, 1);
    await ctx.waited[0];
    assert.deepEqual(sink.events.map((e) => [e.level, e.properties.RequestId]), [["warning", "r-9"], ["error", "r-9"]]);
    assert.equal(sink.events[1].properties.StatusCode, 500);
    assert.match(sink.events[1].error?.message ?? "", /boom/);
  });

  it("makes a RequestId with crypto.randomUUID() without the header; honours requestIdHeader and properties", async () => {
    const { sink, log } = setup();
    const handler = (_r: Request, _e: unknown, _c: ExecutionContextLike, reqLog: typeof log) => {
      reqLog.information("hi");
      return new Response("ok");
    };
    await withLogging(log, handler)(new Request("https://x/a"), {}, fakeContext());
    await withLogging(log, handler, {
      requestIdHeader: "x-request-id",
      properties: (r) => ({ UserAgent: r.headers.get("user-agent"), RequestId: "ignored" }),
    })(new Request("https://x/b", { headers: { "x-request-id": "mine", "user-agent": "ua/1" } }), {}, fakeContext());
    await log.flush();
    assert.match(String(sink.events[0].properties.RequestId), UUID);
    assert.deepEqual(props(sink.events[1]), { RequestId: "mine", RequestMethod: "GET", RequestPath: "/b", UserAgent: "ua/1" });
  });

  it("takes the id from x-request-id before cf-ray, and TraceId/SpanId from a valid traceparent only", async () => {
    const { sink, log } = setup();
    const fetch = withLogging(log, (_r: Request, _e: unknown, _c: ExecutionContextLike, reqLog) => {
      reqLog.information("in");
      return new Response("ok");
    });
    const trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await fetch(new Request("https://x/a", { headers: { "x-request-id": "xr-1", "cf-ray": "ray-1", traceparent: trace } }), {}, fakeContext());
    await fetch(new Request("https://x/b", { headers: { "cf-ray": "ray-2", traceparent: trace.replace("00f067aa0ba902b7", "0000000000000000") } }), {}, fakeContext());
    await log.flush();
    assert.deepEqual(props(sink.events[0]), {
      RequestId: "xr-1", RequestMethod: "GET", RequestPath: "/a",
      TraceId: "4bf92f3577b34da6a3ce929d0e0e4736", SpanId: "00f067aa0ba902b7",
    });
    assert.deepEqual(props(sink.events[1]), { RequestId: "ray-2", RequestMethod: "GET", RequestPath: "/b" });
  });

  it("rejects wrong options with a TypeError naming the option", () => {
    const { log } = setup();
    const ok = () => new Response("ok");
    assert.throws(() => withLogging(log, ok, { logRequests: "yes" as unknown as boolean }), /withLogging: options\.logRequests/);
    assert.throws(() => withLogging(log, ok, { skip: [42 as unknown as string] }), /withLogging: options\.skip/);
    assert.throws(() => withLogging(log, ok, { levels: { clientError: "loud" as "error" } }), /withLogging: options\.levels\.clientError/);
  });

  it("awaits the flush itself when there is no ctx.waitUntil", async () => {
    const { sink, log } = setup();
    const fetch = withLogging(log, (_r: Request, _e: unknown, _c: ExecutionContextLike, reqLog) => {
      reqLog.information("no ctx");
      return new Response("ok");
    });
    await fetch(new Request("https://x/"), {}, undefined as unknown as ExecutionContextLike);
    assert.equal(sink.events.length, 1);
  });
});
