/**
 * Syslog for Deno: TCP through `Deno.connect`; UDP through
 * `Deno.listenDatagram` when Deno runs with `--unstable-net`, otherwise
 * through Deno's `node:dgram` (which needs no flag).
 *
 * @module
 */
import {
  createSyslogSink,
  type SyslogSink,
  type SyslogSinkOptions,
} from "../../core/shipping/syslog_sink.ts";
import type { SyslogConnection, SyslogTarget, SyslogTransport } from "../../core/shipping/syslog_transport.ts";

interface DenoConn {
  write(p: Uint8Array): Promise<number>;
  read(p: Uint8Array): Promise<number | null>;
  close(): void;
  ref(): void;
  unref(): void;
}
interface DenoDatagramConn {
  send(p: Uint8Array, addr: { transport: "udp"; hostname: string; port: number }): Promise<number>;
  close(): void;
}
interface DenoNet {
  connect(options: { hostname: string; port: number; transport: "tcp" }): Promise<DenoConn>;
  listenDatagram?: (options: { hostname: string; port: number; transport: "udp" }) => DenoDatagramConn;
  hostname?: () => string;
  readonly pid: number;
}

function deno(): DenoNet {
  const d = (globalThis as unknown as { Deno?: DenoNet }).Deno;
  if (d === undefined) throw new Error("@logging/core/deno: the Deno global is missing (not running on Deno?)");
  return d;
}

async function tcpConnection(target: SyslogTarget): Promise<SyslogConnection> {
  const conn = await deno().connect({ hostname: target.host, port: target.port, transport: "tcp" });
  let closed = false;
  let pending = 0;
  conn.unref();
  // Syslog servers send nothing: a read that ends means the peer closed.
  (async () => {
    const buf = new Uint8Array(512);
    try {
      while ((await conn.read(buf)) !== null);
    } catch {
      // reset or closed locally
    }
    closed = true;
  })();
  return {
    get closed(): boolean {
      return closed;
    },
    async send(bytes: Uint8Array): Promise<void> {
      if (closed) throw new Error("syslog TCP connection is closed");
      if (pending++ === 0) conn.ref();
      try {
        for (let off = 0; off < bytes.length;) off += await conn.write(bytes.subarray(off));
      } catch (error) {
        closed = true;
        throw error;
      } finally {
        if (--pending === 0) conn.unref();
      }
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        try {
          conn.close();
        } catch {
          // already closed
        }
      }
      return Promise.resolve();
    },
  };
}

function datagramConnection(listen: NonNullable<DenoNet["listenDatagram"]>, target: SyslogTarget): SyslogConnection {
  const v6 = target.host.includes(":");
  const socket = listen({ hostname: v6 ? "::" : "0.0.0.0", port: 0, transport: "udp" });
  let closed = false;
  const addr = { transport: "udp" as const, hostname: target.host, port: target.port };
  return {
    get closed(): boolean {
      return closed;
    },
    async send(bytes: Uint8Array): Promise<void> {
      if (closed) throw new Error("syslog UDP socket is closed");
      await socket.send(bytes, addr);
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
 * A {@link SyslogTransport} for Deno. TCP uses `Deno.connect` (needs
 * `--allow-net`). UDP uses `Deno.listenDatagram` under `--unstable-net`;
 * without that flag it falls back to Deno's `node:dgram`, so UDP works either
 * way.
 *
 * @example
 * ```ts
 * import { createSyslogSink } from "../../core/shipping/syslog_sink.ts";
 * import { denoSyslogTransport } from "@logging/core/deno";
 * const sink = createSyslogSink({ port: 514, transport: "tcp" }, denoSyslogTransport());
 * ```
 */
export function denoSyslogTransport(): SyslogTransport {
  return {
    async connect(target: SyslogTarget): Promise<SyslogConnection> {
      if (target.protocol === "tcp") return tcpConnection(target);
      const listen = deno().listenDatagram;
      if (typeof listen === "function") return datagramConnection(listen, target);
      const sockets = await import("../shared/socket_syslog_transport.ts");
      return sockets.socketSyslogTransport().connect(target);
    },
  };
}

/**
 * Which UDP path {@link denoSyslogTransport} takes in this process.
 *
 * @example
 * ```ts
 * import { denoUdpImplementation } from "./syslog_transport.ts";
 * denoUdpImplementation(); // "node:dgram" unless run with --unstable-net
 * ```
 */
export function denoUdpImplementation(): "Deno.listenDatagram" | "node:dgram" {
  return typeof deno().listenDatagram === "function" ? "Deno.listenDatagram" : "node:dgram";
}

function hostName(): string | undefined {
  try {
    return deno().hostname?.();
  } catch {
    return undefined; // needs --allow-sys
  }
}

/**
 * An RFC 5424 syslog sink for Deno: UDP or TCP (octet-counted); the host name
 * (with `--allow-sys`) and process id filled in by default.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * import { denoRuntime, syslogSink } from "@logging/core/deno";
 * const log = new LoggerConfiguration({ runtime: denoRuntime() })
 *   .writeTo(syslogSink({ host: "127.0.0.1", port: 514, transport: "tcp", appName: "api" }))
 *   .createLogger();
 * ```
 */
export function syslogSink(options: SyslogSinkOptions = {}): SyslogSink {
  return createSyslogSink(
    { ...options, hostname: options.hostname ?? hostName(), procId: options.procId ?? deno().pid },
    denoSyslogTransport(),
  );
}
