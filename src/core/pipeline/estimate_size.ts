/**
 * A cheap estimate of how many bytes a queued event keeps alive.
 *
 * @module
 */
import type { LogEvent } from "../events/log_event.ts";
import type { LogValue } from "../events/log_value.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { templateCache } from "../template/template_cache.ts";

/**
 * Per-event overhead: the event object, its timestamp, its property record
 * and the queue's bookkeeping (a ring slot: reference and size; up
 * to twice over while the ring is half empty), and per-property overhead.
 * Calibrated when records were dictionaries on V8 (~257 B without
 * properties, ~304 B with three small ones, ~636 B with six). Records now
 * share hidden classes (Node 24, 200,000 queued events: 139 B without
 * properties, 155 B with three, 194 B with six; Bun ~143 B), so the estimate
 * is about 2–3× what events of one call site hold. It is kept: a record whose
 * keys come from data gets a hidden class of its own (233 B for three such
 * keys, 347 B for six, plus the key strings), and a budget must hold no more
 * than it says for any input.
 */
const EVENT_OVERHEAD = 300;
const ENTRY_OVERHEAD = 48;
const MAX_WALK_DEPTH = 16;
/**
 * A parsed template's own objects (the template, its four frozen arrays and
 * the unfrozen copies of two of them the hot loops read), and per token its
 * object and strings. Measured with 100,000 distinct templates kept: five
 * tokens and 42 characters, 1,450 B each on Node 24 and 1,530 B on Bun
 * (estimate 1,680); 21 tokens, 2,740 B and 3,670 B (estimate 4,890).
 */
const TEMPLATE_OVERHEAD = 600;
const TOKEN_OVERHEAD = 200;

/**
 * Estimates the memory an event holds (UTF-16 strings at 2 bytes a character
 * plus object overheads). It is an estimate, computed once per event at
 * enqueue, so budgets are approximate by design; a parsed template is
 * counted only when it is too long for the template cache (a cached one is
 * shared by every event of that template).
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { estimateEventSize } from "./estimate_size.ts";
 * const bytes = estimateEventSize({
 *   timestamp: 0, level: "information", template: parseTemplate("Hi {Name}"),
 *   properties: { Name: "Ada" },
 * });
 * ```
 */
export function estimateEventSize(event: LogEvent): number {
  let size = EVENT_OVERHEAD;
  const properties = event.properties;
  for (const key in properties) size += estimatePropertySize(key, properties[key]);
  const error = event.error;
  if (error !== undefined) {
    size += 64 + (error.name?.length ?? 0) * 2 + (error.message?.length ?? 0) * 2 + (error.stack?.length ?? 0) * 2;
    if (error.cause !== undefined) size += estimateValueSize(error.cause as LogValue, 1);
    if (error.properties !== undefined) size += estimateValueSize(error.properties as LogValue, 1);
  }
  return size + estimateTemplateSize(event.template);
}

/**
 * Estimates the bytes a parsed template adds to an event that holds it: its
 * text and tokens when the template is too long for the template cache (each
 * event of such a template keeps its own) or when `fresh` (this event's call
 * parsed it: a dynamically built message, which no other event shares), else
 * 0 (a cached template is shared by every event of that template).
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { estimateTemplateSize } from "./estimate_size.ts";
 * estimateTemplateSize(parseTemplate("Hi {Name}")); // 0
 * estimateTemplateSize(parseTemplate("Hi {Name}"), true); // its full size
 * ```
 */
export function estimateTemplateSize(template: MessageTemplate, fresh: boolean = false): number {
  const text = template.text;
  if (!fresh && !(text.length > templateCache.maxLength)) return 0;
  return TEMPLATE_OVERHEAD + text.length * 2 + template.tokens.length * TOKEN_OVERHEAD;
}

/**
 * Estimates the bytes one property `key: value` adds to an event: the share of
 * {@link estimateEventSize} for that entry, for callers that build the
 * properties one at a time.
 *
 * @example
 * ```ts
 * import { estimatePropertySize } from "./estimate_size.ts";
 * estimatePropertySize("User", "alice");
 * ```
 */
export function estimatePropertySize(key: string, value: LogValue): number {
  // Primitives inline (as estimateValueSize sizes them), so the common case makes no call.
  const bytes = typeof value === "string"
    ? 16 + value.length * 2
    : typeof value === "object" && value !== null
    ? estimateValueSize(value, 0)
    : 8;
  return ENTRY_OVERHEAD + key.length * 2 + bytes;
}

/**
 * Estimates the bytes one captured value holds.
 *
 * @example
 * ```ts
 * import { estimateValueSize } from "./estimate_size.ts";
 * estimateValueSize("abc"); // 22
 * ```
 */
export function estimateValueSize(value: LogValue | undefined, depth = 0): number {
  switch (typeof value) {
    case "string":
      return 16 + value.length * 2;
    case "number":
    case "boolean":
      return 8;
    case "object": {
      if (value === null) return 8;
      if (depth >= MAX_WALK_DEPTH) return 64;
      let size = 32;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) size += 8 + estimateValueSize(value[i], depth + 1);
      } else {
        const record = value as Record<string, LogValue>;
        for (const key in record) size += ENTRY_OVERHEAD + key.length * 2 + estimateValueSize(record[key], depth + 1);
      }
      return size;
    }
    default:
      return 8;
  }
}
