/**
 * Reading one CLEF line (compact log event format, one JSON object per line)
 * back into a {@link LogEvent}.
 *
 * @module
 */
import { type LogLevel, parseLogLevel } from "../levels/level.ts";
import type { ErrorInfo, LogEvent } from "../events/log_event.ts";
import type { LogProperties, LogValue } from "../events/log_value.ts";
import { parseTemplate } from "../template/parse_template.ts";

/**
 * The event a CLEF line holds, or `undefined` when the line is not a CLEF
 * object (not JSON, not an object, or without a valid `@t`). `@mt` is the
 * template (else `@m`, with its braces escaped, else empty); `@l` the level
 * (information when absent; unknown names count as information); `@x` the
 * error text; `@@name` the property `@name`; other `@` fields (`@i`, `@r`,
 * `@tr`, `@sp`) are not properties. Never throws.
 */
export function parseClefLine(line: string): LogEvent | undefined {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const stamp = typeof record["@t"] === "string" ? Date.parse(record["@t"]) : Number.NaN;
  if (Number.isNaN(stamp)) return undefined;
  const mt = record["@mt"];
  const m = record["@m"];
  const templateText = typeof mt === "string" ? mt : typeof m === "string" ? m.replace(/\{/g, "{{").replace(/\}/g, "}}") : "";
  const level: LogLevel = typeof record["@l"] === "string" ? parseLogLevel(record["@l"]) ?? "information" : "information";
  const properties: Record<string, LogValue> = Object.create(null);
  for (const key of Object.keys(record)) {
    if (key.startsWith("@@")) properties[key.slice(1)] = record[key] as LogValue;
    else if (!key.startsWith("@")) properties[key] = record[key] as LogValue;
  }
  const event: LogEvent = { timestamp: stamp, level, template: parseTemplate(templateText), properties: properties as LogProperties };
  const x = record["@x"];
  return typeof x === "string" && x !== "" ? { ...event, error: errorFromText(x) } : event;
}

/** `@x` is the stack (and causes) as text; its first line is `Name: message`. */
function errorFromText(text: string): ErrorInfo {
  const first = text.split("\n", 1)[0];
  const colon = first.indexOf(": ");
  const name = colon > 0 && /^[\w$.]+$/.test(first.slice(0, colon)) ? first.slice(0, colon) : "Error";
  const message = colon > 0 ? first.slice(colon + 2) : first;
  return { name, message, stack: text };
}
