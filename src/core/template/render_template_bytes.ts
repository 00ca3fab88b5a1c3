/**
 * A message rendered straight to UTF-8, for encoders that write bytes.
 *
 * @module
 */
import type { LogProperties } from "../events/log_value.ts";
import type { MessageTemplate } from "./message_template.ts";
import type { Utf8Writer } from "../formatting/batch_encoder.ts";
import { templateTokens } from "./template_arrays.ts";

/**
 * Writes the UTF-8 of `renderTemplate(template, properties)` into `w` when
 * every hole is plain (no format, no alignment) and holds a string, a finite
 * number, a boolean, `null` or nothing; returns `false` at the first hole
 * that is not (what was written by then is the caller's to discard), so the
 * caller renders that event as text. Strings are quoted as `renderTemplate`
 * quotes them (JSON), numbers written as `String` writes them.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { Utf8Writer } from "../formatting/batch_encoder.ts";
 * import { renderTemplateInto } from "./render_template_bytes.ts";
 * const w = new Utf8Writer(new Uint8Array(64));
 * renderTemplateInto(w, parseTemplate("Hi {Name}, {N} new"), { Name: "Ada", N: 3 }); // true
 * new TextDecoder().decode(w.view()); // 'Hi "Ada", 3 new'
 * ```
 */
export function renderTemplateInto(w: Utf8Writer, template: MessageTemplate, properties: LogProperties): boolean {
  const tokens = templateTokens(template);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === "text") {
      w.text(token.text);
      continue;
    }
    if (token.format !== undefined || token.alignment !== undefined) return false;
    const value = Object.hasOwn(properties, token.name) ? properties[token.name] : undefined;
    switch (typeof value) {
      case "undefined":
        w.text(token.raw);
        break;
      case "string":
        w.jsonString(value);
        break;
      case "number":
        if (!Number.isFinite(value)) return false;
        w.number(value);
        break;
      case "boolean":
        w.text(value ? "true" : "false");
        break;
      default:
        if (value !== null) return false;
        w.text("null");
    }
  }
  return true;
}
