/**
 * The socket a syslog sink writes to, supplied by a runtime adapter
 * (node's `net`/`dgram` modules, Deno's `connect`, Bun's `connect`/`udpSocket`).
 * The core does the framing; a transport only moves bytes.
 *
 * @module
 */

/**
 * Where a syslog sink sends.
 *
 * @example
 * ```ts
 * import type { SyslogTarget } from "./syslog_transport.ts";
 * const target: SyslogTarget = { host: "127.0.0.1", port: 514, protocol: "udp" };
 * ```
 */
export interface SyslogTarget {
  /** The syslog server's host name or IP address. */
  readonly host: string;
  /** The server's port (514 by default for the sink). */
  readonly port: number;
  /** `udp`: one datagram per message; `tcp`: octet-counted frames on a stream. */
  readonly protocol: "udp" | "tcp";
}

/**
 * An open socket. Over TCP, `send` writes a chunk of the stream (already
 * octet-counted frames); over UDP it sends one datagram. `send` resolves once
 * the runtime has taken the bytes (written to the kernel), and rejects on a
 * socket error.
 *
 * @example
 * ```ts
 * import type { SyslogConnection } from "./syslog_transport.ts";
 * const sent: Uint8Array[] = [];
 * const connection: SyslogConnection = {
 *   closed: false,
 *   send: async (bytes) => { sent.push(bytes); },
 *   close: async () => {},
 * };
 * ```
 */
export interface SyslogConnection {
  /** True once the peer closed the stream or the socket failed: the sink reconnects. */
  readonly closed: boolean;
  /** Sends `bytes` (a stream chunk over TCP, one datagram over UDP); resolves once the runtime has taken them. */
  send(bytes: Uint8Array): Promise<void>;
  /** Closes the socket. */
  close(): Promise<void>;
}

/**
 * Opens sockets for a syslog sink.
 *
 * @example
 * ```ts
 * import type { SyslogConnection, SyslogTransport } from "./syslog_transport.ts";
 * const sent: Uint8Array[] = [];
 * const memoryTransport: SyslogTransport = {
 *   connect: async (): Promise<SyslogConnection> => ({ closed: false, send: async (b) => { sent.push(b); }, close: async () => {} }),
 * };
 * ```
 */
export interface SyslogTransport {
  /** Opens a socket to `target`; rejects if the connection fails. */
  connect(target: SyslogTarget): Promise<SyslogConnection>;
}
