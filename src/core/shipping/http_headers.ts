/**
 * Checking HTTP header options when a sink is created, and keeping credential
 * values out of error messages.
 *
 * @module
 */

/** RFC 9110 token characters: what a header name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters a header value may not contain (a request could be split or refused). */
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
/** Header names whose values are credentials. */
const SECRET_NAME = /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret|password|session|auth/i;

/**
 * Whether a header's value is a credential that must never be printed
 * (`authorization`, `proxy-authorization`, `cookie`, and names containing
 * `api-key`/`apikey`, `token`, `secret`, `password`, `session` or `auth`).
 *
 * @example
 * ```ts
 * import { isSecretHeader } from "./http_headers.ts";
 * isSecretHeader("Authorization"); // true
 * isSecretHeader("X-Seq-ApiKey"); // true
 * isSecretHeader("x-tenant"); // false
 * ```
 */
export function isSecretHeader(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Checks one header value given as option `option` of `sink`: a string
 * without CR, LF or NUL. Throws a `TypeError` naming the option, never
 * showing the value (it may be a credential).
 *
 * @example
 * ```ts
 * import { checkHeaderValue } from "./http_headers.ts";
 * checkHeaderValue("seqSink", "apiKey", "abc123"); // ok
 * // checkHeaderValue("seqSink", "apiKey", "abc\r\n"); // TypeError: seqSink: apiKey contains a line break or NUL…
 * ```
 */
export function checkHeaderValue(sink: string, option: string, value: unknown): void {
  if (typeof value !== "string") throw new TypeError(`${sink}: ${option} must be a string`);
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new TypeError(`${sink}: ${option} contains a line break or NUL character, which an HTTP header cannot carry (value not shown)`);
  }
}

/**
 * Checks the `headers` option of `sink`: an object whose keys are valid
 * header names and whose values are strings without CR, LF or NUL. Throws a
 * `TypeError` naming the header, never showing its value.
 *
 * @example
 * ```ts
 * import { checkHeaders } from "./http_headers.ts";
 * checkHeaders("otlpSink", { authorization: "Bearer abc" }); // ok
 * // checkHeaders("otlpSink", { authorization: "Bearer abc\n" }); // TypeError: otlpSink: headers["authorization"] contains…
 * ```
 */
export function checkHeaders(sink: string, headers: unknown): void {
  if (headers === undefined) return;
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
    throw new TypeError(`${sink}: headers must be an object of header names to string values`);
  }
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    if (!TOKEN.test(name)) throw new TypeError(`${sink}: headers has an invalid header name ${JSON.stringify(name.slice(0, 64))}`);
    checkHeaderValue(sink, `headers[${JSON.stringify(name)}]`, (headers as Record<string, unknown>)[name]);
  }
}

/**
 * `text` with the values of the credential headers among `headers` (see
 * {@link isSecretHeader}) and any user information of a URL
 * (`https://user:pass@host`) replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * import { redactSecrets } from "./http_headers.ts";
 * redactSecrets("rejected key abc123", { "x-seq-apikey": "abc123" }); // "rejected key [redacted]"
 * redactSecrets("POST https://u:p@h/x failed", {}); // "POST https://[redacted]@h/x failed"
 * ```
 */
export function redactSecrets(text: string, headers: Readonly<Record<string, string>>): string {
  let out = text.replace(/(\/\/)[^/@\s]*@/g, "$1[redacted]@");
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== "string" || value.length < 4 || !isSecretHeader(name)) continue;
    out = out.replaceAll(value, "[redacted]");
    // "Bearer abc": the token alone may be echoed too.
    const space = value.lastIndexOf(" ");
    if (space > 0 && value.length - space > 4) out = out.replaceAll(value.slice(space + 1), "[redacted]");
  }
  return out;
}
