/**
 * Where a request's id comes from: a header the caller names, `x-request-id`,
 * `cf-ray`, else a new UUID.
 *
 * @module
 */

/** Headers that carry a request id, in the order they are tried. */
const ID_HEADERS: readonly string[] = ["x-request-id", "cf-ray"];

// A client-supplied id is logged with every event of the request: keep it short
// and printable, or make a new one.
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

interface CryptoGlobals {
  crypto?: { randomUUID?: () => string };
}

/**
 * The request's id: the first acceptable value of `preferred` (when given),
 * `x-request-id` or `cf-ray`, else {@link newRequestId}. A value is acceptable
 * when it is 1 to 128 printable ASCII characters without spaces. Never throws.
 *
 * @example
 * ```ts
 * import { requestIdFrom } from "./request_id.ts";
 * const headers = new Headers({ "cf-ray": "8a1b2c3d4e5f-SJC" });
 * requestIdFrom((name) => headers.get(name)); // "8a1b2c3d4e5f-SJC"
 * ```
 */
export function requestIdFrom(header: (name: string) => unknown, preferred?: string): string {
  if (preferred !== undefined) {
    const id = readId(header, preferred);
    if (id !== undefined) return id;
  }
  for (const name of ID_HEADERS) {
    const id = readId(header, name);
    if (id !== undefined) return id;
  }
  return newRequestId();
}

/**
 * A new request id: `crypto.randomUUID()` where the runtime has it (all four
 * do), else a random base-36 string.
 *
 * @example
 * ```ts
 * import { newRequestId } from "./request_id.ts";
 * newRequestId(); // e.g. "3b241101-e2bb-4255-8caf-4136c566a962"
 * ```
 */
export function newRequestId(): string {
  try {
    const crypto = (globalThis as unknown as CryptoGlobals).crypto;
    if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  } catch {
    // fall through to the non-cryptographic id: it only has to be unlikely to repeat
  }
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

function readId(header: (name: string) => unknown, name: string): string | undefined {
  let value: unknown;
  try {
    value = header(name);
  } catch {
    return undefined;
  }
  if (typeof value !== "string") return undefined;
  const id = value.trim();
  return ACCEPTABLE_ID.test(id) ? id : undefined;
}
