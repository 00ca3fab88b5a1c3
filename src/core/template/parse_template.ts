/**
 * Parsing message templates (messagetemplates.org).
 *
 * @module
 */
import type { CaptureHint, MessageTemplate, PropertyToken, TemplateToken } from "./message_template.ts";
import { safeString } from "../capture/safe_string.ts";
import { templateCache } from "./template_cache.ts";
import { SelfLog } from "../diagnostics/self_log.ts";
import { withUnfrozenArrays } from "./template_arrays.ts";

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
/** Alignment is clamped to ±this, so a template cannot ask for gigabytes of padding. */
const MAX_ALIGNMENT = 1024;
/** Largest position a hole may name: Serilog reads positions as a 32-bit `int`. */
const MAX_POSITION = 2147483647;
// Serilog's rules (MessageTemplateParser.cs): a name is all (Unicode decimal)
// digits, or identifiers of letters, digits and `_` that start with a letter
// or `_`, joined by single dots (`http.method`, `te.st.na.me`).
const DIGITS = /^\p{Nd}+$/u;
const DOTTED_NAME = /^[\p{L}_][\p{L}\p{Nd}_]*(?:\.[\p{L}_][\p{L}\p{Nd}_]*)*$/u;
const ALIGNMENT = /^-?[0-9]+$/;
const ASCII_DIGITS = /^[0-9]+$/;

/**
 * The hole whose text between the braces is `content` (as Serilog's
 * `TrySplitTagContent` and `ParsePropertyToken` read it), or `undefined` when
 * it is malformed.
 */
function parseHole(content: string, raw: string): PropertyToken | undefined {
  if (content.length === 0) return undefined;
  const formatAt = content.indexOf(":");
  const alignmentAt = content.indexOf(",");
  let head = content;
  let format: string | undefined;
  let alignmentText: string | undefined;
  if (alignmentAt === -1 || (formatAt !== -1 && alignmentAt > formatAt)) {
    // No alignment, or a comma inside the format (`{N:0,0}`).
    if (formatAt !== -1) {
      head = content.slice(0, formatAt);
      if (formatAt < content.length - 1) format = content.slice(formatAt + 1);
    }
  } else {
    head = content.slice(0, alignmentAt);
    if (formatAt === -1) alignmentText = content.slice(alignmentAt + 1);
    else {
      alignmentText = content.slice(alignmentAt + 1, formatAt);
      if (formatAt < content.length - 1) format = content.slice(formatAt + 1);
    }
  }
  let hint: CaptureHint = "default";
  let name = head;
  const sigil = head.charCodeAt(0);
  if (sigil === 0x40) hint = "destructure";
  else if (sigil === 0x24) hint = "stringify";
  if (hint !== "default") name = head.slice(1);
  if (name.length === 0) return undefined;
  const digits = DIGITS.test(name);
  if (!digits && !DOTTED_NAME.test(name)) return undefined;
  let alignment: number | undefined;
  if (alignmentText !== undefined) {
    if (!ALIGNMENT.test(alignmentText)) return undefined;
    const width = Number(alignmentText);
    if (!(Math.abs(width) <= MAX_POSITION)) return undefined;
    alignment = Math.max(-MAX_ALIGNMENT, Math.min(MAX_ALIGNMENT, width)) || 0;
  }
  const token: { -readonly [K in keyof PropertyToken]: PropertyToken[K] } = { kind: "property", name, raw, hint };
  // Serilog: positional when the name reads as a non-negative `int`; other
  // all-digit names (too large, non-ASCII digits) are ordinary names.
  if (digits && ASCII_DIGITS.test(name) && Number(name) <= MAX_POSITION) token.position = Number(name);
  if (alignment !== undefined) token.alignment = alignment;
  if (format !== undefined) token.format = format;
  return Object.freeze(token);
}

/**
 * Serilog's tokenizer: `{{` and `}}` are literal braces and a lone `}` is
 * literal; a `{` opens a hole that ends at the next `}`. A malformed hole
 * (or a `{` with no `}` after it) is literal text exactly as written, escapes
 * inside it included.
 */
function tokenize(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let literal = "";
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== OPEN && c !== CLOSE) {
      i++;
      continue;
    }
    if (text.charCodeAt(i + 1) === c) {
      literal += text.slice(from, i + 1);
      i += 2;
      from = i;
      continue;
    }
    if (c === CLOSE) {
      i++;
      continue;
    }
    const end = text.indexOf("}", i + 1);
    if (end === -1) break;
    const raw = text.slice(i, end + 1);
    const hole = parseHole(text.slice(i + 1, end), raw);
    if (hole === undefined) {
      literal += text.slice(from, end + 1);
      i = end + 1;
      from = i;
      continue;
    }
    literal += text.slice(from, i);
    if (literal.length > 0) tokens.push(Object.freeze({ kind: "text", text: literal }));
    literal = "";
    tokens.push(hole);
    i = end + 1;
    from = i;
  }
  literal += text.slice(from);
  if (literal.length > 0) tokens.push(Object.freeze({ kind: "text", text: literal }));
  return tokens;
}

/**
 * Parses `text` without consulting or filling the cache. Prefer
 * {@link parseTemplate}. Never throws.
 *
 * @example
 * ```ts
 * import { parseTemplateUncached } from "./parse_template.ts";
 * parseTemplateUncached("{0} + {1}").positional; // true
 * ```
 */
export function parseTemplateUncached(text: string): MessageTemplate {
  const source = typeof text === "string" ? text : safeString(text);
  const tokens = tokenize(source);
  const properties: PropertyToken[] = [];
  for (const token of tokens) if (token.kind === "property") properties.push(token);
  let positional = properties.length > 0;
  for (const p of properties) if (p.position === undefined) positional = false;
  const ordered = positional
    ? properties.slice().sort((a, b) => (a.position as number) - (b.position as number))
    : properties;
  const propertyNames: string[] = [];
  const propertyHints: CaptureHint[] = [];
  const seen = new Set<string>(); // not indexOf: a long template can have thousands of holes
  for (const p of ordered) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    propertyNames.push(p.name);
    propertyHints.push(p.hint);
  }
  return Object.freeze(withUnfrozenArrays({
    text: source,
    tokens: Object.freeze(tokens),
    properties: Object.freeze(properties),
    propertyNames: Object.freeze(propertyNames),
    propertyHints: Object.freeze(propertyHints),
    positional,
  }));
}

/**
 * Parses a message template (messagetemplates.org), through the bounded
 * {@link templateCache}: a repeated template costs one `Map` lookup.
 *
 * Follows Serilog's `MessageTemplateParser`:
 *
 * - Holes: `{Name}`, `{0}`, `{@Name}` (destructure), `{$Name}` (stringify),
 *   alignment `{Name,10}` / `{Name,-10}` (clamped to ±1024), format
 *   `{Name:format}` (anything up to the `}`; a `,` after the `:` belongs to
 *   the format). `{{` and `}}` are literal braces.
 * - Names: an identifier (letters, digits, `_`, not starting with a digit),
 *   or several joined by dots (`{http.method}`); or all digits, which makes
 *   the hole positional.
 * - A hole ends at the first `}`. A malformed one (`{}`, `{ }`, `{Na me}`,
 *   `{0a}`, `{.a}`, `{Name,x}`, `{Name,+5}`, `{@}`, `{a{b}`) is literal text
 *   exactly as written; so are a `{` with no `}` after it and a lone `}`.
 * - `propertyNames`: by position when every hole is numeric (`positional`),
 *   otherwise by first appearance; a repeated name appears once.
 * - Mixing named and numeric holes is reported through `SelfLog`, as
 *   Serilog does; such a template binds left to right.
 *
 * The result is deeply frozen and shared. Never throws; a non-string is
 * converted with `String` first.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * const t = parseTemplate("User {UserId} from {@Client,-10:l}");
 * t.propertyNames; // ["UserId", "Client"]
 * t.properties[1]; // { kind: "property", name: "Client", raw: "{@Client,-10:l}", hint: "destructure", alignment: -10, format: "l" }
 * ```
 */
export function parseTemplate(text: string): MessageTemplate {
  const source = typeof text === "string" ? text : safeString(text);
  const cached = templateCache.get(source);
  if (cached !== undefined) return cached;
  let template: MessageTemplate;
  try {
    template = parseTemplateUncached(source);
  } catch {
    template = Object.freeze({
      text: source,
      tokens: Object.freeze([Object.freeze({ kind: "text", text: source })]),
      properties: Object.freeze([]),
      propertyNames: Object.freeze([]),
      propertyHints: Object.freeze([]),
      positional: false,
    });
  }
  if (!template.positional && SelfLog.enabled) {
    for (const hole of template.properties) {
      if (hole.position === undefined) continue;
      SelfLog.write(`Message template is malformed: ${source}`);
      break;
    }
  }
  templateCache.set(source, template);
  return template;
}
