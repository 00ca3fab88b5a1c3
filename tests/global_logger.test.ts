import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { getLogger, LevelSwitch, LoggerConfiguration, setGlobalLogger } from "../mod.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

function appLogger(configure: (c: LoggerConfiguration) => LoggerConfiguration = (c) => c) {
  const sink = recordingSink();
  const log = configure(new LoggerConfiguration({ runtime: manualRuntime() }).minimumLevel("debug"))
    .writeTo(sink, { queue: false })
    .createLogger();
  return { log, sink };
}

describe("getLogger / setGlobalLogger", () => {
  afterEach(() => setGlobalLogger(undefined));

  it("a library's logger taken before the app installs one is a no-op, then writes to the installed logger", () => {
    const lib = getLogger(["db", "pool"]);
    lib.information("before {N}", 1);
    assert.equal(lib.isEnabled("information"), false);
    const { log, sink } = appLogger();
    setGlobalLogger(log);
    lib.information("after {N}", 2);
    lib.info("alias {N}", 3);
    assert.deepEqual(sink.events.map((e) => e.properties.N), [2, 3]);
    assert.equal(sink.events[0].properties.SourceContext, "db.pool");
    assert.equal(lib.isEnabled("debug"), true);
  });

  it("the same category gives the same logger; a string and an array name the same category", () => {
    assert.equal(getLogger("a.b"), getLogger(["a", "b"]));
    assert.equal(getLogger("a.b").category, "a.b");
  });

  it("minimumLevelOverride applies to the category", () => {
    const { log, sink } = appLogger((c) => c.minimumLevelOverride("db", "warning"));
    setGlobalLogger(log);
    const db = getLogger("db.query");
    const web = getLogger("web");
    db.information("hidden");
    db.warning("shown {N}", 1);
    web.debug("shown {N}", 2);
    assert.deepEqual(sink.events.map((e) => e.properties.N), [1, 2]);
    assert.equal(db.isEnabled("information"), false);
  });

  it("follows a new installed logger, and goes quiet after setGlobalLogger(undefined)", () => {
    const lib = getLogger("lib");
    const first = appLogger();
    const second = appLogger();
    setGlobalLogger(first.log);
    lib.information("one");
    setGlobalLogger(second.log);
    lib.information("two");
    setGlobalLogger(undefined);
    lib.information("three");
    assert.deepEqual(first.sink.messages(), ["one"]);
    assert.deepEqual(second.sink.messages(), ["two"]);
  });

  it("forContext children follow the global logger and keep their properties", () => {
    const child = getLogger("jobs").forContext({ JobId: "j-7" }).forContext("Attempt", 2);
    child.information("queued");
    const { log, sink } = appLogger();
    setGlobalLogger(log);
    child.information("running");
    assert.equal(sink.events.length, 1);
    const p = sink.events[0].properties;
    assert.deepEqual([p.SourceContext, p.JobId, p.Attempt], ["jobs", "j-7", 2]);
  });

  it("a bad category is a TypeError naming the problem", () => {
    assert.throws(() => getLogger(""), TypeError);
    assert.throws(() => getLogger([]), TypeError);
    assert.throws(() => getLogger(["a", ""]), TypeError);
    assert.throws(() => getLogger(42 as unknown as string), /getLogger takes a category/);
  });
});

describe("getLogger with a LevelSwitch", () => {
  afterEach(() => setGlobalLogger(undefined));

  it("a switch raised after install reaches the category logger at once", () => {
    const sw = new LevelSwitch("information");
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() }).minimumLevelOverride("db", sw).writeTo(sink, { queue: false })
      .createLogger();
    setGlobalLogger(log);
    const db = getLogger("db.pool");
    db.debug("hidden");
    sw.level = "debug";
    db.debug("shown {N}", 1);
    assert.deepEqual(sink.events.map((e) => e.properties.N), [1]);
  });
});
