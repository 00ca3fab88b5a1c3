/**
 * The parsed form of a message template (messagetemplates.org).
 *
 * @module
 */

/**
 * How a hole captures its value: `default` (`{Name}`), `destructure`
 * (`{@Name}`, capture the structure) or `stringify` (`{$Name}`, capture
 * `String(value)`).
 *
 * @example
 * ```ts
 * import type { CaptureHint } from "@logging/core";
 * const hint: CaptureHint = "destructure";
 * ```
 */
export type CaptureHint = "default" | "destructure" | "stringify";

/**
 * Literal text between holes, with `{{` and `}}` already unescaped.
 *
 * @example
 * ```ts
 * import type { TextToken } from "@logging/core";
 * const t: TextToken = { kind: "text", text: "User " };
 * ```
 */
export interface TextToken {
  /** Discriminant: a literal text run. */
  readonly kind: "text";
  /** The literal text, braces already unescaped. */
  readonly text: string;
}

/**
 * A hole such as `{@Client,-10:l}`.
 *
 * @example
 * ```ts
 * import type { PropertyToken } from "@logging/core";
 * const hole: PropertyToken = {
 *   kind: "property", name: "UserId", raw: "{UserId}", hint: "default",
 * };
 * ```
 */
export interface PropertyToken {
  /** Discriminant: a hole that binds a value. */
  readonly kind: "property";
  /** The property name without the `@`/`$` sigil. */
  readonly name: string;
  /** The hole exactly as written, used when no value is bound. */
  readonly raw: string;
  /** How the value is captured: from the `@` (destructure) or `$` (stringify) sigil, else `default`. */
  readonly hint: CaptureHint;
  /** Present when the name is all digits: the index of the value it binds. */
  readonly position?: number;
  /** `{Name,10}` → 10 (pad left), `{Name,-10}` → -10 (pad right). */
  readonly alignment?: number;
  /** The text after `:`, e.g. `05d`, `.2f`, `l`, `j`. */
  readonly format?: string;
}

/**
 * One piece of a parsed template.
 *
 * @example
 * ```ts
 * import { parseTemplate, type TemplateToken } from "@logging/core";
 * const first: TemplateToken = parseTemplate("Hi {Name}").tokens[0];
 * ```
 */
export type TemplateToken = TextToken | PropertyToken;

/**
 * A parsed message template. Produced by `parseTemplate`; immutable and shared
 * through the template cache, so treat it as read-only.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * const t = parseTemplate("User {UserId} logged in");
 * t.propertyNames; // ["UserId"]
 * ```
 */
export interface MessageTemplate {
  /** The template source text. */
  readonly text: string;
  /** Text runs and holes in source order; rendering concatenates them. */
  readonly tokens: readonly TemplateToken[];
  /** The holes in source order (repeats included). */
  readonly properties: readonly PropertyToken[];
  /**
   * The distinct names of the holes: by index when every hole is numeric,
   * otherwise left to right by first appearance. (Values bind to `properties`,
   * one per hole, as Serilog binds them; see `bindProperties`.)
   */
  readonly propertyNames: readonly string[];
  /** The capture hint of each entry of `propertyNames` (from its first hole). */
  readonly propertyHints: readonly CaptureHint[];
  /** True when every hole is numeric (`{0}`, `{1}`), so values bind by index. */
  readonly positional: boolean;
}
