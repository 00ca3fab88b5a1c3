/**
 * Binding a log call's values to its template's holes.
 *
 * @module
 */
import type { LogValue } from "../events/log_value.ts";
import type { MessageTemplate } from "./message_template.ts";
import type { CaptureLimits } from "../capture/capture_limits.ts";
import { capturePlain, captureValue } from "../capture/capture_value.ts";
import { DEFAULT_CAPTURE_LIMITS } from "../capture/capture_limits.ts";

const DEFAULT_MAX_STRING = DEFAULT_CAPTURE_LIMITS.maxStringLength;
import { reportBindingMismatch } from "./binding_diagnostics.ts";
import { templateHoles } from "./template_arrays.ts";

const EXTRA_NAMES: readonly string[] = Array.from({ length: 32 }, (_, i) => "__" + i);

/** `__N`: Serilog's name for a value past the last hole. */
function extraName(index: number): string {
  return index < EXTRA_NAMES.length ? EXTRA_NAMES[index] : "__" + index;
}

/**
 * Binds `values[start]`, `values[start + 1]`… to `template`'s holes, writing
 * each captured value (see `captureValue`, with the hole's capture hint) into
 * `target`, as Serilog's `PropertyBinder` does:
 *
 * - a positional template (`{0}`, `{1}`) binds `{N}` to `values[start + N]`;
 *   values no hole names are dropped;
 * - otherwise the N-th hole, repeats included, gets `values[start + N]`
 *   (`"{A} {B} {B}"` with 1, 2, 3 binds B to 3: the last one wins);
 * - a value past the last hole of a named template is kept as `__N`, N being
 *   its index among the values (`"Extra {A}", 1, 2, 3` → `__1`, `__2`); a
 *   template without holes keeps none;
 * - a hole without a value is not bound (it renders as its own text);
 * - any mismatch is reported through `SelfLog` (see
 *   {@link reportBindingMismatch}).
 *
 * `target` should be a null-prototype object. On the hot path: no allocation
 * besides the captured values themselves. Never throws.
 *
 * @example
 * ```ts
 * import { parseTemplate, type LogProperties } from "@logging/core";
 * import { bindProperties } from "./bind_properties.ts";
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
  redact?: (name: string, captured: LogValue) => LogValue,
): void {
  try {
    const from = start > 0 ? start : 0;
    const count = values.length - from;
    const holes = templateHoles(template);
    const named = holes.length;
    if (named !== count || template.positional) reportBindingMismatch(template, count);
    if (!(count > 0) || named === 0) return;
    if (!template.positional) {
      const bound = named < count ? named : count;
      const maxString = limits === undefined ? DEFAULT_MAX_STRING : limits.maxStringLength;
      for (let i = 0; i < bound; i++) {
        const hole = holes[i];
        const value = values[from + i];
        const plain = capturePlain(value, hole.hint, maxString);
        target[hole.name] = plain !== undefined ? plain : captureValue(value, hole.hint, limits, stringified(hole, redact));
      }
      for (let i = bound; i < count; i++) {
        target[extraName(i)] = captureValue(values[from + i], "default", limits);
      }
      return;
    }
    for (let j = 0; j < named; j++) {
      const hole = holes[j];
      const position = hole.position as number;
      if (position < count) target[hole.name] = captureValue(values[from + position], hole.hint, limits, stringified(hole, redact));
    }
  } catch {
    // A hostile `values` or `target` (throwing getters, a frozen target) leaves what was bound so far.
  }
}

/** For a `{$Name}` hole under redaction: censor the structure before it becomes text (paths and keys cannot see into text). */
function stringified(
  hole: { readonly name: string; readonly hint: string },
  redact: ((name: string, captured: LogValue) => LogValue) | undefined,
): ((captured: LogValue) => LogValue) | undefined {
  return redact === undefined || hole.hint !== "stringify" ? undefined : (captured) => redact(hole.name, captured);
}
