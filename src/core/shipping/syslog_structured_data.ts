/**
 * RFC 5424 structured data: SD-IDs, PARAM-NAMEs and escaped PARAM-VALUEs.
 *
 * @module
 */
import { escapeControl } from "../formatting/escape_control.ts";
import type { LogProperties, LogValue } from "../events/log_value.ts";
import { jsonValue } from "../formatting/json_text.ts";

/** RFC 5424 SD-NAME: at most 32 characters. */
const SD_NAME_MAX = 32;

/**
 * Makes `name` a valid RFC 5424 SD-NAME (a PARAM-NAME or the name part of an
 * SD-ID): printable US-ASCII (33–126) except `=`, space, `]` and `"`; any
 * other character becomes `_`; at most 32 characters; `_` when empty.
 *
 * @example
 * ```ts
 * import { syslogSdName } from "./syslog_structured_data.ts";
 * syslogSdName("user id=\"x\""); // "user_id__x_"
 * ```
 */
export function syslogSdName(name: string): string {
  let out = "";
  const n = Math.min(String(name).length, SD_NAME_MAX);
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    out += c > 32 && c < 127 && c !== 0x3d && c !== 0x5d && c !== 0x22 ? name[i] : "_";
  }
  return out === "" ? "_" : out;
}

/**
 * Makes `id` a valid SD-ID: an SD-NAME, which for a private element is
 * `name@enterpriseNumber` (the `@` is allowed here; see RFC 5424 §7.2.2).
 *
 * @example
 * ```ts
 * import { syslogSdId } from "./syslog_structured_data.ts";
 * syslogSdId("props@32473"); // "props@32473"
 * ```
 */
export function syslogSdId(id: string): string {
  return syslogSdName(id);
}

/**
 * Escapes a PARAM-VALUE: `"`, `\` and `]` are preceded by a backslash (RFC
 * 5424 §6.3.3); everything else, UTF-8 included, is kept.
 *
 * @example
 * ```ts
 * import { escapeSdValue } from "./syslog_structured_data.ts";
 * escapeSdValue('a"b\\c]d'); // 'a\\"b\\\\c\\]d'
 * ```
 */
export function escapeSdValue(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x5d) return value.replace(/["\\\]]/g, "\\$&");
  }
  return value;
}

/**
 * A captured value as PARAM-VALUE text (before escaping): strings as they
 * are, numbers and booleans as JavaScript prints them, `null` as `null`,
 * arrays and structures as compact JSON.
 *
 * @example
 * ```ts
 * import { sdValueText } from "./syslog_structured_data.ts";
 * sdValueText({ ip: "10.0.0.1" }); // '{"ip":"10.0.0.1"}'
 * sdValueText("Ada"); // "Ada"
 * ```
 */
export function sdValueText(value: LogValue): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      return value === null ? "null" : jsonValue(value);
  }
}

/**
 * One SD-ELEMENT carrying `properties` as parameters
 * (`[props@32473 UserId="42" Name="Ada"]`), or `-` (NILVALUE) when there are
 * none. `sdId` must already be valid (see {@link syslogSdId}). Control
 * characters in values are escaped visibly first (`\\n`, `\\u001b`).
 *
 * @example
 * ```ts
 * import { syslogStructuredData } from "./syslog_structured_data.ts";
 * syslogStructuredData("props@32473", { UserId: 42, Path: "/a]b" }); // '[props@32473 UserId="42" Path="/a\\]b"]'
 * ```
 */
export function syslogStructuredData(sdId: string, properties: LogProperties): string {
  const names = Object.keys(properties);
  if (names.length === 0) return "-";
  let out = "[" + sdId;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    out += " " + syslogSdName(name) + '="' + escapeSdValue(escapeControl(sdValueText(properties[name]))) + '"';
  }
  return out + "]";
}
