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
 * copy on Bun (V8: 32 and 25). `parseTemplate` keeps unfrozen copies here,
 * for the loops of a log call and of the encoders; nothing outside this
 * module can reach them (a key on the template, even a symbol, could be
 * found and the copies changed), and a lookup costs 3–7 ns. A template made
 * another way has none and is read as it is.
 */
const unfrozen = new WeakMap<MessageTemplate, UnfrozenArrays>();

interface UnfrozenArrays {
  readonly tokens: readonly TemplateToken[];
  readonly properties: readonly PropertyToken[];
}

/**
 * Keeps unfrozen copies of `template`'s arrays for {@link templateHoles} and
 * {@link templateTokens}; returns `template`.
 *
 * @example
 * ```ts
 * import { withUnfrozenArrays } from "./template_arrays.ts";
 * const t = withUnfrozenArrays({ text: "", tokens: [], properties: [], propertyNames: [], propertyHints: [], positional: false });
 * ```
 */
export function withUnfrozenArrays<T extends MessageTemplate>(template: T): T {
  unfrozen.set(template, { tokens: [...template.tokens], properties: [...template.properties] });
  return template;
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
  const arrays = unfrozen.get(template);
  return arrays === undefined ? template.properties : arrays.properties;
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
  const arrays = unfrozen.get(template);
  return arrays === undefined ? template.tokens : arrays.tokens;
}
