/**
 * Works out what a level method was given: a template and values, an error
 * first, a tagged template, or (pino style) a properties object first.
 *
 * @module
 */
import type { ErrorInfo } from "../events/log_event.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { parseTemplate } from "../template/parse_template.ts";
import { captureError } from "../capture/capture_error.ts";
import { walkOwnKeys } from "../capture/own_keys.ts";
import { truncateString } from "../capture/capture_limits.ts";

/**
 * The parts of a log call other than a plain `(template, ...values)` one.
 *
 * @example
 * ```ts
 * import { resolveCallShape } from "./call_shape.ts";
 * const shape = resolveCallShape([new Error("boom"), "Failed {Id}", 7]);
 * shape.valuesStart; // 2
 * ```
 */
export interface CallShape {
  /** The parsed message template (empty when the call had none). */
  template: MessageTemplate;
  /** Where the template's values start in the call's arguments. */
  valuesStart: number;
  /** Values to bind when they are not the call's own arguments (tagged templates). */
  values?: readonly unknown[];
  /** The error passed as the first argument, captured at call time. */
  error?: ErrorInfo;
  /** A leading properties object (`log.info({ userId }, "Signed in")`). */
  extra?: Readonly<Record<string, unknown>>;
}

interface TaggedEntry {
  template: MessageTemplate;
  names: (string | undefined)[];
}

const taggedCache = new WeakMap<TemplateStringsArray, TaggedEntry>();
const EMPTY = parseTemplate("");

/**
 * Resolves every call shape except the plain string-first one, which the
 * logger handles inline. Never throws.
 *
 * @example
 * ```ts
 * import { resolveCallShape } from "./call_shape.ts";
 * resolveCallShape([{ userId: 1 }, "Signed in"]).extra; // { userId: 1 }
 * ```
 */
export function resolveCallShape(args: readonly unknown[]): CallShape {
  const first = args[0];
  if (isTemplateStrings(first)) return resolveTagged(first, args);
  if (isErrorLike(first)) {
    const error = captureError(first);
    if (typeof args[1] === "string") return { template: parseBoundedTemplate(args[1]), valuesStart: 2, error };
    return { template: parseBoundedTemplate(escapeBraces(error.message)), valuesStart: 1, error };
  }
  if (first !== null && typeof first === "object") {
    const extra = first as Record<string, unknown>;
    if (typeof args[1] === "string") return { template: parseBoundedTemplate(args[1]), valuesStart: 2, extra };
    return { template: EMPTY, valuesStart: 1, extra };
  }
  if (args.length === 0) return { template: EMPTY, valuesStart: 0 };
  return { template: parseBoundedTemplate(safeString(first)), valuesStart: 1 };
}

/**
 * The longest message template a log call keeps, in UTF-16 code units; a
 * longer one is cut like a long string (`…[+N chars]`) before parsing, so a
 * dynamically built message can cost neither unbounded time nor memory.
 *
 * @example
 * ```ts
 * import { MAX_TEMPLATE_LENGTH } from "./call_shape.ts";
 * MAX_TEMPLATE_LENGTH; // 16384
 * ```
 */
export const MAX_TEMPLATE_LENGTH = 16_384;

/**
 * `parseTemplate(text)`, with `text` first cut to {@link MAX_TEMPLATE_LENGTH}.
 *
 * @example
 * ```ts
 * import { parseBoundedTemplate } from "./call_shape.ts";
 * parseBoundedTemplate("x".repeat(20_000)).text.length; // 16400
 * ```
 */
export function parseBoundedTemplate(text: string): MessageTemplate {
  return parseTemplate(text.length > MAX_TEMPLATE_LENGTH ? truncateString(text, MAX_TEMPLATE_LENGTH) : text);
}

/**
 * Whether a value should be treated as the error of an `(error, template)`
 * call: an `Error`, or an object shaped like one (from another realm).
 *
 * @example
 * ```ts
 * import { isErrorLike } from "./call_shape.ts";
 * isErrorLike(new TypeError("x")); // true
 * isErrorLike({ message: "x" }); // false
 * ```
 */
export function isErrorLike(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  try {
    if (value instanceof Error) return true;
    const candidate = value as { name?: unknown; message?: unknown; stack?: unknown };
    return typeof candidate.message === "string" && typeof candidate.stack === "string" &&
      typeof candidate.name === "string";
  } catch {
    return false;
  }
}

function isTemplateStrings(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && Object.hasOwn(value, "raw") && Object.isFrozen(value);
}

/**
 * A tagged call `` log.info`User ${{ userId }} from ${ip}` `` becomes the
 * template `User {userId} from {__1}`: a one-key plain object names its hole,
 * any other value gets the extra-value name `__N`. Templates are cached per
 * call site (the strings array is the same object on every call).
 */
function resolveTagged(strings: TemplateStringsArray, args: readonly unknown[]): CallShape {
  const count = strings.length - 1;
  const names: (string | undefined)[] = new Array(count);
  const values: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const value = args[i + 1];
    const key = singleKey(value);
    names[i] = key;
    values[i] = key === undefined ? value : (value as Record<string, unknown>)[key];
  }
  let entry = taggedCache.get(strings);
  if (entry === undefined || !sameNames(entry.names, names)) {
    entry = { template: parseBoundedTemplate(taggedText(strings, names)), names };
    taggedCache.set(strings, entry);
  }
  return { template: entry.template, valuesStart: 0, values: namedOrder(entry.template, names, values) };
}

function taggedText(strings: TemplateStringsArray, names: readonly (string | undefined)[]): string {
  let text = escapeBraces(strings[0]);
  for (let i = 0; i < names.length; i++) {
    text += `{${names[i] ?? `__${i}`}}` + escapeBraces(strings[i + 1]);
  }
  return text;
}

/** Orders the values as the template binds them: one per hole (a repeated name gets its value again). */
function namedOrder(template: MessageTemplate, names: readonly (string | undefined)[], values: unknown[]): unknown[] {
  const byName = new Map<string, unknown>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? `__${i}`;
    if (!byName.has(name)) byName.set(name, values[i]);
  }
  return template.properties.map((hole) => byName.get(hole.name));
}

function sameNames(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function singleKey(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  try {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return undefined;
    // At most two keys are read, whatever the object holds.
    let only: string | undefined;
    let count = 0;
    walkOwnKeys(value, 2, (key) => {
      only = key;
      count++;
      return true;
    }, 0);
    return count === 1 && only !== undefined && IDENTIFIER.test(only) ? only : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `text` as a template that renders as itself (`{` → `{{`, `}` → `}}`): an
 * error logged without a template shows its message.
 *
 * @example
 * ```ts
 * import { escapeBraces } from "./call_shape.ts";
 * escapeBraces("a {b}"); // "a {{b}}"
 * ```
 */
export function escapeBraces(text: string): string {
  return text.replaceAll("{", "{{").replaceAll("}", "}}");
}

function safeString(value: unknown): string {
  try {
    return escapeBraces(String(value));
  } catch {
    return "[unprintable]";
  }
}
