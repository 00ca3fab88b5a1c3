/**
 * Syslog for Bun over its native sockets: `Bun.connect` (TCP, partial writes
 * resumed on `drain`) and `Bun.udpSocket` (UDP; a host name is resolved once
 * with `Bun.dns.lookup`, since `send` takes addresses only).
 *
 * @module
 */
import * as os from "node:os";
import process from "node:process";
import {
  createSyslogSink,
  type SyslogSink,
  type SyslogSinkOptions,
} from "../../core/shipping/syslog_sink.ts";
import type { SyslogConnection, SyslogTarget, SyslogTransport } from "../../core/shipping/syslog_transport.ts";

interface BunSocket {
  write(data: Uint8Array): number;
  end(): void;
  ref(): void;
  unref(): void;
}
interface BunSocketHandlers {
  data(socket: BunSocket, data: Uint8Array): void;
  drain(socket: BunSocket): void;
  close(socket: BunSocket): void;
  error(socket: BunSocket, error: Error): void;
  end(socket: BunSocket): void;
}
interface BunUdpSocket {
  send(data: Uint8Array, port: number, address: string): boolean;
  close(): void;
  ref?(): void;
  unref?(): void;
}
interface BunApi {
  connect(options: { hostname: string; port: number; socket: BunSocketHandlers }): Promise<BunSocket>;
  udpSocket(options: { socket?: { drain?(socket: BunUdpSocket): void } }): Promise<BunUdpSocket>;
  dns: { lookup(host: string, options?: { family?: 4 | 6 }): Promise<{ address: string }[]> };
}

function bun(): BunApi {
  const b = (globalThis as unknown as { Bun?: BunApi }).Bun;
  if (b === undefined) throw new Error("@logging/core/bun: the Bun global is missing (not running on Bun?)");
  return b;
}

interface Pending {
  bytes: Uint8Array;
  done(): void;
  fail(error: Error): void;
}

async function tcpConnection(target: SyslogTarget): Promise<SyslogConnection> {
  let closed = false;
  const queue: Pending[] = [];
  let socket: BunSocket | undefined;
  const failAll = (error: Error): void => {
    closed = true;
    for (const p of queue.splice(0)) p.fail(error);
  };
  // Writes what the kernel takes; the rest waits for `drain`.
  const pump = (): void => {
    while (socket !== undefined && queue.length > 0) {
      const head = queue[0];
      const written = socket.write(head.bytes);
      if (written < 0) return failAll(new Error("syslog TCP write failed"));
      if (written < head.bytes.length) {
        head.bytes = head.bytes.subarray(written);
        return;
      }
      queue.shift();
      head.done();
    }
    if (queue.length === 0) socket?.unref();
  };
  socket = await bun().connect({
    hostname: target.host,
    port: target.port,
    socket: {
      data() {},
      drain: () => pump(),
      close: () => failAll(new Error("syslog TCP connection closed")),
      end: () => failAll(new Error("syslog TCP connection ended by the peer")),
      error: (_s, error) => failAll(error),
    },
  });
  socket.unref();
  const s = socket;
  return {
    get closed(): boolean {
      return closed;
    },
    send(bytes: Uint8Array): Promise<void> {
      if (closed) return Promise.reject(new Error("syslog TCP connection is closed"));
      return new Promise<void>((done, fail) => {
        queue.push({ bytes, done, fail });
        s.ref();
        if (queue.length === 1) pump();
      });
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        s.end();
      }
      return Promise.resolve();
    },
  };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

async function udpConnection(target: SyslogTarget): Promise<SyslogConnection> {
  const api = bun();
  const host = IPV4.test(target.host) || target.host.includes(":")
    ? target.host
    : (await api.dns.lookup(target.host, { family: 4 }))[0]?.address ?? target.host;
  const waiting: (() => void)[] = [];
  const socket = await api.udpSocket({ socket: { drain: () => waiting.splice(0).forEach((w) => w()) } });
  socket.unref?.();
  let closed = false;
  return {
    get closed(): boolean {
      return closed;
    },
    async send(bytes: Uint8Array): Promise<void> {
      if (closed) throw new Error("syslog UDP socket is closed");
      // `false`: the send buffer is full; wait for `drain` once, then try again.
      if (socket.send(bytes, target.port, host)) return;
      await new Promise<void>((resume) => waiting.push(resume));
      if (!socket.send(bytes, target.port, host)) throw new Error("syslog UDP send failed (send buffer full)");
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        socket.close();
      }
      return Promise.resolve();
    },
  };
}

/**
 * A {@link SyslogTransport} over Bun's native sockets (`Bun.connect`,
 * `Bun.udpSocket`); idle sockets are unref'd.
 *
 * @example
 * ```ts
 * import { createSyslogSink } from "../../core/shipping/syslog_sink.ts";
 * import { bunSyslogTransport } from "@logging/core/bun";
 * const sink = createSyslogSink({ port: 514, transport: "tcp" }, bunSyslogTransport());
 * ```
 */
export function bunSyslogTransport(): SyslogTransport {
  return {
    connect: (target) => (target.protocol === "tcp" ? tcpConnection(target) : udpConnection(target)),
  };
}

/**
 * An RFC 5424 syslog sink for Bun: UDP or TCP (octet-counted), the host name
 * and process id filled in by default.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * import { bunRuntime, syslogSink } from "@logging/core/bun";
 * const log = new LoggerConfiguration({ runtime: bunRuntime() })
 *   .writeTo(syslogSink({ host: "127.0.0.1", port: 514, transport: "tcp", appName: "api" }))
 *   .createLogger();
 * ```
 */
export function syslogSink(options: SyslogSinkOptions = {}): SyslogSink {
  return createSyslogSink(
    { ...options, hostname: options.hostname ?? os.hostname(), procId: options.procId ?? process.pid },
    bunSyslogTransport(),
  );
}
