import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { lazy, LoggerConfiguration } from "../mod.ts";
import { recordingSink } from "./_helpers/sinks.ts";
import { manualRuntime } from "./_helpers/clock.ts";

describe("lazy()", () => {
  function logger() {
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() }).minimumLevel("information").writeTo(sink, { queue: false })
      .createLogger();
    return { log, sink };
  }

  it("is never called at a disabled level, and once at an enabled one", () => {
    const { log, sink } = logger();
    let calls = 0;
    const value = lazy(() => {
      calls++;
      return { rows: 3 };
    });
    log.debug("Report {@Data}", value);
    assert.equal(calls, 0);
    log.information("Report {@Data}", value);
    assert.equal(calls, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(sink.events[0].properties.Data)), { rows: 3 });
  });

  it("works as a property of a properties object and inside structures", () => {
    const { log, sink } = logger();
    log.information({ Total: lazy(() => 42), Nested: { Inner: lazy(() => "x") } }, "Totals");
    assert.equal(sink.events[0].properties.Total, 42);
    assert.deepEqual(JSON.parse(JSON.stringify(sink.events[0].properties.Nested)), { Inner: "x" });
  });

  it("a throw inside becomes a captured [Threw: …] value, never the caller's exception", () => {
    const { log, sink } = logger();
    log.information("Value {V}", lazy(() => {
      throw new Error("no data");
    }));
    assert.equal(sink.events[0].properties.V, "[Threw: no data]");
  });

  it("anything but a function is a TypeError", () => {
    assert.throws(() => lazy(42 as unknown as () => number), /lazy takes a function/);
  });
});

describe("lazy(): a lazy that returns lazies", () => {
  it("ends at the capture depth instead of recursing forever", () => {
    const sink = recordingSink();
    const log = new LoggerConfiguration({ runtime: manualRuntime() }).writeTo(sink, { queue: false }).createLogger();
    const forever = (): unknown => lazy(forever);
    log.information("{X}", lazy(forever));
    assert.equal(sink.events[0].properties.X, "[Lazy]");
  });
});
