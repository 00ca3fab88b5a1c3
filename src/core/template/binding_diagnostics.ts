/**
 * Internal (not exported from the package): the `SelfLog` diagnostics of a
 * log call whose values do not match its template, worded as Serilog's
 * `PropertyBinder` words them so that a reader who knows one knows the other.
 *
 * @module
 */
import type { MessageTemplate } from "./message_template.ts";
import { SelfLog } from "../diagnostics/self_log.ts";

/**
 * Reports, through `SelfLog`, a log call whose values do not match its
 * template's holes, with Serilog's wording (PropertyBinder.cs). `count` is the
 * number of values given. Costs one branch when `SelfLog` is off.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "@logging/core";
 * import { reportBindingMismatch } from "./binding_diagnostics.ts";
 * reportBindingMismatch(parseTemplate("Hello {who}"), 2); // "Named property count does not match parameter count: Hello {who}"
 * ```
 */
export function reportBindingMismatch(template: MessageTemplate, count: number): void {
  if (!SelfLog.enabled) return;
  const holes = template.properties;
  if (count <= 0) {
    if (holes.length > 0) SelfLog.write(`Required properties not provided for: ${template.text}`);
  } else if (holes.length === 0) {
    SelfLog.write(`Parameters provided for message template with no properties: ${template.text}`);
  } else if (!template.positional) {
    if (holes.length !== count) SelfLog.write(`Named property count does not match parameter count: ${template.text}`);
  } else {
    let highest = -1;
    for (const hole of holes) {
      const position = hole.position as number;
      if (position >= count) SelfLog.write(`Unassigned positional value ${position} in: ${template.text}`);
      else if (position > highest) highest = position;
    }
    if (highest + 1 < count) {
      SelfLog.write(`Positional property count does not match parameter count: ${template.text}`);
    }
  }
}

