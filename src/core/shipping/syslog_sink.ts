/**
 * The syslog sink over an adapter-supplied {@link SyslogTransport}: RFC 5424
 * messages, octet-counted framing over TCP (one write per batch), one datagram
 * per message over UDP, size limits, reconnection.
 *
 * @module
 */
import { integerAtLeast, nonEmptyString, oneOf, optionsObject, positiveNumber } from "../options/option_checks.ts";
import type { LogEvent } from "../events/log_event.ts";
import type { RuntimeAdapter, Scheduler } from "../runtime/runtime.ts";
import type { Sink } from "../sinks/sink.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { webScheduler } from "../runtime/portable_runtime.ts";
import { type SyslogFormatOptions, syslogFormatter } from "./syslog_format.ts";
import { octetCountedFrames, truncateUtf8 } from "./syslog_framing.ts";
import type { SyslogConnection, SyslogTarget, SyslogTransport } from "./syslog_transport.ts";

/**
 * Options of a syslog sink (`syslogSink` from `@logging/core/node`, `/deno`,
 * `/bun`).
 *
 * @example
 * ```ts
 * import type { SyslogSinkOptions } from "./syslog_sink.ts";
 * const options: SyslogSinkOptions = { host: "127.0.0.1", port: 514, transport: "tcp", facility: "local0", appName: "api" };
 * ```
 */
export interface SyslogSinkOptions extends SyslogFormatOptions {
  /** Default `"127.0.0.1"`. */
  host?: string;
  /** Default 514. */
  port?: number;
  /** Default `"udp"`. */
  transport?: "udp" | "tcp";
  /**
   * The largest message in bytes; longer ones lose their structured data if
   * that alone is too long, then are cut at a character boundary. Default
   * 2 048 over UDP (RFC 5426's SHOULD) and 8 192 over TCP (rsyslog's default
   * maxMessageSize).
   */
  maxMessageBytes?: number;
  /** A connection attempt is given up after this long. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** The sink's name in metrics and SelfLog. Default `"syslog"`. */
  name?: string;
}

/**
 * A syslog {@link Sink} with counters.
 *
 * @example
 * ```ts
 * import { createSyslogSink } from "./syslog_sink.ts";
 * import { type SyslogTransport } from "./syslog_transport.ts";
 * declare const transport: SyslogTransport;
 * const sink = createSyslogSink({ transport: "tcp", port: 6514 }, transport);
 * sink.truncatedMessages; // 0
 * ```
 */
export interface SyslogSink extends Sink {
  /** The host, port and protocol messages are sent to. */
  readonly target: SyslogTarget;
  /** Messages cut (or stripped of structured data) to fit `maxMessageBytes`. */
  readonly truncatedMessages: number;
  /** Connections opened (reconnections included). */
  readonly connects: number;
  /** Sends a batch; rejects when it could not be delivered. */
  emit(batch: readonly LogEvent[]): Promise<void>;
  /** Uses the runtime's scheduler for the connect timeout. */
  attach(runtime: RuntimeAdapter): void;
  /** Closes the socket; a later batch opens a new one. */
  close(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Builds a syslog sink over a transport; the runtime adapters' `syslogSink`
 * call this with their own transport and defaults (host name, process id).
 * The connection opens on the first batch and is reopened after an error; a
 * batch that fails on a connection that had already been used is retried
 * once on a fresh one (the peer may have closed it while idle).
 *
 * @example
 * ```ts
 * import { LoggerConfiguration } from "@logging/core";
 * import { createSyslogSink } from "./syslog_sink.ts";
 * import { type SyslogTransport } from "./syslog_transport.ts";
 * declare const transport: SyslogTransport;
 * const log = new LoggerConfiguration()
 *   .writeTo(createSyslogSink({ host: "127.0.0.1", port: 514, transport: "udp", appName: "api" }, transport))
 *   .createLogger();
 * ```
 */
export function createSyslogSink(options: SyslogSinkOptions, transport: SyslogTransport): SyslogSink {
  optionsObject("syslogSink options", options);
  const protocol = oneOf("syslogSink: transport", options.transport, ["udp", "tcp"] as const, "udp");
  const target: SyslogTarget = {
    host: nonEmptyString("syslogSink: host", options.host, "127.0.0.1"),
    port: integerAtLeast("syslogSink: port", options.port, 1, 514),
    protocol,
  };
  const name = nonEmptyString("syslogSink: name", options.name, "syslog");
  const formatter = syslogFormatter(options, "syslogSink");
  const limit = integerAtLeast("syslogSink: maxMessageBytes", options.maxMessageBytes, 64, protocol === "udp" ? 2048 : 8192);
  const connectTimeoutMs = positiveNumber("syslogSink: connectTimeoutMs", options.connectTimeoutMs, 5_000);
  let scheduler: Scheduler | undefined;
  let connection: Promise<SyslogConnection> | undefined;
  let truncated = 0;
  let connects = 0;
  let bytesWritten = 0;

  const encode = (event: LogEvent): Uint8Array => {
    const bytes = encoder.encode(formatter.format(event));
    if (bytes.length <= limit) return bytes;
    truncated++;
    let head = encoder.encode(formatter.head(event));
    if (head.length + 1 >= limit) head = encoder.encode(formatter.head(event, false));
    const message = encoder.encode(formatter.message(event));
    const out = new Uint8Array(Math.min(limit, head.length + 1 + message.length));
    const kept = truncateUtf8(head, out.length);
    out.set(kept, 0);
    if (kept.length < head.length) return out.subarray(0, kept.length);
    out[head.length] = 0x20;
    const body = truncateUtf8(message, out.length - head.length - 1);
    out.set(body, head.length + 1);
    return out.subarray(0, head.length + 1 + body.length);
  };

  const open = (): Promise<SyslogConnection> => {
    const clock = (scheduler ??= webScheduler());
    connects++;
    return new Promise<SyslogConnection>((resolve, reject) => {
      let done = false;
      const timer = clock.setTimeout(() => {
        if (done) return;
        done = true;
        reject(new Error(`${name}: connecting to ${target.protocol}://${target.host}:${target.port} timed out after ${connectTimeoutMs} ms`));
      }, connectTimeoutMs, { keepAlive: false });
      transport.connect(target).then(
        (c) => {
          clock.clearTimeout(timer);
          if (done) c.close().catch(() => {});
          else resolve(c);
          done = true;
        },
        (error: unknown) => {
          clock.clearTimeout(timer);
          if (!done) reject(error);
          done = true;
        },
      );
    });
  };

  const current = async (): Promise<{ c: SyslogConnection; fresh: boolean }> => {
    if (connection !== undefined) {
      const c = await connection.catch(() => undefined);
      if (c !== undefined && !c.closed) return { c, fresh: false };
      connection = undefined;
    }
    const pending = open();
    connection = pending;
    try {
      return { c: await pending, fresh: true };
    } catch (error) {
      if (connection === pending) connection = undefined;
      throw error;
    }
  };

  const drop = (c: SyslogConnection): void => {
    connection = undefined;
    c.close().catch(() => {});
  };

  const sendAll = async (c: SyslogConnection, chunks: readonly Uint8Array[]): Promise<void> => {
    for (const chunk of chunks) {
      await c.send(chunk);
      bytesWritten += chunk.length;
    }
  };

  return {
    name,
    target,
    get truncatedMessages(): number {
      return truncated;
    },
    get connects(): number {
      return connects;
    },
    get bytesWritten(): number {
      return bytesWritten;
    },
    attach(runtime: RuntimeAdapter): void {
      scheduler = runtime.scheduler;
    },
    async emit(batch: readonly LogEvent[]): Promise<void> {
      if (batch.length === 0) return;
      const messages = batch.map(encode);
      const chunks = protocol === "tcp" ? [octetCountedFrames(messages)] : messages;
      const first = await current();
      try {
        await sendAll(first.c, chunks);
        return;
      } catch (error) {
        drop(first.c);
        // UDP sends are independent: a retry would duplicate the datagrams already sent.
        if (first.fresh || protocol === "udp") throw error;
        SelfLog.write(`Sink "${name}": the connection failed (${String(error)}); reconnecting once`);
      }
      const second = await current();
      try {
        await sendAll(second.c, chunks);
      } catch (error) {
        drop(second.c);
        throw error;
      }
    },
    async close(): Promise<void> {
      const pending = connection;
      connection = undefined;
      const c = await pending?.catch(() => undefined);
      await c?.close();
    },
  };
}
