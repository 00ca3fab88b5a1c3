/**
 * OTLP/HTTP JSON written straight from a batch's events to UTF-8.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { LogLevel } from "../levels/level.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { inheritsNothing } from "../events/property_record.ts";
import { Utf8Writer } from "../formatting/batch_encoder.ts";
import { formatErrorText } from "../formatting/error_text.ts";
import { clefLevelName } from "../formatting/level_names.ts";
import { renderTemplate } from "../template/render_template.ts";
import { renderTemplateInto } from "../template/render_template_bytes.ts";
import {
  JSON_ATTRIBUTES,
  JSON_BODY,
  writeJsonEnd,
  writeJsonKeyValue,
  writeJsonRecordTimes,
  writeJsonRequestStart,
  writeJsonScopeStart,
  writeJsonTraceIds,
  writeUnixNano,
} from "./otlp_json_bytes.ts";
import {
  OTLP_TEMPLATE_ATTRIBUTE,
  type OtlpBatchRequest,
  otlpScopeGroups,
  otlpSeverityNumber,
  type OtlpTraceIds,
  otlpTraceIds,
} from "./otlp_record.ts";

/** A rendered-message buffer larger than this is not kept after its batch. */
const MAX_KEPT_BODY = 1 << 16;
const UTF8 = new TextEncoder();
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE_CLOSE = 0x7d;

/**
 * Writes an OTLP JSON export request for `batch`: the bytes
 * `encodeOtlpJsonBytes` writes for the request `groupOtlpRecords` and
 * `toOtlpRecord` make of it, without making the records. The level fields and
 * the template attribute are encoded once per level and per template.
 * Writes into `into` when it is large enough (else a new buffer) and returns
 * a view over the bytes.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { OtlpJsonEncoder } from "./otlp_json_events.ts";
 * const events = [{ timestamp: 1, level: "information" as const, template: parseTemplate("Hi {N}"), properties: { N: 1 } }];
 * const request = { resource: [], scopeName: "app", scopeVersion: "", scopeProperty: "SourceContext", observedAt: 2 };
 * JSON.parse(new TextDecoder().decode(new OtlpJsonEncoder().encodeEvents(events, request, new Uint8Array(512)))).resourceLogs.length; // 1
 * ```
 */
export class OtlpJsonEncoder {
  #lastTemplate: MessageTemplate | undefined;
  #lastParts: TemplateParts = { attribute: new Uint8Array(0), plainText: false };
  readonly #observed = new Utf8Writer(new Uint8Array(32));
  #body = new Utf8Writer(new Uint8Array(256));

  /** The request's bytes, as a view over `into` or a buffer grown from it. */
  encodeEvents(batch: readonly LogEvent[], request: OtlpBatchRequest, into: Uint8Array): Uint8Array {
    const w = new Utf8Writer(into);
    const observed = this.#observed;
    observed.pos = 0;
    writeUnixNano(observed, request.observedAt);
    const observedText = observed.buf.subarray(0, observed.pos);
    writeJsonRequestStart(w, request.resource);
    let first = true;
    for (const [scope, members] of otlpScopeGroups(batch, request.scopeName, request.scopeProperty)) {
      writeJsonScopeStart(w, scope, request.scopeVersion, first);
      first = false;
      const count = members === undefined ? batch.length : members.length;
      for (let i = 0; i < count; i++) {
        if (i > 0) w.byte(COMMA);
        this.#record(w, batch[members === undefined ? i : members[i]], request.scopeProperty, observedText);
      }
      writeJsonEnd(w, "scope");
    }
    writeJsonEnd(w, "request");
    // A message a hundred times the usual size grew the buffer: let it go.
    if (this.#body.buf.length > MAX_KEPT_BODY) this.#body = new Utf8Writer(new Uint8Array(256));
    return w.view();
  }

  #record(w: Utf8Writer, event: LogEvent, scopeProperty: string, observed: Uint8Array): void {
    const properties = event.properties;
    const ids = otlpTraceIds(properties);
    const scopeNamed = typeof properties[scopeProperty] === "string";
    writeJsonRecordTimes(w, event.timestamp);
    w.bytes(observed);
    w.bytes(levelFields(event.level));
    w.bytes(JSON_BODY);
    const template = this.#template(event.template);
    const text = this.#body;
    text.pos = 0;
    // The message rendered straight to UTF-8 and escaped from there when its
    // holes are plain (no string to build and flatten), unless the template's
    // text has surrogates (jsonString writes a lone one as \uXXXX, the
    // encoder would have replaced it).
    if (template.plainText && renderTemplateInto(text, event.template, properties)) w.jsonUtf8(text.buf, text.pos);
    else w.jsonString(renderTemplate(event.template, properties));
    w.bytes(JSON_ATTRIBUTES);
    w.byte(OPEN);
    w.bytes(template.attribute);
    if (inheritsNothing(properties)) {
      for (const key in properties) {
        if (!skipped(key, ids, scopeNamed, scopeProperty)) attribute(w, key, properties[key]);
      }
    } else {
      const names = Object.keys(properties);
      for (let i = 0; i < names.length; i++) {
        if (!skipped(names[i], ids, scopeNamed, scopeProperty)) attribute(w, names[i], properties[names[i]]);
      }
    }
    const error = event.error;
    if (error !== undefined) {
      attribute(w, "exception.type", error.name || "Error");
      if (error.message) attribute(w, "exception.message", error.message);
      attribute(w, "exception.stacktrace", formatErrorText(error));
    }
    w.byte(CLOSE);
    if (ids !== undefined) writeJsonTraceIds(w, ids.traceId, ids.spanId);
    w.byte(BRACE_CLOSE);
  }

  /** What is constant per template (its attribute's bytes; whether its text is free of surrogates), made once per template in a row. */
  #template(template: MessageTemplate): TemplateParts {
    if (template === this.#lastTemplate) return this.#lastParts;
    let parts = templateParts.get(template);
    if (parts === undefined) {
      const w = new Utf8Writer(new Uint8Array(64 + template.text.length * 6));
      writeJsonKeyValue(w, OTLP_TEMPLATE_ATTRIBUTE, template.text, 0);
      parts = { attribute: w.view().slice(), plainText: !SURROGATE.test(template.text) };
      templateParts.set(template, parts);
    }
    this.#lastTemplate = template;
    this.#lastParts = parts;
    return parts;
  }
}

interface TemplateParts {
  readonly attribute: Uint8Array;
  readonly plainText: boolean;
}

const SURROGATE = /[\ud800-\udfff]/;
const templateParts = new WeakMap<MessageTemplate, TemplateParts>();
const levelFieldCache = new Map<string, Uint8Array>();

/** `","severityNumber":N,"severityText":"…"` of `level`, encoded once (it closes the observed time's quote). */
function levelFields(level: LogLevel): Uint8Array {
  let bytes = levelFieldCache.get(level);
  if (bytes === undefined) {
    bytes = UTF8.encode('","severityNumber":' + otlpSeverityNumber(level) + ',"severityText":' + JSON.stringify(clefLevelName(level)));
    if (levelFieldCache.size < 16) levelFieldCache.set(level, bytes);
  }
  return bytes;
}

function skipped(key: string, ids: OtlpTraceIds | undefined, scopeNamed: boolean, scopeProperty: string): boolean {
  return (ids !== undefined && (key === ids.traceKey || key === ids.spanKey)) || (scopeNamed && key === scopeProperty);
}

/** `,{"key":…,"value":…}`: every attribute after the template's. */
function attribute(w: Utf8Writer, key: string, value: Parameters<typeof writeJsonKeyValue>[2]): void {
  w.byte(COMMA);
  writeJsonKeyValue(w, key, value, 0);
}
