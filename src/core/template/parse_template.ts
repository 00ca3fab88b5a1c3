/**
 * Parsing message templates (messagetemplates.org).
 *
 * @module
 */
import type { CaptureHint, MessageTemplate, PropertyToken, TemplateToken } from "../message_template.ts";
import { safeString } from "../capture/safe_string.ts";
import { templateCache } from "./template_cache.ts";

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
/** Alignment is clamped to ±this, so a template cannot ask for gigabytes of padding. */
const MAX_ALIGNMENT = 1024;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Length (1 or 2 code units) of the name character at `i`, or 0 when it is not one. */
function nameCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f) return 1;
  if (c < 0x80) return 0;
  const point = text.codePointAt(i) as number;
  if (!ID_CONTINUE.test(String.fromCodePoint(point))) return 0;
  return point > 0xffff ? 2 : 1;
}

/** The hole `text[start..end]` (`{` at `start`, `}` at `end`) or `undefined` when malformed. */
function parseHole(text: string, start: number, end: number): PropertyToken | undefined {
  let i = start + 1;
  let hint: CaptureHint = "default";
  const first = text.charCodeAt(i);
  if (first === 0x40) {
    hint = "destructure";
    i++;
  } else if (first === 0x24) {
    hint = "stringify";
    i++;
  }
  const nameStart = i;
  let numeric = true;
  for (let n = nameCharLength(text, i); i < end && n > 0; n = nameCharLength(text, i)) {
    if (!isDigit(text.charCodeAt(i))) numeric = false;
    i += n;
  }
  if (i === nameStart) return undefined;
  const name = text.slice(nameStart, i);
  let alignment: number | undefined;
  if (i < end && text.charCodeAt(i) === COMMA) {
    i++;
    const negative = i < end && text.charCodeAt(i) === MINUS;
    if (negative) i++;
    const digitsStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === digitsStart) return undefined;
    const size = Math.min(Number(text.slice(digitsStart, i)), MAX_ALIGNMENT);
    alignment = negative ? -size : size;
  }
  let format: string | undefined;
  if (i < end && text.charCodeAt(i) === COLON) {
    if (i + 1 < end) format = text.slice(i + 1, end);
    i = end;
  }
  if (i !== end) return undefined;
  const token: { -readonly [K in keyof PropertyToken]: PropertyToken[K] } = {
    kind: "property",
    name,
    raw: text.slice(start, end + 1),
    hint,
  };
  if (numeric) token.position = Number(name);
  if (alignment !== undefined) token.alignment = alignment;
  if (format !== undefined) token.format = format;
  return Object.freeze(token);
}

/**
 * The end of a hole opened at `open`: the index of its `}`, or of a `{` met
 * before any `:` (the hole is then malformed and parsing restarts there), or
 * `text.length`.
 */
function holeEnd(text: string, open: number): number {
  let formatSeen = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CLOSE) return i;
    if (c === COLON) formatSeen = true;
    else if (c === OPEN && !formatSeen) return i;
  }
  return text.length;
}

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
    const end = holeEnd(text, i);
    const hole = end < text.length && text.charCodeAt(end) === CLOSE ? parseHole(text, i, end) : undefined;
    if (hole === undefined) {
      i = text.charCodeAt(end) === CLOSE ? end + 1 : end;
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
 * import { parseTemplateUncached } from "@logging/core";
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
  return Object.freeze({
    text: source,
    tokens: Object.freeze(tokens),
    properties: Object.freeze(properties),
    propertyNames: Object.freeze(propertyNames),
    propertyHints: Object.freeze(propertyHints),
    positional,
  });
}

/**
 * Parses a message template (messagetemplates.org), through the bounded
 * {@link templateCache}: a repeated template costs one `Map` lookup.
 *
 * - Holes: `{Name}`, `{0}`, `{@Name}` (destructure), `{$Name}` (stringify),
 *   alignment `{Name,10}` / `{Name,-10}` (clamped to ±1024), format
 *   `{Name:format}` (anything up to the next `}`). `{{` and `}}` are literal
 *   braces.
 * - Names are identifier characters: letters, digits, `_` (Unicode
 *   `ID_Continue`). No dots, no spaces.
 * - A malformed hole (`{`, `{ }`, `{Name`, `{Na me}`, `{Name,x}`, `{@}`) is
 *   literal text; a lone `}` is literal text.
 * - `propertyNames`: by position when every hole is numeric (`positional`),
 *   otherwise by first appearance; a repeated name appears once.
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
  templateCache.set(source, template);
  return template;
}
