/**
 * The syslog sink against a real rsyslogd on loopback (UDP and TCP), through
 * this runtime's own transport (node:net/dgram on Node; Deno.connect and
 * Deno.listenDatagram or node:dgram on Deno; Bun.connect/Bun.udpSocket on
 * Bun) and, on Deno and Bun, also through their node:* compatibility. rsyslog
 * parses what arrives (RFC 5424 header, structured data via mmpstrucdata) and
 * writes it to a file the test reads back. Skipped when rsyslogd is not
 * installed (`apt-get install -y rsyslog`).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LoggerConfiguration, type LogEvent, parseTemplate } from "../mod.ts";
import { createSyslogSink, type SyslogSinkOptions } from "../src/core/shipping/syslog_sink.ts";
import type { SyslogTransport } from "../src/core/shipping/syslog_transport.ts";
import { nodeSyslogTransport } from "../src/adapters/node/syslog_transport.ts";
import { denoSyslogTransport, denoUdpImplementation } from "../src/adapters/deno/syslog_transport.ts";
import { bunSyslogTransport } from "../src/adapters/bun/syslog_transport.ts";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { currentRuntime, runtimeExecPath } from "./_helpers/runtime.ts";
import { findRsyslogd, type Rsyslog, startRsyslog } from "./_helpers/loopback_syslog.ts";

const rsyslogd = findRsyslogd();
const skip = rsyslogd === undefined ? "rsyslogd is not installed (apt-get install -y rsyslog); CI installs it" : false;

const transports: [string, () => SyslogTransport][] = currentRuntime === "deno"
  ? [[`deno (Deno.connect, UDP via ${denoUdpImplementation()})`, denoSyslogTransport], ["node:net/dgram on deno", nodeSyslogTransport]]
  : currentRuntime === "bun"
  ? [["bun (Bun.connect, Bun.udpSocket)", bunSyslogTransport], ["node:net/dgram on bun", nodeSyslogTransport]]
  : [["node (node:net, node:dgram)", nodeSyslogTransport]];

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0, 42);
const SD = "props@32473";

function payment(id: string): LogEvent {
  return {
    timestamp: T0,
    level: "warning",
    template: parseTemplate("User {UserId} paid {Amount} via {Card}"),
    properties: {
      UserId: 42,
      Amount: 12.5,
      Card: { brand: "visa", last4: "4242" },
      Note: 'say "hi" \\ [x]',
      "bad name=1": "v",
      Unicode: "h\u00e9llo \u2713",
      RunId: id,
      SourceContext: "Billing.Payments",
    },
  };
}

describe(`syslogSink into a real rsyslogd (${currentRuntime})`, { skip }, () => {
  let rsyslog: Rsyslog;
  before(async () => {
    rsyslog = await startRsyslog(rsyslogd as string);
  });
  after(async () => {
    await rsyslog?.stop();
  });

  const options = (protocol: "udp" | "tcp", extra: SyslogSinkOptions = {}): SyslogSinkOptions => ({
    host: "127.0.0.1",
    port: protocol === "udp" ? rsyslog.udpPort : rsyslog.tcpPort,
    transport: protocol,
    facility: "local3",
    appName: "ship-test",
    hostname: "ship-host",
    procId: 4242,
    ...extra,
  });

  let run = 0;
  for (const [label, transport] of transports) {
    for (const protocol of ["udp", "tcp"] as const) {
      it(`${label} over ${protocol.toUpperCase()}: header, structured data and message arrive as sent`, async () => {
        const id = `run-${++run}`;
        const sink = createSyslogSink(options(protocol), transport());
        await sink.emit([payment(id), { ...payment(id), level: "information", properties: { RunId: id } }]);
        const mine = await rsyslog.waitFor(2, (m) => m.raw.includes(id));
        assert.equal(mine.length, 2);
        const [first, second] = mine;
        assert.equal(first.pri, String(19 * 8 + 4), "local3.warning");
        assert.equal(first.ts, "2026-11-22T12:00:00.042Z");
        assert.deepEqual([first.hostname, first.appname, first.procid, first.msgid], ["ship-host", "ship-test", "4242", "Billing.Payments"]);
        assert.deepEqual(first.parsed?.["rfc5424-sd"]?.[SD], {
          UserId: "42",
          Amount: "12.5",
          Card: '{"brand":"visa","last4":"4242"}',
          Note: 'say "hi" \\ [x]',
          bad_name_1: "v",
          Unicode: "h\u00e9llo \u2713",
          RunId: id,
          SourceContext: "Billing.Payments",
        });
        assert.equal(first.msg, 'User 42 paid 12.5 via {"brand":"visa","last4":"4242"}');
        assert.equal(second.pri, String(19 * 8 + 6), "local3.info");
        assert.equal(second.msgid, "-");
        assert.deepEqual(second.parsed?.["rfc5424-sd"], { [SD]: { RunId: id } });
        await sink.close();
      });
    }

    it(`${label} over TCP: a message with a multi-line error stays one line, its line feeds escaped`, async () => {
      const id = `run-${++run}`;
      const sink = createSyslogSink(options("tcp"), transport());
      const error = { name: "Error", message: "boom", stack: "Error: boom\n    at pay (billing.js:10:5)" };
      await sink.emit([{ timestamp: T0, level: "error", template: parseTemplate("Failed {RunId}"), properties: { RunId: id }, error }]);
      const [m] = await rsyslog.waitFor(1, (r) => r.raw.includes(id));
      assert.equal(m.msg, `Failed "${id}"\\nError: boom\\n    at pay (billing.js:10:5)`);
      assert.equal(m.pri, String(19 * 8 + 3));
      await sink.close();
    });

    it(`${label} over UDP: a long message is cut to maxMessageBytes at a character boundary`, async () => {
      const id = `run-${++run}`;
      const sink = createSyslogSink(options("udp", { maxMessageBytes: 1_000 }), transport());
      const long = "\u00e9".repeat(2_000);
      await sink.emit([{ timestamp: T0, level: "information", template: parseTemplate(`${id} {Text:l}`), properties: { Text: long } }]);
      const [m] = await rsyslog.waitFor(1, (r) => r.raw.includes(id));
      assert.ok(new TextEncoder().encode(m.raw).length <= 1_000);
      assert.ok(new TextEncoder().encode(m.raw).length >= 998);
      assert.match(m.msg, new RegExp(`^${id} \u00e9+$`), "no broken character at the end");
      assert.equal(m.parsed, null, "the structured data alone did not fit: dropped");
      assert.equal(sink.truncatedMessages, 1);
      await sink.close();
    });

    it(`${label} over TCP: 300 events through the logger's queue arrive in order, once`, async () => {
      const id = `run-${++run}`;
      const sink = createSyslogSink(options("tcp"), transport());
      const log = new LoggerConfiguration().writeTo(sink, { queue: { batchSize: 64 } }).withMetrics().createLogger();
      for (let i = 0; i < 300; i++) log.information("Item {I} of {RunId}", i, id);
      await log.flush();
      const mine = await rsyslog.waitFor(300, (r) => r.raw.includes(id));
      assert.deepEqual(mine.map((r) => Number(r.parsed?.["rfc5424-sd"]?.[SD]?.I)), Array.from({ length: 300 }, (_, i) => i));
      const metrics = log.metrics().sinks[0];
      assert.deepEqual([metrics.emitted, metrics.failed, metrics.batches], [300, 0, 5]);
      assert.equal(sink.connects, 1);
      await log.shutdown();
    });
  }

  it("deno with --unstable-net: UDP through Deno.listenDatagram", { skip: currentRuntime !== "deno" && "Deno only" }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "logging-deno-udp-"));
    try {
      const script = join(dir, "send.ts");
      const transportUrl = new URL("../src/adapters/deno/syslog_transport.ts", import.meta.url).href;
      const templateUrl = new URL("../src/core/template/parse_template.ts", import.meta.url).href;
      writeFileSync(script, `
import { denoUdpImplementation, syslogSink } from ${JSON.stringify(transportUrl)};
import { parseTemplate } from ${JSON.stringify(templateUrl)};
const sink = syslogSink({ host: "127.0.0.1", port: Number(Deno.args[0]), transport: "udp", appName: "deno-unstable" });
await sink.emit([{ timestamp: Date.now(), level: "information", template: parseTemplate("Via {Path}"), properties: { Path: denoUdpImplementation() } }]);
await sink.close();
console.log(denoUdpImplementation());
`);
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(runtimeExecPath(), ["run", "-A", "--unstable-net", script, String(rsyslog.udpPort)], { timeout: 30_000 }, (error, out, err) => {
          if (error) reject(new Error(`${String(error)}\n${err}`));
          else resolve(String(out));
        });
      });
      assert.equal(stdout.trim(), "Deno.listenDatagram");
      const [m] = await rsyslog.waitFor(1, (r) => r.appname === "deno-unstable");
      assert.deepEqual(m.parsed?.["rfc5424-sd"]?.[SD], { Path: "Deno.listenDatagram" });
      assert.match(m.hostname, /^\S+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
