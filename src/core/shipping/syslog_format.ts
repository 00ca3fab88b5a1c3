/**
 * RFC 5424 syslog messages from log events:
 * `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID name="value" …] MSG`.
 *
 * @module
 */
import { booleanOption, nonEmptyString, optionError } from "../options/option_checks.ts";
import type { LogLevel } from "../levels/level.ts";
import type { LogEvent } from "../events/log_event.ts";
import { formatErrorText } from "../formatting/error_text.ts";
import { escapeControl } from "../formatting/escape_control.ts";
import { formatIsoTimestamp } from "../formatting/iso_timestamp.ts";
import { renderTemplate } from "../template/render_template.ts";
import { syslogSdId, syslogStructuredData } from "./syslog_structured_data.ts";

/**
 * Syslog facility names (RFC 5424 §6.2.1) and their codes.
 *
 * @example
 * ```ts
 * import { SYSLOG_FACILITIES } from "./syslog_format.ts";
 * SYSLOG_FACILITIES.local0; // 16
 * ```
 */
export const SYSLOG_FACILITIES: Readonly<Record<SyslogFacility, number>> = Object.freeze({
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9,
  authpriv: 10, ftp: 11, ntp: 12, audit: 13, alert: 14, clock: 15,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
});

/**
 * A syslog facility name.
 *
 * @example
 * ```ts
 * import type { SyslogFacility } from "./syslog_format.ts";
 * const facility: SyslogFacility = "local0";
 * ```
 */
export type SyslogFacility =
  | "kern" | "user" | "mail" | "daemon" | "auth" | "syslog" | "lpr" | "news" | "uucp" | "cron"
  | "authpriv" | "ftp" | "ntp" | "audit" | "alert" | "clock"
  | "local0" | "local1" | "local2" | "local3" | "local4" | "local5" | "local6" | "local7";

const SEVERITY: Readonly<Record<LogLevel, number>> = Object.freeze({
  verbose: 7, debug: 7, information: 6, warning: 4, error: 3, fatal: 2,
});

/**
 * The syslog severity of a level: verbose and debug 7 (Debug), information 6
 * (Informational), warning 4 (Warning), error 3 (Error), fatal 2 (Critical).
 *
 * @example
 * ```ts
 * import { syslogSeverity } from "./syslog_format.ts";
 * syslogSeverity("error"); // 3
 * ```
 */
export function syslogSeverity(level: LogLevel): number {
  return SEVERITY[level] ?? 6;
}

/**
 * How events become RFC 5424 messages.
 *
 * @example
 * ```ts
 * import type { SyslogFormatOptions } from "./syslog_format.ts";
 * const options: SyslogFormatOptions = { facility: "local0", appName: "api", hostname: "web-1", procId: 4242 };
 * ```
 */
export interface SyslogFormatOptions {
  /** A name or code 0–23. Default `"user"`. */
  facility?: SyslogFacility | number;
  /** APP-NAME (≤ 48 printable ASCII). Default `-`. */
  appName?: string;
  /** HOSTNAME (≤ 255 printable ASCII). Default `-`; the runtime adapters fill in the host name. */
  hostname?: string;
  /** PROCID (≤ 128). Default `-`; the runtime adapters fill in the process id. */
  procId?: string | number;
  /** The property whose string value is the MSGID (≤ 32). Default `"SourceContext"`; `-` when absent. */
  msgIdProperty?: string;
  /**
   * The SD-ID of the element carrying the properties. Default `"props@32473"`
   * (32473 is the enterprise number reserved for documentation, RFC 5612);
   * use your organisation's private enterprise number in production.
   */
  structuredDataId?: string;
  /** Start MSG with a UTF-8 byte order mark, RFC 5424's marker for UTF-8 text. Default false. */
  utf8Bom?: boolean;
}

/**
 * Formats events as RFC 5424 messages, split in two so a transport can drop
 * structured data or cut the message to fit a size limit.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { syslogFormatter } from "./syslog_format.ts";
 * const f = syslogFormatter({ appName: "api", hostname: "web-1", procId: 7 });
 * f.format({ timestamp: Date.UTC(2026, 10, 22, 12), level: "warning", template: parseTemplate("Disk {Pct}%"), properties: { Pct: 93 } });
 * // '<12>1 2026-11-22T12:00:00.000Z web-1 api 7 - [props@32473 Pct="93"] Disk 93%'
 * ```
 */
export interface SyslogFormatter {
  /** `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA`. */
  head(event: LogEvent, withStructuredData?: boolean): string;
  /** MSG: the rendered message, then the error and its causes on the following lines ("" when empty). */
  message(event: LogEvent): string;
  /** The whole message: head, a space, MSG (head alone when MSG is empty). */
  format(event: LogEvent): string;
}

/**
 * Keeps printable US-ASCII (33–126), replacing anything else with `_`, cut to
 * `max` characters; `-` (NILVALUE) when empty.
 *
 * @example
 * ```ts
 * import { syslogHeaderField } from "./syslog_format.ts";
 * syslogHeaderField("my app", 48); // "my_app"
 * ```
 */
export function syslogHeaderField(value: string | number | undefined, max: number): string {
  if (value === undefined || value === null) return "-";
  const text = String(value);
  let out = "";
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    out += c > 32 && c < 127 ? text[i] : "_";
  }
  return out === "" ? "-" : out;
}

function facilityCode(name: string, facility: unknown): number {
  if (facility === undefined) return 1;
  if (typeof facility === "number" && Number.isInteger(facility) && facility >= 0 && facility <= 23) return facility;
  if (typeof facility === "string" && Object.hasOwn(SYSLOG_FACILITIES, facility)) return SYSLOG_FACILITIES[facility as SyslogFacility];
  throw optionError(name, "a facility name (user, local0…local7, …) or a code 0–23", facility);
}

/**
 * Creates a {@link SyslogFormatter}: PRI from the facility and the level's
 * {@link syslogSeverity}; TIMESTAMP in UTC with milliseconds; HOSTNAME,
 * APP-NAME, PROCID as configured; MSGID from `msgIdProperty`; one SD element
 * with every property ({@link syslogStructuredData}); MSG the rendered
 * message (as `renderTemplate` shows it), then the error text after an
 * escaped line feed; control characters in MSG and in SD values are escaped
 * visibly (`\n`, `\u001b`; see `escapeControl`), so a record is one line.
 * A wrong option is a `TypeError` naming it (prefixed with `sink`, e.g.
 * `syslogSink: facility`).
 *
 * @example
 * ```ts
 * import { syslogFormatter } from "./syslog_format.ts";
 * const formatter = syslogFormatter({ facility: "local0", appName: "api" });
 * ```
 */
export function syslogFormatter(options: SyslogFormatOptions = {}, sink: string = "syslogFormatter"): SyslogFormatter {
  const facility = facilityCode(`${sink}: facility`, options.facility) * 8;
  const fixed = " " + syslogHeaderField(options.hostname, 255) + " " + syslogHeaderField(options.appName, 48) + " " +
    syslogHeaderField(options.procId, 128) + " ";
  const msgIdProperty = nonEmptyString(`${sink}: msgIdProperty`, options.msgIdProperty, "SourceContext");
  const sdId = syslogSdId(nonEmptyString(`${sink}: structuredDataId`, options.structuredDataId, "props@32473"));
  const bom = booleanOption(`${sink}: utf8Bom`, options.utf8Bom, false) ? "\uFEFF" : "";
  const head = (event: LogEvent, withStructuredData: boolean = true): string => {
    const msgId = event.properties[msgIdProperty];
    return "<" + (facility + syslogSeverity(event.level)) + ">1 " + formatIsoTimestamp(event.timestamp) + fixed +
      (typeof msgId === "string" ? syslogHeaderField(msgId, 32) : "-") + " " +
      (withStructuredData ? syslogStructuredData(sdId, event.properties) : "-");
  };
  const message = (event: LogEvent): string => {
    const text = renderTemplate(event.template, event.properties);
    // One record, one line: a receiver that splits on LF must not see a forged record.
    const full = escapeControl(event.error === undefined ? text : text + "\n" + formatErrorText(event.error));
    return full === "" ? "" : bom + full;
  };
  return {
    head,
    message,
    format(event: LogEvent): string {
      const msg = message(event);
      return msg === "" ? head(event) : head(event) + " " + msg;
    },
  };
}
