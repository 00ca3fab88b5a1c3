/**
 * CLEF event ids (`@i`): a 32-bit hash of the message template text, so events
 * of one kind can be grouped without sending the template.
 *
 * Compatible with Serilog: `Serilog.Formatting.Compact.EventIdHash.Compute`
 * is Jenkins' one-at-a-time hash over the template's UTF-16 code units, written
 * as 8 lowercase hex digits (`x8`). The same template text therefore gets the
 * same `@i` from .NET and from this library.
 *
 * @module
 */
import type { MessageTemplate } from "../template/message_template.ts";

const cache = new WeakMap<MessageTemplate, string>();

/**
 * Jenkins' one-at-a-time hash of a string's UTF-16 code units, as an unsigned
 * 32-bit integer (Serilog's `EventIdHash.Compute`).
 *
 * @example
 * ```ts
 * import { eventIdHash } from "./event_id.ts";
 * eventIdHash("a").toString(16); // "ca2e9442"
 * ```
 */
export function eventIdHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (hash + text.charCodeAt(i)) | 0;
    hash = (hash + (hash << 10)) | 0;
    hash ^= hash >>> 6;
  }
  hash = (hash + (hash << 3)) | 0;
  hash ^= hash >>> 11;
  hash = (hash + (hash << 15)) | 0;
  return hash >>> 0;
}

/**
 * The event id of a template text as CLEF's `@i` shows it: 8 lowercase hex
 * digits.
 *
 * @example
 * ```ts
 * import { eventIdText } from "./event_id.ts";
 * eventIdText("a"); // "ca2e9442"
 * ```
 */
export function eventIdText(text: string): string {
  return ("0000000" + eventIdHash(text).toString(16)).slice(-8);
}

/**
 * The event id (CLEF's `@i`: 8 lowercase hex digits, the same as Serilog's)
 * of a message template, parsed or as text. For a parsed template it is
 * computed once per template object and cached in a `WeakMap` (templates are
 * shared through the template cache).
 *
 * @example
 * ```ts
 * import { eventId, parseTemplate } from "@logging/core";
 * eventId(parseTemplate("User {UserId} logged in")) === eventId("User {UserId} logged in"); // true
 * eventId("a"); // "ca2e9442"
 * ```
 */
export function eventId(template: MessageTemplate | string): string {
  if (typeof template === "string") return eventIdText(template);
  let id = cache.get(template);
  if (id === undefined) {
    id = eventIdText(template.text);
    cache.set(template, id);
  }
  return id;
}
