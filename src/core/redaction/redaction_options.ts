/**
 * What `LoggerConfiguration.redact()` takes, and the ready-made key list and
 * patterns it offers.
 *
 * @module
 */

/**
 * Options of `LoggerConfiguration.redact()`.
 *
 * @example
 * ```ts
 * import { DEFAULT_REDACT_KEYS, REDACT_PATTERNS, type RedactOptions } from "@logging/core";
 * const options: RedactOptions = {
 *   paths: ["password", "user.password", "*.token", "headers.authorization", "items[*].secret"],
 *   keys: DEFAULT_REDACT_KEYS,
 *   patterns: [REDACT_PATTERNS.jwt, REDACT_PATTERNS.bearer],
 *   censor: "[Redacted]",
 * };
 * ```
 */
export interface RedactOptions {
  /**
   * pino-style paths rooted at a property name: `password`, `user.password`,
   * `*.token` (`*`: any property), `headers.authorization`, `items[*].secret`
   * (`[*]`: any array item), `items[0].secret`, `headers["x-api-key"]`.
   */
  readonly paths?: readonly string[];
  /**
   * Property names to redact at any depth: a string matches the name
   * case-insensitively, a `RegExp` by `test`. {@link DEFAULT_REDACT_KEYS} has
   * the usual suspects.
   */
  readonly keys?: readonly (string | RegExp)[];
  /**
   * Applied to every captured string, error message and stack: each match is
   * replaced by the censor. {@link REDACT_PATTERNS} has ready-made ones.
   */
  readonly patterns?: readonly RegExp[];
  /** The replacement. Default `"[Redacted]"`. */
  readonly censor?: string;
}

/**
 * Property names that usually hold secrets: passwords, secrets, tokens, API
 * keys, authorization and cookie headers, credentials, private keys, session
 * ids.
 *
 * @example
 * ```ts
 * import { DEFAULT_REDACT_KEYS, LoggerConfiguration } from "@logging/core";
 * const config = new LoggerConfiguration().redact({ keys: DEFAULT_REDACT_KEYS });
 * ```
 */
export const DEFAULT_REDACT_KEYS: readonly (string | RegExp)[] = Object.freeze([
  /pass(?:word|wd|phrase)?$/i,
  "pwd",
  /secret/i,
  /token$/i,
  /^(?:x-)?api[-_]?key$/i,
  /^(?:proxy-)?authorization$/i,
  /^(?:set-)?cookie$/i,
  /credentials?$/i,
  /private[-_]?key/i,
  /^session[-_]?id$/i,
]);

/**
 * Patterns for secrets inside text: e-mail addresses, payment card numbers
 * (13 to 19 digits, together or in groups of four separated by spaces or
 * dashes; a match is censored only when it passes the Luhn check, so ids and
 * UUIDs are left alone), JSON Web Tokens and bearer tokens.
 *
 * @example
 * ```ts
 * import { LoggerConfiguration, REDACT_PATTERNS } from "@logging/core";
 * const config = new LoggerConfiguration().redact({ patterns: Object.values(REDACT_PATTERNS) });
 * ```
 */
export const REDACT_PATTERNS: Readonly<{ email: RegExp; creditCard: RegExp; jwt: RegExp; bearer: RegExp }> = Object.freeze({
  email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  creditCard: /\b(?:\d{4}[ -]){3}\d{1,7}\b|\b\d{13,19}\b/g,
  jwt: /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  bearer: /\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi,
});
