/**
 * The arrays of a parsed template as the hot loops read them.
 *
 * @module
 */
import type { MessageTemplate, PropertyToken, TemplateToken } from "./message_template.ts";

/**
 * A parsed template's `tokens` and `properties` are frozen (templates are
 * cached and shared), and JavaScriptCore reads a frozen array through a slow
 * path: binding three holes took 32 ns from the frozen array and 11 ns from a
 * copy on Bun (V8: 32 and 25). A template `parseTemplate` makes keeps
 * unfrozen copies in private fields, for the loops of a log call and of the
 * encoders: nothing outside can reach them (a key on the template, even a
 * symbol, could be found and the copies changed), they cost two slots and two
 * small arrays (a WeakMap entry per template held more and was cleared only
 * by a full collection), and the check is a brand test. A template made
 * another way has none and is read as it is.
 */
class ParsedTemplate implements MessageTemplate {
  readonly text: string;
  readonly tokens: readonly TemplateToken[];
  readonly properties: readonly PropertyToken[];
  readonly propertyNames: readonly string[];
  readonly propertyHints: MessageTemplate["propertyHints"];
  readonly positional: boolean;
  readonly #tokens: readonly TemplateToken[];
  readonly #holes: readonly PropertyToken[];

  constructor(parts: MessageTemplate) {
    this.text = parts.text;
    this.tokens = parts.tokens;
    this.properties = parts.properties;
    this.propertyNames = parts.propertyNames;
    this.propertyHints = parts.propertyHints;
    this.positional = parts.positional;
    this.#tokens = [...parts.tokens];
    this.#holes = [...parts.properties];
  }

  static holes(template: MessageTemplate): readonly PropertyToken[] {
    return #holes in template ? template.#holes : template.properties;
  }

  static tokens(template: MessageTemplate): readonly TemplateToken[] {
    return #tokens in template ? template.#tokens : template.tokens;
  }
}

/**
 * A template with the parts of `parts` (its arrays as given, frozen by the
 * caller) that also keeps unfrozen copies of its tokens and holes for
 * {@link templateHoles} and {@link templateTokens}.
 *
 * @example
 * ```ts
 * import { withUnfrozenArrays } from "./template_arrays.ts";
 * const t = withUnfrozenArrays({ text: "", tokens: [], properties: [], propertyNames: [], propertyHints: [], positional: false });
 * ```
 */
export function withUnfrozenArrays(parts: MessageTemplate): MessageTemplate {
  return new ParsedTemplate(parts);
}

/**
 * `template.properties`, read from the unfrozen copy when there is one.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "./parse_template.ts";
 * import { templateHoles } from "./template_arrays.ts";
 * templateHoles(parseTemplate("Hi {Name}"))[0].name; // "Name"
 * ```
 */
export function templateHoles(template: MessageTemplate): readonly PropertyToken[] {
  return ParsedTemplate.holes(template);
}

/**
 * `template.tokens`, read from the unfrozen copy when there is one.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "./parse_template.ts";
 * import { templateTokens } from "./template_arrays.ts";
 * templateTokens(parseTemplate("Hi {Name}")).length; // 2
 * ```
 */
export function templateTokens(template: MessageTemplate): readonly TemplateToken[] {
  return ParsedTemplate.tokens(template);
}
