/**
 * Sends one HTTP request with retries: per-attempt timeout (AbortController),
 * exponential backoff with full jitter, `Retry-After`, bounded attempts and
 * time. All timing goes through a {@link Scheduler}, so tests drive it with a
 * `ManualScheduler`.
 *
 * @module
 */
import { functionOption, positiveNumber } from "../options/option_checks.ts";
import type { Scheduler, TimerId } from "../runtime/runtime.ts";
import { webScheduler } from "../runtime/portable_runtime.ts";
import { utf8ByteLength } from "../formatting/utf8_length.ts";
import { type FetchLike, type FetchResponse, globalFetch } from "./http_types.ts";
import { HttpSendError, type HttpShippingStats, RequestTimeoutError } from "./http_error.ts";
import { checkHeaders, redactSecrets } from "./http_headers.ts";
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryOptions,
  type ResolvedRetryOptions,
  type RetryOptions,
} from "./http_retry.ts";

/**
 * Transport settings shared by the HTTP sinks (`otlpSink`, `seqSink`).
 *
 * @example
 * ```ts
 * import type { HttpTransportOptions } from "@logging/core";
 * const http: HttpTransportOptions = { requestTimeoutMs: 5_000, retry: { maxAttempts: 3 } };
 * ```
 */
export interface HttpTransportOptions {
  /** Extra request headers (authentication, tenant…). */
  headers?: Record<string, string>;
  /** One attempt is aborted after this long. Default 5 000 ms. */
  requestTimeoutMs?: number;
  /** Retries on 408/429/5xx, network errors and timeouts. */
  retry?: RetryOptions;
  /** Default: the global `fetch`. */
  fetch?: FetchLike;
  /** The jitter source, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * One request to send.
 *
 * @example
 * ```ts
 * import type { HttpRequest } from "./http_sender.ts";
 * const request: HttpRequest = { url: "http://127.0.0.1:5341/ingest/clef", headers: {}, body: "{}\n" };
 * ```
 */
export interface HttpRequest {
  /** The absolute URL to POST to. */
  readonly url: string;
  /** Request headers, content type and any configured extras included. */
  readonly headers: Record<string, string>;
  /** The request body: text, or encoded bytes (e.g. protobuf). */
  readonly body: string | Uint8Array;
}

interface Outcome {
  readonly status: number;
  readonly headers: FetchResponse["headers"];
  readonly text: string;
}

const MAX_ERROR_BODY = 300;

/**
 * Posts requests with the retry policy. Resolves with the response text of a
 * 2xx response; rejects with {@link HttpSendError} otherwise.
 *
 * @example
 * ```ts
 * import { HttpSender } from "./http_sender.ts";
 * import { ManualScheduler } from "@logging/core/testing";
 * const sender = new HttpSender({ retry: { maxAttempts: 3 } }, "otlp");
 * sender.attach(new ManualScheduler());
 * // await sender.post({ url: "http://127.0.0.1:4318/v1/logs", headers: {}, body: "{}" });
 * ```
 */
export class HttpSender {
  /** The owning sink's name, used as the prefix of error messages. */
  readonly name: string;
  /** Per-attempt timeout in milliseconds (default 5 000). */
  readonly requestTimeoutMs: number;
  /** The retry policy, defaults applied. */
  readonly retry: ResolvedRetryOptions;
  #fetch: FetchLike | undefined;
  #fetchGiven: boolean;
  #random: () => number;
  #scheduler: Scheduler | undefined;
  #closed = false;
  #inFlight = new Set<() => void>();
  #abandoned = 0;
  #stats = { requests: 0, retries: 0, succeeded: 0, failed: 0, bytesSent: 0, lastStatus: undefined as number | undefined };

  /**
   * Applies defaults to `options`; `name` labels error messages. Uses the
   * global `fetch` unless one is given. Throws a `TypeError` naming the option
   * when one is invalid (a header value with CR/LF, a negative timeout). Credential header values never appear in
   * its error messages.
   */
  constructor(options: HttpTransportOptions, name: string) {
    checkHeaders(name, options.headers);
    this.name = name;
    this.requestTimeoutMs = positiveNumber(`${name}: requestTimeoutMs`, options.requestTimeoutMs, 5_000);
    this.retry = resolveRetryOptions(options.retry, name);
    this.#fetch = options.fetch === undefined ? undefined : functionOption(`${name}: fetch`, options.fetch, options.fetch);
    this.#random = functionOption(`${name}: random`, options.random, Math.random);
    this.#fetchGiven = typeof options.fetch === "function";
  }

  /**
   * Uses the runtime's scheduler for timeouts and backoff, and the runtime's
   * HTTP client (`fetch`) unless the options named one.
   */
  attach(scheduler: Scheduler, fetch?: FetchLike): void {
    this.#scheduler = scheduler;
    if (fetch !== undefined && !this.#fetchGiven) this.#fetch = fetch;
  }

  /**
   * Attempts given up while the client still had them (timed out, or the
   * sink closed): such a client may still read the request's body, so a
   * caller that reuses body buffers must not reuse one after this moved.
   */
  get abandonedAttempts(): number {
    return this.#abandoned;
  }

  /** Request counters (a snapshot). */
  get stats(): HttpShippingStats {
    return { ...this.#stats };
  }

  /** Aborts requests in flight and backoff waits; later posts reject. */
  close(): void {
    this.#closed = true;
    for (const cancel of [...this.#inFlight]) cancel();
    this.#inFlight.clear();
  }

  /** POSTs `request`, retrying per the policy. */
  async post(request: HttpRequest): Promise<string> {
    const scheduler = (this.#scheduler ??= webScheduler());
    const fetch = (this.#fetch ??= globalFetch());
    if (fetch === undefined) throw new HttpSendError(`${this.name}: no fetch in this runtime`, { attempts: 0, retryable: false });
    const started = scheduler.now();
    const budget = this.retry.maxElapsedMs;
    for (let attempt = 1; ; attempt++) {
      if (this.#closed) throw this.#fail(`${this.name}: sink closed`, attempt - 1, false);
      const elapsed = scheduler.now() - started;
      const timeout = attempt === 1 ? this.requestTimeoutMs : Math.max(1, Math.min(this.requestTimeoutMs, budget - elapsed));
      this.#stats.requests++;
      let outcome: Outcome;
      try {
        outcome = await this.#attempt(fetch, scheduler, request, timeout);
      } catch (error) {
        const retryable = !this.#closed;
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const message = redactSecrets(
          `${this.name}: POST ${request.url} failed (${what}) after ${attempt} attempt${attempt === 1 ? "" : "s"}`,
          request.headers,
        );
        await this.#retryOrThrow(message, attempt, retryable, undefined, undefined, started, redactedCause(error, request.headers));
        continue;
      }
      this.#stats.lastStatus = outcome.status;
      if (outcome.status >= 200 && outcome.status < 300) {
        this.#stats.succeeded++;
        this.#stats.bytesSent += typeof request.body === "string" ? utf8ByteLength(request.body) : request.body.length;
        return outcome.text;
      }
      const retryable = isRetryableStatus(outcome.status);
      const excerpt = outcome.text.length > MAX_ERROR_BODY ? outcome.text.slice(0, MAX_ERROR_BODY) + "\u2026" : outcome.text;
      const message = redactSecrets(
        `${this.name}: POST ${request.url} answered ${outcome.status}` +
          (retryable ? ` after ${attempt} attempt${attempt === 1 ? "" : "s"}` : " (not retried)") +
          (excerpt.trim() === "" ? "" : `: ${excerpt.trim()}`),
        request.headers,
      );
      const retryAfter = parseRetryAfter(outcome.headers.get("retry-after"), scheduler.wallClock());
      await this.#retryOrThrow(message, attempt, retryable, outcome.status, retryAfter, started, undefined);
    }
  }

  /** Waits before the next attempt, or throws when the policy says stop. */
  async #retryOrThrow(
    message: string,
    attempt: number,
    retryable: boolean,
    status: number | undefined,
    retryAfter: number | undefined,
    started: number,
    cause: unknown,
  ): Promise<void> {
    const scheduler = this.#scheduler as Scheduler;
    if (!retryable || attempt >= this.retry.maxAttempts) throw this.#fail(message, attempt, retryable, status, cause);
    const delay = retryAfter ?? backoffDelay(attempt, this.retry, this.#random);
    const elapsed = scheduler.now() - started;
    if (elapsed + delay > this.retry.maxElapsedMs) {
      const why = retryAfter !== undefined ? `Retry-After of ${retryAfter} ms` : `a ${delay} ms backoff`;
      throw this.#fail(`${message}; ${why} would pass the ${this.retry.maxElapsedMs} ms retry budget`, attempt, retryable, status, cause);
    }
    this.#stats.retries++;
    await this.#sleep(scheduler, delay);
  }

  #fail(message: string, attempts: number, retryable: boolean, status?: number, cause?: unknown): HttpSendError {
    this.#stats.failed++;
    return new HttpSendError(message, { status, attempts, retryable, cause });
  }

  #attempt(fetch: FetchLike, scheduler: Scheduler, request: HttpRequest, timeoutMs: number): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const controller = new AbortController();
      let settled = false;
      let timer: TimerId | undefined;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        this.#inFlight.delete(cancel);
        if (timer !== undefined) scheduler.clearTimeout(timer);
        return true;
      };
      const abort = (error: Error): void => {
        if (!finish()) return;
        this.#abandoned++;
        controller.abort(error);
        reject(error);
      };
      const cancel = (): void => abort(new Error("sink closed"));
      this.#inFlight.add(cancel);
      // Not keep-alive: while a batch is pending, the pipeline's write timeout holds the process.
      timer = scheduler.setTimeout(() => abort(new RequestTimeoutError(timeoutMs)), timeoutMs, { keepAlive: false });
      let pending: Promise<FetchResponse>;
      try {
        pending = fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal: controller.signal });
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending
        .then(async (response) => {
          let text = "";
          try {
            text = await response.text();
          } catch (error) {
            // A 2xx whose body broke off still delivered the request; report others.
            if (response.status < 200 || response.status >= 300) throw error;
          }
          if (finish()) resolve({ status: response.status, headers: response.headers, text });
        })
        .catch((error: unknown) => {
          if (finish()) reject(error);
        });
    });
  }

  #sleep(scheduler: Scheduler, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        this.#inFlight.delete(cancel);
        resolve();
      };
      const timer = scheduler.setTimeout(wake, ms, { keepAlive: false });
      const cancel = (): void => {
        scheduler.clearTimeout(timer);
        reject(this.#fail(`${this.name}: sink closed while waiting to retry`, 0, false));
      };
      this.#inFlight.add(cancel);
    });
  }
}

/**
 * The error a failed attempt threw, or, when its text carries a credential
 * from the request's headers, a plain Error with that text redacted (it would
 * reach SelfLog as the failure's cause).
 */
function redactedCause(error: unknown, headers: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof Error)) return error;
  let text: string;
  try {
    text = `${error.message}\n${error.stack ?? ""}`;
  } catch {
    return undefined;
  }
  if (redactSecrets(text, headers) === text) return error;
  const clean = new Error(redactSecrets(error.message, headers));
  clean.name = error.name;
  clean.stack = redactSecrets(error.stack ?? "", headers);
  return clean;
}
