import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { memorySink } from "../src/core/sinks/memory_sink.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import type { LogEvent } from "../src/core/events/log_event.ts";
import type { LogProperties, LogValue } from "../src/core/events/log_value.ts";

function event(text: string, props: Record<string, LogValue> = {}): LogEvent {
  return {
    timestamp: Date.UTC(2026, 10, 22),
    level: "information",
    template: parseTemplate(text),
    properties: Object.assign(Object.create(null) as LogProperties, props),
  };
}

describe("memorySink", () => {
  it("appends each batch in order and renders messages", () => {
    const sink = memorySink();
    assert.equal(sink.name, "memory");
    sink.emit([event("Hello {Name}", { Name: "world" }), event("n={N}", { N: 1 })]);
    sink.emit([event("third")]);
    assert.deepEqual(sink.events.map((e) => e.template.text), ["Hello {Name}", "n={N}", "third"]);
    assert.deepEqual(sink.rendered(), ['Hello "world"', "n=1", "third"]);
  });

  it("keeps the newest maxEvents", () => {
    const sink = memorySink({ maxEvents: 3, name: "mem" });
    assert.equal(sink.name, "mem");
    sink.emit([event("1"), event("2")]);
    sink.emit([event("3"), event("4")]);
    assert.deepEqual(sink.rendered(), ["2", "3", "4"]);
    sink.emit([event("5"), event("6"), event("7"), event("8")]);
    assert.deepEqual(sink.rendered(), ["6", "7", "8"]);
    const none = memorySink({ maxEvents: 0 });
    none.emit([event("x")]);
    assert.equal(none.events.length, 0);
  });

  it("clear() empties the same array; emitSync appends too", () => {
    const sink = memorySink();
    const events = sink.events;
    sink.emitSync([event("a")]);
    assert.equal(events.length, 1);
    sink.clear();
    assert.equal(sink.events, events);
    assert.equal(events.length, 0);
    assert.deepEqual(sink.rendered(), []);
  });

  it("keeps the event objects it was given", () => {
    const sink = memorySink();
    const e = event("x");
    sink.emit([e]);
    assert.equal(sink.events[0], e);
  });
});
