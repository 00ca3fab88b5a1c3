/**
 * The HTTP sinks' retry machinery with an injected fetch and a ManualScheduler:
 * backoff with full jitter, Retry-After, bounded attempts and time, request
 * timeouts, which statuses are retried, close().
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ManualScheduler } from "../src/testing/mod.ts";
import { HttpSender } from "../src/core/shipping/http_sender.ts";
import { HttpSendError, RequestTimeoutError } from "../src/core/shipping/http_error.ts";
import { backoffDelay, isRetryableStatus, parseRetryAfter, resolveRetryOptions } from "../src/core/shipping/http_retry.ts";
import type { FetchInit, FetchLike, FetchResponse } from "../src/core/shipping/http_types.ts";

type Step = number | { status: number; retryAfter?: string; body?: string } | "network" | "hang" | "hang-ignoring-signal";

interface ScriptedFetch {
  fetch: FetchLike;
  calls: { at: number; init: FetchInit }[];
}

/** A fetch that answers each call with the next step; records the virtual time of each call. */
function scriptedFetch(clock: ManualScheduler, steps: Step[]): ScriptedFetch {
  const calls: ScriptedFetch["calls"] = [];
  const fetch: FetchLike = (_url, init) => {
    calls.push({ at: clock.now(), init });
    const step = steps.shift() ?? 200;
    if (step === "network") return Promise.reject(new TypeError("fetch failed: ECONNREFUSED"));
    if (step === "hang-ignoring-signal") return new Promise<FetchResponse>(() => {});
    if (step === "hang") {
      return new Promise<FetchResponse>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    }
    const { status, retryAfter, body } = typeof step === "number" ? { status: step, retryAfter: undefined, body: "" } : step;
    const headers = new Map<string, string>(retryAfter === undefined ? [] : [["retry-after", retryAfter]]);
    return Promise.resolve({ status, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: async () => body ?? "" });
  };
  return { fetch, calls };
}

/** Fires timers until `promise` settles (bounded); returns its outcome. */
async function drive<T>(clock: ManualScheduler, promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then((value) => (outcome = { value }), (error: unknown) => (outcome = { error }));
  for (let i = 0; i < 1000 && outcome === undefined; i++) {
    if (clock.pendingTimers > 0) await clock.runAll(1);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (outcome === undefined) throw new Error("the request never settled");
  return outcome;
}

const request = { url: "http://collector.invalid/v1/logs", headers: { "content-type": "application/json" }, body: "{}" };

function sender(clock: ManualScheduler, fetch: FetchLike, extra: Partial<ConstructorParameters<typeof HttpSender>[0]> = {}): HttpSender {
  const s = new HttpSender({ fetch, random: () => 0.5, retry: { initialDelayMs: 100, maxDelayMs: 1_000 }, ...extra }, "test");
  s.attach(clock);
  return s;
}

describe("retry policy", () => {
  it("backs off exponentially with full jitter, capped", () => {
    const options = resolveRetryOptions({ initialDelayMs: 100, maxDelayMs: 1_000 });
    const almostOne = () => 0.999999;
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options, almostOne)), [99, 199, 399, 799, 999, 999]);
    assert.deepEqual([1, 2, 3].map((n) => backoffDelay(n, options, () => 0)), [0, 0, 0]);
    assert.equal(backoffDelay(1, options, () => Number.NaN), 50, "a broken random source falls back to half the cap");
  });

  it("retries 408, 429 and 5xx except 501/505", () => {
    const retried = [200, 301, 400, 401, 403, 404, 408, 413, 429, 500, 501, 502, 503, 504, 505, 599].filter(isRetryableStatus);
    assert.deepEqual(retried, [408, 429, 500, 502, 503, 504, 599]);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.UTC(2026, 10, 22, 12, 0, 0);
    assert.equal(parseRetryAfter("7", now), 7_000);
    assert.equal(parseRetryAfter(" 0 ", now), 0);
    assert.equal(parseRetryAfter(new Date(now + 3_000).toUTCString(), now), 3_000);
    assert.equal(parseRetryAfter(new Date(now - 3_000).toUTCString(), now), 0);
    for (const bad of [null, undefined, "", "1.5", "-3", "soon"]) assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
  });
});

describe("HttpSender", () => {
  it("retries 503 with growing jittered delays, then gives up after maxAttempts", async () => {
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, [503, 503, 503, 503, 503]);
    const { error } = await drive(clock, sender(clock, f.fetch, { retry: { maxAttempts: 4, initialDelayMs: 100 } }).post(request));
    assert.ok(error instanceof HttpSendError);
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 4);
    assert.equal(error.retryable, true);
    // random() = 0.5: 50, 100, 200 ms after each failure
    assert.deepEqual(f.calls.map((c) => c.at), [0, 50, 150, 350]);
  });

  it("succeeds on a later attempt and returns the response text", async () => {
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, ["network", 502, { status: 200, body: '{"partialSuccess":{}}' }]);
    const s = sender(clock, f.fetch);
    const { value } = await drive(clock, s.post(request));
    assert.equal(value, '{"partialSuccess":{}}');
    assert.deepEqual(s.stats, { requests: 3, retries: 2, succeeded: 1, failed: 0, bytesSent: 2, lastStatus: 200 });
  });

  it("honours Retry-After as an HTTP date and in seconds, instead of the backoff", async () => {
    const clock = new ManualScheduler();
    const date = new Date(clock.wallClock() + 4_000).toUTCString();
    const f = scriptedFetch(clock, [{ status: 503, retryAfter: date }, { status: 429, retryAfter: "2" }, 200]);
    await drive(clock, sender(clock, f.fetch).post(request));
    assert.deepEqual(f.calls.map((c) => c.at), [0, 4_000, 6_000]);
  });

  it("gives up at once when Retry-After passes the retry budget", async () => {
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, [{ status: 429, retryAfter: "120" }]);
    const { error } = await drive(clock, sender(clock, f.fetch, { retry: { maxElapsedMs: 10_000 } }).post(request));
    assert.ok(error instanceof HttpSendError);
    assert.match(error.message, /Retry-After of 120000 ms would pass the 10000 ms retry budget/);
    assert.equal(f.calls.length, 1);
  });

  it("does not retry 4xx other than 408/429", async () => {
    for (const status of [400, 401, 403, 404, 413]) {
      const clock = new ManualScheduler();
      const f = scriptedFetch(clock, [{ status, body: "nope" }]);
      const { error } = await drive(clock, sender(clock, f.fetch).post(request));
      assert.ok(error instanceof HttpSendError);
      assert.equal(error.retryable, false);
      assert.match(error.message, new RegExp(`answered ${status} \\(not retried\\): nope`));
      assert.equal(f.calls.length, 1);
    }
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, [408, 200]);
    await drive(clock, sender(clock, f.fetch).post(request));
    assert.equal(f.calls.length, 2);
  });

  it("aborts an attempt after requestTimeoutMs, also when fetch ignores the signal", async () => {
    for (const hang of ["hang", "hang-ignoring-signal"] as const) {
      const clock = new ManualScheduler();
      const f = scriptedFetch(clock, [hang, hang]);
      const { error } = await drive(clock, sender(clock, f.fetch, { requestTimeoutMs: 700, retry: { maxAttempts: 2, initialDelayMs: 100 } }).post(request));
      assert.ok(error instanceof HttpSendError, hang);
      assert.ok(error.cause instanceof RequestTimeoutError, hang);
      assert.equal(f.calls.length, 2);
      assert.equal(f.calls[0].init.signal?.aborted, true);
      assert.deepEqual(f.calls.map((c) => c.at), [0, 750], "700 ms timeout, then a 50 ms backoff");
      assert.equal(clock.now(), 1_450);
    }
  });

  it("shortens the last attempt's timeout to the remaining retry budget", async () => {
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, ["hang", "hang"]);
    const s = sender(clock, f.fetch, { requestTimeoutMs: 4_000, retry: { maxAttempts: 5, initialDelayMs: 100, maxElapsedMs: 5_000 } });
    const { error } = await drive(clock, s.post(request));
    assert.ok(error instanceof HttpSendError);
    // 4 000 ms timeout + 50 ms backoff, then min(4 000, 5 000 − 4 050) = 950 ms; then the next backoff passes the budget.
    assert.equal(clock.now(), 5_000);
    assert.equal(f.calls.length, 2);
  });

  it("close() rejects a request waiting to retry, and later posts", async () => {
    const clock = new ManualScheduler();
    const f = scriptedFetch(clock, [503, 200]);
    const s = sender(clock, f.fetch);
    const pending = s.post(request);
    for (let i = 0; i < 50 && s.stats.retries === 0; i++) await Promise.resolve();
    assert.equal(s.stats.retries, 1);
    s.close();
    await assert.rejects(pending, /closed/);
    await assert.rejects(s.post(request), /closed/);
    assert.equal(f.calls.length, 1);
  });
});
