/**
 * Binding a log call's values to its template's holes.
 *
 * @module
 */
import type { LogValue } from "../log_value.ts";
import type { MessageTemplate } from "../message_template.ts";
import type { CaptureLimits } from "../capture/capture_limits.ts";
import { captureValue } from "../capture/capture_value.ts";

const EXTRA_NAMES: readonly string[] = Array.from({ length: 32 }, (_, i) => "__" + i);

function extraName(index: number): string {
  return index < EXTRA_NAMES.length ? EXTRA_NAMES[index] : "__" + index;
}

/**
 * Binds `values[start]`, `values[start + 1]`… to `template`'s holes, writing
 * each captured value (see `captureValue`, with the hole's capture hint) into
 * `target`:
 *
 * - a positional template (`{0}`, `{1}`) binds `{N}` to `values[start + N]`;
 * - otherwise the N-th distinct name (first appearance) gets `values[start + N]`;
 * - a value no hole takes is kept as `__N`, N being its index among the values
 *   (so `values[start + N]` → `__N`);
 * - a hole without a value is not bound (it renders as its own text).
 *
 * `target` should be a null-prototype object. On the hot path: no allocation
 * besides the captured values themselves. Never throws.
 *
 * @example
 * ```ts
 * import { bindProperties, parseTemplate, type LogProperties } from "@logging/core";
 * const props: LogProperties = Object.create(null);
 * bindProperties(parseTemplate("User {UserId} from {@Client}"), ["x", 42, { ip: "10.0.0.1" }, true], 1, props);
 * props; // { UserId: 42, Client: { ip: "10.0.0.1" }, __2: true }
 * ```
 */
export function bindProperties(
  template: MessageTemplate,
  values: ArrayLike<unknown>,
  start: number,
  target: Record<string, LogValue>,
  limits?: CaptureLimits,
): void {
  try {
    const from = start > 0 ? start : 0;
    const count = values.length - from;
    if (!(count > 0)) return;
    const names = template.propertyNames;
    const hints = template.propertyHints;
    const named = names.length;
    if (!template.positional) {
      const bound = named < count ? named : count;
      for (let i = 0; i < bound; i++) {
        target[names[i]] = captureValue(values[from + i], hints[i], limits);
      }
      for (let i = bound; i < count; i++) {
        target[extraName(i)] = captureValue(values[from + i], "default", limits);
      }
      return;
    }
    for (let j = 0; j < named; j++) {
      const position = Number(names[j]);
      if (position < count) target[names[j]] = captureValue(values[from + position], hints[j], limits);
    }
    for (let i = 0; i < count; i++) {
      let taken = false;
      for (let j = 0; j < named && !taken; j++) taken = Number(names[j]) === i;
      if (!taken) target[extraName(i)] = captureValue(values[from + i], "default", limits);
    }
  } catch {
    // A hostile `values` or `target` (throwing getters, a frozen target) leaves what was bound so far.
  }
}
