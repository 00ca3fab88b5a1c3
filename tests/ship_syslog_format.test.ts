/**
 * RFC 5424 formatting, structured-data escaping, octet-counting frames, size
 * limits and the reconnect rule of the syslog sink, over an in-memory
 * transport.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type LogEvent, parseTemplate } from "../mod.ts";
import { ManualScheduler } from "../src/testing/mod.ts";
import { syslogFormatter, syslogHeaderField, syslogSeverity } from "../src/core/shipping/syslog_format.ts";
import { escapeSdValue, syslogSdName, syslogStructuredData } from "../src/core/shipping/syslog_structured_data.ts";
import { octetCountedFrames, truncateUtf8 } from "../src/core/shipping/syslog_framing.ts";
import { createSyslogSink } from "../src/core/shipping/syslog_sink.ts";
import type { SyslogConnection, SyslogTarget, SyslogTransport } from "../src/core/shipping/syslog_transport.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 7);
const decoder = new TextDecoder();
const ev = (properties: LogEvent["properties"], level: LogEvent["level"] = "information", text = "Hello {Name}"): LogEvent => ({
  timestamp: T0,
  level,
  template: parseTemplate(text),
  properties,
});

interface MemoryTransport extends SyslogTransport {
  readonly targets: SyslogTarget[];
  readonly connections: { sent: Uint8Array[]; failNext: boolean; closed: boolean }[];
}

function memoryTransport(): MemoryTransport {
  const targets: SyslogTarget[] = [];
  const connections: MemoryTransport["connections"] = [];
  return {
    targets,
    connections,
    connect(target): Promise<SyslogConnection> {
      targets.push(target);
      const state = { sent: [] as Uint8Array[], failNext: false, closed: false };
      connections.push(state);
      return Promise.resolve({
        get closed() {
          return state.closed;
        },
        send(bytes: Uint8Array): Promise<void> {
          if (state.failNext) return Promise.reject(new Error("EPIPE"));
          state.sent.push(bytes.slice());
          return Promise.resolve();
        },
        close(): Promise<void> {
          state.closed = true;
          return Promise.resolve();
        },
      });
    },
  };
}

describe("RFC 5424 formatting", () => {
  it("writes PRI, version, timestamp, header fields, structured data and MSG", () => {
    const f = syslogFormatter({ facility: "local0", appName: "my app", hostname: "web-1", procId: 99 });
    assert.equal(
      f.format(ev({ Name: "Ada", SourceContext: "Api.Users" }, "warning")),
      '<132>1 2026-11-22T12:00:00.007Z web-1 my_app 99 Api.Users [props@32473 Name="Ada" SourceContext="Api.Users"] Hello "Ada"',
    );
    assert.equal(syslogFormatter().format(ev({})), "<14>1 2026-11-22T12:00:00.007Z - - - - - Hello {Name}");
    assert.equal(syslogFormatter({ facility: 23 }).format(ev({}, "fatal")).slice(0, 7), "<186>1 ");
    // A wrong facility is a configuration mistake: a TypeError naming it (it used to become "user" silently).
    assert.throws(() => syslogFormatter({ facility: 99 as 1 }, "syslogSink"), { name: "TypeError", message: /^syslogSink: facility must be .*, not 99$/ });
    assert.equal(syslogFormatter({}).format(ev({}, "debug")).slice(0, 6), "<15>1 ", "the default facility is user");
  });

  it("maps levels to syslog severities", () => {
    assert.deepEqual((["verbose", "debug", "information", "warning", "error", "fatal"] as const).map(syslogSeverity), [7, 7, 6, 4, 3, 2]);
  });

  it("escapes PARAM-VALUEs and sanitizes PARAM-NAMEs and header fields", () => {
    assert.equal(escapeSdValue('a"b\\c]d['), 'a\\"b\\\\c\\]d[');
    assert.equal(syslogSdName('a b=c]d"e\u00e9'), "a_b_c_d_e_");
    assert.equal(syslogSdName("x".repeat(40)), "x".repeat(32));
    assert.equal(syslogSdName(""), "_");
    assert.equal(syslogHeaderField("h\u00f4te name", 5), "h_te_");
    assert.equal(syslogHeaderField("", 48), "-");
    assert.equal(
      syslogStructuredData("meta@12345", { n: 1.5, b: true, z: null, o: { k: "v]" }, a: [1, "x"] }),
      '[meta@12345 n="1.5" b="true" z="null" o="{\\"k\\":\\"v\\]\\"}" a="[1,\\"x\\"\\]"]',
    );
    assert.equal(syslogStructuredData("x@1", {}), "-");
  });

  it("puts an error after the message, its line feeds escaped (one record, one line); optional BOM", () => {
    const error = { name: "TypeError", message: "bad", stack: "TypeError: bad\n    at f (a.js:1:1)" };
    const f = syslogFormatter({ utf8Bom: true, structuredDataId: "e@1" });
    const line = f.format({ ...ev({}, "error", "Failed"), error });
    assert.equal(line, "<11>1 2026-11-22T12:00:00.007Z - - - - - \uFEFFFailed\\nTypeError: bad\\n    at f (a.js:1:1)");
  });
});

describe("framing and limits", () => {
  it("frames messages with octet counting (byte lengths)", () => {
    const enc = new TextEncoder();
    assert.equal(decoder.decode(octetCountedFrames([enc.encode("ab"), enc.encode("\u00e9")])), "2 ab2 \u00e9");
  });

  it("cuts UTF-8 at a character boundary", () => {
    const bytes = new TextEncoder().encode("a\u00e9\u{1f389}");
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => truncateUtf8(bytes, n).length), [1, 1, 3, 3, 3, 3, 7]);
  });

  it("TCP: one framed write per batch; UDP: one datagram per message", async () => {
    const tcp = memoryTransport();
    const sink = createSyslogSink({ transport: "tcp", port: 6514, host: "logs.local" }, tcp);
    await sink.emit([ev({ Name: "a" }), ev({ Name: "b" })]);
    assert.deepEqual(tcp.targets, [{ host: "logs.local", port: 6514, protocol: "tcp" }]);
    assert.equal(tcp.connections[0].sent.length, 1);
    const text = decoder.decode(tcp.connections[0].sent[0]);
    const first = syslogFormatter().format(ev({ Name: "a" }));
    assert.ok(text.startsWith(`${first.length} ${first}`), text);
    const udp = memoryTransport();
    const u = createSyslogSink({}, udp);
    await u.emit([ev({ Name: "a" }), ev({ Name: "b" })]);
    assert.deepEqual(udp.targets, [{ host: "127.0.0.1", port: 514, protocol: "udp" }]);
    assert.equal(udp.connections[0].sent.length, 2);
    assert.equal(u.bytesWritten, udp.connections[0].sent.reduce((n, b) => n + b.length, 0));
  });

  it("drops the structured data when it alone passes the limit, then cuts MSG", async () => {
    const udp = memoryTransport();
    const sink = createSyslogSink({ maxMessageBytes: 200 }, udp);
    await sink.emit([ev({ Name: "x".repeat(500) }), ev({ Name: "short" }, "information", "M".repeat(300))]);
    const [a, b] = udp.connections[0].sent.map((x) => decoder.decode(x));
    assert.equal(a, "<14>1 2026-11-22T12:00:00.007Z - - - - - " + ('Hello "' + "x".repeat(500)).slice(0, 200 - 41));
    assert.ok(b.startsWith('<14>1 2026-11-22T12:00:00.007Z - - - - [props@32473 Name="short"] MMM'));
    assert.equal(b.length, 200);
    assert.equal(sink.truncatedMessages, 2);
  });
});

describe("connections", () => {
  it("reconnects once when a used connection fails; a fresh one failing fails the batch", async () => {
    const t = memoryTransport();
    const sink = createSyslogSink({ transport: "tcp" }, t);
    await sink.emit([ev({ Name: "1" })]);
    t.connections[0].failNext = true; // the peer went away while idle
    await sink.emit([ev({ Name: "2" })]);
    assert.equal(t.connections.length, 2);
    assert.equal(t.connections[0].closed, true);
    assert.match(decoder.decode(t.connections[1].sent[0]), /Name="2"/);
    t.connections[1].failNext = true;
    const broken = memoryTransport();
    const failing = createSyslogSink({ transport: "tcp" }, {
      connect: async (target) => {
        const c = await broken.connect(target);
        broken.connections[broken.connections.length - 1].failNext = true;
        return c;
      },
    });
    await assert.rejects(failing.emit([ev({})]), /EPIPE/);
    assert.equal(broken.connections.length, 1, "a fresh connection that fails is not retried");
    assert.equal(sink.connects, 2);
  });

  it("reconnects when the transport reports the connection closed", async () => {
    const t = memoryTransport();
    const sink = createSyslogSink({ transport: "tcp" }, t);
    await sink.emit([ev({})]);
    t.connections[0].closed = true;
    await sink.emit([ev({})]);
    assert.equal(t.connections.length, 2);
  });

  it("gives up a connection attempt after connectTimeoutMs (scheduler time)", async () => {
    const clock = new ManualScheduler();
    const sink = createSyslogSink({ transport: "tcp", connectTimeoutMs: 300 }, { connect: () => new Promise(() => {}) });
    sink.attach({ name: "portable", scheduler: clock, stdout: { write() {}, close: async () => {} }, stderr: { write() {}, close: async () => {} } });
    const pending = sink.emit([ev({})]);
    await clock.advanceAsync(299);
    let settled = false;
    pending.catch(() => {}).finally(() => (settled = true));
    await clock.advanceAsync(0);
    assert.equal(settled, false);
    await clock.advanceAsync(1);
    await assert.rejects(pending, /timed out after 300 ms/);
  });
});
