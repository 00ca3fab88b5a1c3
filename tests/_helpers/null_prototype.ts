/** Expected values shaped like captured ones, for deep equality with null-prototype objects. */

/** Rebuilds `value` with null-prototype objects, as capture produces them. */
export function np(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(np);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = np(v);
    return out;
  }
  return value;
}
