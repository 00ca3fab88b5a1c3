/**
 * Redaction of captured values: paths, keys at any depth and text patterns,
 * applied where a value enters the logger, so a secret never reaches a queue,
 * a sink or a metric.
 *
 * @module
 */
import type { ErrorInfo } from "../events/log_event.ts";
import type { LogProperties, LogStructure, LogValue } from "../events/log_value.ts";
import type { MessageTemplate } from "../template/message_template.ts";
import { compilePaths, type PathNode, step } from "./redact_paths.ts";
import { REDACT_PATTERNS, type RedactOptions } from "./redaction_options.ts";

const NO_NODES: readonly PathNode[] = [];
const OPTION_NAMES = ["paths", "keys", "patterns", "censor"];
/** Marks the copy of `REDACT_PATTERNS.creditCard`: its matches must pass the Luhn check. */
const LUHN = Symbol("luhn");

/**
 * A string cut at capture (`…[+N chars]`) may end inside a secret that no
 * pattern can recognise any more (half a token): its last word is censored.
 */
function censorCutTail(text: string, censor: string): string {
  const cut = text.lastIndexOf("…[+");
  if (cut < 0 || !/^…\[\+\d+ chars\]$/.test(text.slice(cut))) return text;
  const kept = text.slice(0, cut);
  const wordStart = Math.max(kept.lastIndexOf(" "), kept.lastIndexOf("\n"), kept.lastIndexOf("\t")) + 1;
  if (wordStart >= kept.length || kept.endsWith(censor)) return text;
  return kept.slice(0, wordStart) + censor + text.slice(cut);
}

/** Whether the digits of `text` pass the Luhn check (payment card numbers do; most ids do not). */
function luhn(text: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let d = c - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * A compiled {@link RedactOptions}. Values are never changed in place: a
 * value with something to censor is copied along the way to it (captured
 * values may be shared, e.g. by `forContext`).
 *
 * @example
 * ```ts
 * import { Redactor } from "./redactor.ts";
 * const r = new Redactor({ paths: ["user.password"], keys: ["token"] });
 * r.property("user", { name: "ann", password: "hunter2" }); // { name: "ann", password: "[Redacted]" }
 * ```
 */
export class Redactor {
  /** The replacement text. */
  readonly censor: string;
  readonly #root: PathNode;
  readonly #keyPatterns: readonly RegExp[];
  readonly #patterns: readonly RegExp[];
  /** Whether anything below a value can match without a path (keys or patterns). */
  readonly #deep: boolean;
  /** The property names paths start at, when no path starts with `*`. */
  readonly #rootNames: readonly string[] | undefined;
  readonly #templates = new WeakMap<MessageTemplate, boolean>();
  /** The last template asked about (a loop logs one template many times). */
  #lastTemplate: MessageTemplate | undefined = undefined;
  #lastAnswer = true;

  /** Compiles and validates `options` (a `TypeError` names what is wrong). */
  constructor(options: RedactOptions) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw new TypeError("redact takes an options object { paths, keys, patterns, censor }");
    }
    for (const name of Object.keys(options)) {
      if (!OPTION_NAMES.includes(name)) throw new TypeError(`redact: unknown option ${JSON.stringify(name)} (use ${OPTION_NAMES.join(", ")})`);
    }
    const { paths = [], keys = [], patterns = [], censor = "[Redacted]" } = options;
    if (!Array.isArray(paths)) throw new TypeError("redact: paths must be an array of strings");
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string" && !(k instanceof RegExp))) {
      throw new TypeError("redact: keys must be an array of strings and RegExps");
    }
    if (!Array.isArray(patterns) || patterns.some((p) => !(p instanceof RegExp))) {
      throw new TypeError("redact: patterns must be an array of RegExps");
    }
    if (typeof censor !== "string") throw new TypeError("redact: censor must be a string");
    if (paths.length + keys.length + patterns.length === 0) throw new TypeError("redact: give at least one of paths, keys or patterns");
    this.censor = censor;
    this.#root = compilePaths(paths);
    // Every key rule in one RegExp per flag set (one test per property name,
    // not one per rule); a string matches the whole name, case-insensitively.
    // (A RegExp with back-references or named groups keeps its own.)
    const sources = new Map<string, string[]>();
    const alone: RegExp[] = [];
    for (const k of keys) {
      if (typeof k !== "string" && /\\[1-9]|\\k<|\(\?</.test(k.source)) {
        alone.push(new RegExp(k.source, k.flags.replace(/[gy]/g, "")));
        continue;
      }
      const flags = typeof k === "string" ? "i" : k.flags.replace(/[gy]/g, "");
      const source = typeof k === "string" ? `^${k.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")}$` : k.source;
      (sources.get(flags) ?? sources.set(flags, []).get(flags) as string[]).push(`(?:${source})`);
    }
    this.#keyPatterns = [...[...sources].map(([flags, list]) => new RegExp(list.join("|"), flags)), ...alone];
    this.#patterns = patterns.map((p) => {
      const copy = new RegExp(p.source, p.flags.replace(/[gy]/g, "") + "g");
      return p === REDACT_PATTERNS.creditCard ? Object.assign(copy, { [LUHN]: true }) : copy;
    });
    this.#deep = this.#keyPatterns.length > 0 || this.#patterns.length > 0;
    this.#rootNames = this.#deep || this.#root.any !== undefined ? undefined : [...this.#root.children.keys()];
  }

  /**
   * Whether properties bound from `template`'s holes can hold anything to
   * censor: false when only paths are set and none starts at one of its hole
   * names (decided once per template).
   */
  mayMatch(template: MessageTemplate): boolean {
    if (template === this.#lastTemplate) return this.#lastAnswer;
    const names = this.#rootNames;
    if (names === undefined) return true;
    let answer = this.#templates.get(template);
    if (answer === undefined) {
      answer = template.propertyNames.some((name) => names.includes(name));
      this.#templates.set(template, answer);
    }
    this.#lastTemplate = template;
    this.#lastAnswer = answer;
    return answer;
  }

  /** Whether a property named `key` is censored whole by a key rule. */
  #isSecretKey(key: string): boolean {
    const patterns = this.#keyPatterns;
    for (let i = 0; i < patterns.length; i++) if (patterns[i].test(key)) return true;
    return false;
  }

  /**
   * The value of top-level property `key`, redacted (the same value when
   * nothing matches). With `inPlace`, structures below are changed where they
   * are (for values this call captured and no one else holds); otherwise they
   * are copied along the way to what changes.
   */
  property(key: string, value: LogValue, inPlace = false): LogValue {
    if (!this.#deep) {
      // Paths only: most properties match no path, and cost one lookup.
      const root = this.#root;
      if (root.any === undefined && !root.children.has(key)) return value;
    } else if (this.#isSecretKey(key)) return this.censor;
    const nodes = step([this.#root], key);
    for (const n of nodes) if (n.terminal) return this.censor;
    if (nodes.length === 0 && !this.#deep) return value;
    return this.#value(value, nodes, inPlace);
  }

  /**
   * Redacts the properties of `properties`, a record the caller owns (its
   * values are replaced). `inPlace`: see {@link Redactor.property}. With paths
   * alone (none starting with `*`) this costs one lookup per path.
   */
  properties(properties: LogProperties, inPlace = false): void {
    const names = this.#rootNames;
    if (names !== undefined) {
      for (let i = 0; i < names.length; i++) {
        const key = names[i];
        if (!(key in properties)) continue;
        const value = properties[key];
        const redacted = this.property(key, value, inPlace);
        if (redacted !== value) properties[key] = redacted;
      }
      return;
    }
    for (const key in properties) {
      const value = properties[key];
      const redacted = this.property(key, value, inPlace);
      if (redacted !== value) properties[key] = redacted;
    }
  }

  /** Text with every pattern match replaced. */
  text(text: string): string {
    let out = text;
    const patterns = this.#patterns;
    const censor = this.censor;
    // A function replacement: `$&` and friends in a censor are text, never the match.
    const always = (): string => censor;
    const cards = (match: string): string => (luhn(match) ? censor : match);
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i];
      pattern.lastIndex = 0;
      out = out.replace(pattern, (pattern as { [LUHN]?: boolean })[LUHN] === true ? cards : always);
    }
    return patterns.length > 0 ? censorCutTail(out, censor) : out;
  }

  /** An error with patterns applied to its message and stack, and its properties and cause redacted. */
  error(error: ErrorInfo): ErrorInfo {
    if (!this.#deep && this.#root.children.size === 0 && this.#root.any === undefined) return error;
    const message = this.text(error.message);
    const name = this.text(error.name);
    const stack = error.stack === undefined ? undefined : this.text(error.stack);
    let properties = error.properties;
    if (properties !== undefined) {
      const copy: Record<string, LogValue> = Object.create(null);
      for (const key in properties) copy[key] = this.property(key, properties[key]);
      properties = copy;
    }
    const cause = error.cause;
    const redactedCause = cause === undefined ? undefined : isErrorInfo(cause) ? this.error(cause) : this.#value(cause, NO_NODES);
    const out: { -readonly [K in keyof ErrorInfo]: ErrorInfo[K] } = { ...error, name, message };
    if (stack !== undefined) out.stack = stack;
    if (properties !== undefined) out.properties = properties;
    if (redactedCause !== undefined) out.cause = redactedCause;
    return out;
  }

  #value(value: LogValue, nodes: readonly PathNode[], inPlace = false): LogValue {
    if (typeof value === "string") return this.#patterns.length > 0 ? this.text(value) : value;
    if (value === null || typeof value !== "object") return value;
    if (nodes.length === 0 && !this.#deep) return value;
    if (Array.isArray(value)) {
      let copy: LogValue[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const next = nodes.length === 0 ? NO_NODES : step(nodes, String(i));
        const redacted = hasTerminal(next) ? this.censor : this.#value(item, next, inPlace);
        if (redacted === item) continue;
        if (inPlace) (value as LogValue[])[i] = redacted;
        else (copy ??= value.slice())[i] = redacted;
      }
      return copy ?? value;
    }
    const structure = value as LogStructure;
    if (!this.#deep && nodes.length === 1 && nodes[0].any === undefined) {
      // Paths alone, one node: look up only the names it continues with.
      return this.#namedMembers(structure, nodes[0], inPlace);
    }
    let copy: Record<string, LogValue> | undefined;
    for (const key in structure) {
      const member = structure[key];
      let redacted: LogValue;
      if (this.#isSecretKey(key)) redacted = this.censor;
      else {
        const next = nodes.length === 0 ? NO_NODES : step(nodes, key);
        redacted = hasTerminal(next) ? this.censor : this.#value(member, next, inPlace);
      }
      if (redacted !== member) copy = replaceMember(structure, copy, key, redacted, inPlace);
    }
    return copy ?? value;
  }

  /** {@link Redactor.#value} of a structure for one path node without a wildcard: only its named children are visited. */
  #namedMembers(structure: LogStructure, node: PathNode, inPlace: boolean): LogValue {
    let copy: Record<string, LogValue> | undefined;
    for (const [key, child] of node.children) {
      if (!Object.hasOwn(structure, key)) continue;
      const member = structure[key];
      const redacted = child.terminal ? this.censor : this.#value(member, [child], inPlace);
      if (redacted !== member) copy = replaceMember(structure, copy, key, redacted, inPlace);
    }
    return copy ?? structure;
  }
}

/**
 * Puts `redacted` at `key`: into `structure` itself when `inPlace`, else into
 * its copy (made on the first change). Returns the copy, if any.
 */
function replaceMember(
  structure: LogStructure,
  copy: Record<string, LogValue> | undefined,
  key: string,
  redacted: LogValue,
  inPlace: boolean,
): Record<string, LogValue> | undefined {
  if (inPlace) {
    (structure as Record<string, LogValue>)[key] = redacted;
    return copy;
  }
  if (copy === undefined) {
    copy = Object.create(null) as Record<string, LogValue>;
    for (const k in structure) copy[k] = structure[k];
  }
  copy[key] = redacted;
  return copy;
}

function hasTerminal(nodes: readonly PathNode[]): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i].terminal) return true;
  return false;
}

function isErrorInfo(value: unknown): value is ErrorInfo {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    typeof (value as ErrorInfo).name === "string" && typeof (value as ErrorInfo).message === "string" &&
    "stack" in (value as object);
}
