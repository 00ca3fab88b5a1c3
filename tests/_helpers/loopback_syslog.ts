/**
 * A real rsyslogd (Debian package `rsyslog`) for the syslog sink's tests:
 * started in the foreground (`-n`) with a generated config that listens on
 * loopback (imudp on a free port, imtcp on port 0 with `listenPortFileName`),
 * parses structured data with mmpstrucdata and writes one JSON line per
 * received message (header fields, SD as received and as parsed, MSG, the raw
 * message) to a file the test reads back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as dgram from "node:dgram";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";

export interface ReceivedSyslog {
  pri: string;
  hostname: string;
  appname: string;
  procid: string;
  msgid: string;
  /** STRUCTURED-DATA as received. */
  sd: string;
  /** rsyslog's RFC 3339 rendering of TIMESTAMP. */
  ts: string;
  msg: string;
  raw: string;
  /** mmpstrucdata's parse: `{ "rfc5424-sd": { "<SD-ID>": { name: value } } }`, or null. */
  parsed: { "rfc5424-sd"?: Record<string, Record<string, string>> } | null;
}

export interface Rsyslog {
  readonly udpPort: number;
  readonly tcpPort: number;
  /** Messages written so far. */
  received(): ReceivedSyslog[];
  /** Polls the output until `count` messages matching `match` are there (bounded; no fixed sleep). */
  waitFor(count: number, match?: (m: ReceivedSyslog) => boolean, timeoutMs?: number): Promise<ReceivedSyslog[]>;
  stop(): Promise<void>;
}

/** The rsyslogd executable, or undefined when rsyslog is not installed. */
export function findRsyslogd(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, "rsyslogd");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", reject);
    s.bind(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, udpPort: number): string {
  const field = (out: string, name: string, extra = ""): string =>
    `property(outname="${out}" name="${name}" format="jsonf"${extra}) constant(value=",")`;
  return `
global(workDirectory="${dir}" parser.escapeControlCharactersOnReceive="off" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
module(load="mmpstrucdata")
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="test")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="${dir}/tcp.port" ruleset="test")
template(name="jsonline" type="list") {
  constant(value="{")
  ${field("pri", "pri")} ${field("hostname", "hostname")} ${field("appname", "app-name")}
  ${field("procid", "procid")} ${field("msgid", "msgid")} ${field("sd", "structured-data")}
  ${field("ts", "timereported", ' dateFormat="rfc3339"')} ${field("msg", "msg")} ${field("raw", "rawmsg")}
  constant(value="\\"parsed\\":") property(name="$!")
  constant(value="}\\n")
}
ruleset(name="test") {
  action(type="mmpstrucdata" sd_name.lowercase="off")
  action(type="omfile" file="${dir}/received.jsonl" template="jsonline")
}
`;
}

async function poll<T>(what: string, read: () => T | undefined, timeoutMs: number, child: ChildProcess, log: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (child.exitCode !== null) throw new Error(`rsyslogd exited (${child.exitCode}) while waiting for ${what}: ${log()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts rsyslogd; resolves once its TCP and UDP inputs listen. */
export async function startRsyslog(executable: string): Promise<Rsyslog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logging-rsyslog-"));
  const udpPort = await freeUdpPort();
  const conf = path.join(dir, "rsyslog.conf");
  fs.writeFileSync(conf, config(dir, udpPort));
  let output = "";
  const child = spawn(executable, ["-n", "-f", conf, "-i", path.join(dir, "rsyslogd.pid")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Uint8Array) => (output += String(d)));
  child.stderr?.on("data", (d: Uint8Array) => (output += String(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const out = path.join(dir, "received.jsonl");
  const received = (): ReceivedSyslog[] => {
    let text: string;
    try {
      text = fs.readFileSync(out, "utf8");
    } catch {
      return [];
    }
    // An empty `$!` (no structured data) leaves `"parsed":}`.
    // rsyslog may be mid-write: only lines that end in a newline are complete.
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    return complete.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l.replace(/"parsed":\}$/, '"parsed":null}')) as ReceivedSyslog);
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const portText = await poll("the TCP port file", () => {
      try {
        const t = fs.readFileSync(path.join(dir, "tcp.port"), "utf8").trim();
        return t === "" ? undefined : t;
      } catch {
        return undefined;
      }
    }, 15_000, child, () => output);
    // imudp binds on its own schedule: send probes until one arrives.
    const probe = dgram.createSocket("udp4");
    try {
      await poll("the UDP input", () => {
        if (received().some((r) => r.appname === "probe")) return true;
        probe.send(new TextEncoder().encode("<14>1 - - probe - - - ready"), udpPort, "127.0.0.1");
        return undefined;
      }, 15_000, child, () => output);
    } finally {
      probe.close();
    }
    return {
      udpPort,
      tcpPort: Number(portText),
      received: () => received().filter((r) => r.appname !== "probe"),
      waitFor: (count, match = () => true, timeoutMs = 10_000) =>
        poll(`${count} messages`, () => {
          const r = received().filter((m) => m.appname !== "probe" && match(m));
          return r.length >= count ? r : undefined;
        }, timeoutMs, child, () => `${output} (received ${received().length})`),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
