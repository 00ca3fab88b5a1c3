/**
 * Syslog over `node:net` (TCP) and `node:dgram` (UDP): the Node adapter's
 * transport, also used by Deno for UDP when `Deno.listenDatagram` is not
 * available (it needs `--unstable-net`).
 *
 * @module
 */
import * as dgram from "node:dgram";
import * as net from "node:net";
import type { SyslogConnection, SyslogTarget, SyslogTransport } from "../../core/shipping/syslog_transport.ts";

function tcpConnection(target: SyslogTarget): Promise<SyslogConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    let closed = false;
    let pending = 0;
    const markClosed = (): void => {
      closed = true;
    };
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.setNoDelay(true);
      // Idle sockets never keep the process alive; a write in progress does.
      socket.unref();
      socket.on("error", markClosed);
      socket.on("close", markClosed);
      socket.on("end", markClosed);
      socket.on("data", () => {}); // syslog servers send nothing; drain anyway
      resolve({
        get closed(): boolean {
          return closed || socket.destroyed;
        },
        send(bytes: Uint8Array): Promise<void> {
          if (closed || socket.destroyed) return Promise.reject(new Error("syslog TCP connection is closed"));
          if (pending++ === 0) socket.ref();
          return new Promise<void>((done, fail) => {
            socket.write(bytes, (error) => {
              if (--pending === 0) socket.unref();
              if (error) fail(error);
              else done();
            });
          });
        },
        close(): Promise<void> {
          closed = true;
          return new Promise<void>((done) => {
            if (socket.destroyed) return done();
            socket.end(() => {
              socket.destroy();
              done();
            });
            socket.ref();
          });
        },
      });
    });
  });
}

function udpConnection(target: SyslogTarget): Promise<SyslogConnection> {
  const socket = dgram.createSocket(net.isIPv6(target.host) ? "udp6" : "udp4");
  socket.unref();
  let closed = false;
  socket.on("error", () => {
    closed = true;
  });
  let pending = 0;
  return Promise.resolve({
    get closed(): boolean {
      return closed;
    },
    send(bytes: Uint8Array): Promise<void> {
      if (closed) return Promise.reject(new Error("syslog UDP socket is closed"));
      if (pending++ === 0) socket.ref();
      return new Promise<void>((done, fail) => {
        socket.send(bytes, target.port, target.host, (error) => {
          if (--pending === 0) socket.unref();
          if (error) fail(error);
          else done();
        });
      });
    },
    close(): Promise<void> {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise<void>((done) => socket.close(() => done()));
    },
  });
}

/**
 * A {@link SyslogTransport} over `node:net` and `node:dgram`. Works on Node,
 * and through their Node compatibility on Bun and Deno. Sockets are unref'd
 * while idle, so logging never keeps a process alive.
 *
 * @example
 * ```ts
 * import { createSyslogSink } from "../../core/shipping/syslog_sink.ts";
 * import { socketSyslogTransport } from "./socket_syslog_transport.ts";
 * const sink = createSyslogSink({ port: 514, transport: "tcp" }, socketSyslogTransport());
 * ```
 */
export function socketSyslogTransport(): SyslogTransport {
  return {
    connect: (target) => (target.protocol === "tcp" ? tcpConnection(target) : udpConnection(target)),
  };
}
