import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { type ContextStorage, LogContext, LoggerConfiguration, type LogProperties, SelfLog } from "../mod.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";
import { assertInheritsNothing } from "./_helpers/inherits_nothing.ts";

function setup(configure?: (c: LoggerConfiguration) => LoggerConfiguration) {
  const runtime = manualRuntime();
  const sink = recordingSink();
  let config = new LoggerConfiguration({ runtime }).minimumLevel("verbose");
  if (configure) config = configure(config);
  const log = config.writeTo(sink, { queue: false }).createLogger();
  return { log, sink, runtime };
}

describe("levels", () => {
  it("gates by minimum level and swaps disabled levels for one shared no-op", () => {
    const runtime = manualRuntime();
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).minimumLevel("warning").writeTo(sink, { queue: false }).createLogger();
    log.verbose("v");
    log.debug("d");
    log.information("i");
    log.warning("w");
    log.error("e");
    log.fatal("f");
    assert.deepEqual(sink.events.map((e) => e.level), ["warning", "error", "fatal"]);
    assert.equal(log.verbose, log.debug);
    assert.equal(log.debug, log.information);
    assert.notEqual(log.warning, log.information);
    assert.equal(log.info, log.information);
    assert.equal(log.warn, log.warning);
    assert.equal(log.isEnabled("information"), false);
    assert.equal(log.isEnabled("error"), true);
  });

  it("defaults to information and rejects unknown levels at configuration time", () => {
    const { log } = setup((c) => c.minimumLevel("information"));
    assert.equal(log.isEnabled("debug"), false);
    assert.throws(() => new LoggerConfiguration().minimumLevel("loud" as "debug"), /Unknown log level "loud"/);
    assert.doesNotThrow(() => new LoggerConfiguration().minimumLevel("warn" as "warning"));
  });

  it("applies minimumLevelOverride by SourceContext prefix on a namespace boundary", () => {
    const { log, sink } = setup((c) => c.minimumLevel("debug").minimumLevelOverride("Db", "warning"));
    log.forContext("SourceContext", "Db").information("hidden");
    log.forContext("SourceContext", "Db.Queries").information("hidden too");
    log.forContext("SourceContext", "Dbx").information("shown");
    log.forContext("SourceContext", "Db").warning("shown too");
    log.debug("root debug");
    assert.deepEqual(sink.messages(), ["shown", "shown too", "root debug"]);
  });
});

describe("call shapes", () => {
  it("binds template values and keeps extra values as __N", () => {
    const { log, sink, runtime } = setup();
    log.information("User {UserId} logged in from {@Client}", 42, { ip: "10.0.0.1" }, "extra");
    const e = sink.events[0];
    assert.equal(e.template.text, "User {UserId} logged in from {@Client}");
    assert.equal(e.properties.UserId, 42);
    assert.deepEqual({ ...(e.properties.Client as object) }, { ip: "10.0.0.1" });
    assert.equal(e.properties.__2, "extra");
    assert.equal(e.level, "information");
    assert.equal(e.timestamp, runtime.scheduler.wallClock());
  });

  it("takes an error first", () => {
    const { log, sink } = setup();
    const cause = new Error("socket closed");
    log.error(new TypeError("declined", { cause }), "Payment {PaymentId} failed", "p-1");
    const e = sink.events[0];
    assert.equal(e.properties.PaymentId, "p-1");
    assert.equal(e.error?.name, "TypeError");
    assert.equal(e.error?.message, "declined");
    assert.match(String(e.error?.stack), /TypeError: declined/);
    assert.equal((e.error?.cause as { message: string }).message, "socket closed");
  });

  it("logs an error alone with its message as the (escaped) template", () => {
    const { log, sink } = setup();
    log.error(new Error("bad {json}"));
    assert.equal(sink.events[0].template.text, "bad {{json}}");
    assert.equal(sink.events[0].error?.message, "bad {json}");
  });

  it("supports the tagged form, naming holes from one-key objects", () => {
    const { log, sink } = setup();
    const userId = 7;
    const ip = "10.0.0.9";
    for (let i = 0; i < 2; i++) log.info`User ${{ userId }} from ${ip} {literal}`;
    const e = sink.events[1];
    assert.equal(e.template.text, "User {userId} from {__1} {{literal}}");
    assert.equal(e.properties.userId, 7);
    assert.equal(e.properties.__1, "10.0.0.9");
    assert.equal(sink.events[0].template, e.template, "cached per call site");
  });

  it("accepts a properties object first (pino style)", () => {
    const { log, sink } = setup();
    log.info({ requestId: "r1", UserId: 1 }, "Handled {UserId} in {Ms} ms", 99, 12);
    const e = sink.events[0];
    assert.equal(e.properties.requestId, "r1");
    assert.equal(e.properties.UserId, 99, "template values win over the object");
    assert.equal(e.properties.Ms, 12);
  });

  it("never throws, whatever it is given", () => {
    const messages: string[] = [];
    SelfLog.enable((m) => messages.push(m));
    try {
      const { log, sink } = setup();
      const hostile = new Proxy({}, {
        get() {
          throw new Error("get trap");
        },
        ownKeys() {
          throw new Error("ownKeys trap");
        },
        getPrototypeOf() {
          throw new Error("proto trap");
        },
      });
      const throwingGetter = Object.defineProperty({}, "x", { enumerable: true, get: () => { throw new Error("getter"); } });
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const calls: unknown[][] = [
        [],
        [undefined],
        [null],
        [Symbol("s")],
        [12n],
        [hostile],
        [hostile, "t {A}", hostile],
        ["{A} {B} {C}", throwingGetter, cyclic, Symbol("v")],
        ["{", "}"],
        [{ toString: () => { throw new Error("toString"); } }],
        [Object.create(null)],
        [new Error("e"), hostile],
        [() => 1],
      ];
      for (const args of calls) {
        for (const method of [log.information, log.error, log.verbose]) {
          assert.doesNotThrow(() => (method as (...a: unknown[]) => void)(...args), `threw for ${String(args.length)} args`);
        }
      }
      assert.equal(sink.events.length, calls.length * 3, "every call produced an event");
    } finally {
      SelfLog.disable();
    }
  });

  it("snapshots values at call time", () => {
    const { log, sink } = setup();
    const order = { id: 1, items: ["a"] };
    log.information("Order {@Order}", order);
    order.id = 2;
    order.items.push("b");
    assert.deepEqual(JSON.parse(JSON.stringify(sink.events[0].properties.Order)), { id: 1, items: ["a"] });
  });

  it("keeps __proto__ from user data as a plain property", () => {
    const { log, sink } = setup();
    log.info(JSON.parse('{"__proto__": {"polluted": true}}'), "x");
    log.information("{@Value}", JSON.parse('{"__proto__": {"polluted": true}}'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assertInheritsNothing(sink.events[0].properties);
  });
});

describe("enrichment, filters and context", () => {
  it("adds fixed and computed properties without overriding event properties", () => {
    const { log, sink } = setup((c) =>
      c.enrich({ app: "api", UserId: "enricher" }).enrich((e) => {
        e.properties.levelUpper = e.level.toUpperCase();
      })
    );
    log.information("User {UserId}", 5);
    assert.equal(sink.events[0].properties.app, "api");
    assert.equal(sink.events[0].properties.UserId, 5);
    assert.equal(sink.events[0].properties.levelUpper, "INFORMATION");
  });

  it("filters events; a throwing enricher or filter keeps the event", () => {
    SelfLog.enable(() => {});
    try {
      const { log, sink } = setup((c) =>
        c.filter((e) => !e.properties.healthCheck)
          .filter((e) => {
            if (e.properties.boom) throw new Error("filter");
            return true;
          })
          .enrich((e) => {
            if (e.properties.boom) throw new Error("enricher");
          })
      );
      log.information("{healthCheck}", true);
      log.information("{boom}", true);
      log.information("ok");
      assert.deepEqual(sink.messages(), ["{boom}", "ok"]);
    } finally {
      SelfLog.disable();
    }
  });

  it("forContext adds properties to every event of the child", () => {
    const { log, sink } = setup();
    const child = log.forContext({ requestId: "r-1" }).forContext("SourceContext", "Api");
    child.information("a");
    log.information("b");
    assert.equal(sink.events[0].properties.requestId, "r-1");
    assert.equal(sink.events[0].properties.SourceContext, "Api");
    assert.equal(sink.events[1].properties.requestId, undefined);
  });

  it("LogContext.run carries properties across awaits with async storage, nested", async () => {
    const als = new AsyncLocalStorage<LogProperties>();
    const storage: ContextStorage = { run: (p, fn) => als.run(p, fn), get: () => als.getStore() };
    const runtime = { ...manualRuntime(), contextStorage: storage };
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime }).writeTo(sink, { queue: false }).createLogger();
    await Promise.all(["a", "b"].map((id) =>
      LogContext.run({ requestId: id }, async () => {
        await new Promise((r) => setTimeout(r, 1));
        await LogContext.run({ step: 2 }, async () => {
          await Promise.resolve();
          log.information("inner {Step}", "x");
        });
        log.information("outer");
      })
    ));
    log.information("outside");
    const byMessage = sink.events.map((e) => [e.template.text, e.properties.requestId, e.properties.step]);
    assert.deepEqual(byMessage.filter((m) => m[1] === "a"), [["inner {Step}", "a", 2], ["outer", "a", undefined]]);
    assert.deepEqual(byMessage.filter((m) => m[1] === "b"), [["inner {Step}", "b", 2], ["outer", "b", undefined]]);
    assert.deepEqual(byMessage.at(-1), ["outside", undefined, undefined]);
  });
});
