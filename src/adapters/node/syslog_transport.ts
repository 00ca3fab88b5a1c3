/**
 * Syslog for Node: the transport over `node:net`/`node:dgram` and `syslogSink`.
 *
 * @module
 */
import * as os from "node:os";
import process from "node:process";
import { createSyslogSink, type SyslogSink, type SyslogSinkOptions } from "../../core/shipping/syslog_sink.ts";
import type { SyslogTransport } from "../../core/shipping/syslog_transport.ts";
import { socketSyslogTransport } from "../shared/socket_syslog_transport.ts";

/**
 * A {@link SyslogTransport} over `node:net` and `node:dgram`. Sockets are
 * unref'd while idle, so logging never keeps a process alive.
 *
 * @example
 * ```ts
 * import { nodeSyslogTransport } from "@logging/core/node";
 * const transport = nodeSyslogTransport();
 * ```
 */
export function nodeSyslogTransport(): SyslogTransport {
  return socketSyslogTransport();
}

/**
 * An RFC 5424 syslog sink for Node: UDP or TCP (octet-counted), the host
 * name and process id filled in by default.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * import { nodeRuntime, syslogSink } from "@logging/core/node";
 * const log = new LoggerConfiguration({ runtime: nodeRuntime() })
 *   .writeTo(syslogSink({ host: "127.0.0.1", port: 514, transport: "tcp", facility: "local0", appName: "api" }))
 *   .createLogger();
 * ```
 */
export function syslogSink(options: SyslogSinkOptions = {}): SyslogSink {
  return createSyslogSink(
    { ...options, hostname: options.hostname ?? os.hostname(), procId: options.procId ?? process.pid },
    nodeSyslogTransport(),
  );
}
