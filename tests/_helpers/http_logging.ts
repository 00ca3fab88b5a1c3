/**
 * Shared checks for the request-logging integrations (Hono, node:http,
 * Express, Fastify): every app under test serves `GET /work/:item` that logs
 * one event through the request's logger and, after an await, one through the
 * root logger (ambient context), and answers `{ requestId }` from LogContext.
 */
import assert from "node:assert/strict";
import { clefFormatter, type LogEvent, type Logger, LoggerConfiguration, memorySink, REQUEST_COMPLETED_TEMPLATE } from "../../mod.ts";
import { adapter } from "./adapter.ts";

export const SECRET = "Bearer sekret-token-5f3c";
export const COOKIE = "session=sekret-cookie-9a1b";
export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
export const SPAN_ID = "00f067aa0ba902b7";
export const TRACEPARENT: string = `00-${TRACE_ID}-${SPAN_ID}-01`;
export const EXPLICIT = "Working on {Item}";
export const AMBIENT = "Ambient after await for {Item}";

export interface Capture {
  readonly log: Logger;
  readonly events: LogEvent[];
  /** Every event as CLEF text, as a file sink would write it. */
  text(): string;
  completions(): LogEvent[];
}

/** A logger on the current runtime's adapter (async context) writing to memory without a queue. */
export function capture(minimumLevel: "verbose" | "information" = "information"): Capture {
  const sink = memorySink();
  const log = new LoggerConfiguration({ runtime: adapter.runtime() })
    .minimumLevel(minimumLevel)
    .writeTo(sink, { queue: false })
    .createLogger();
  const formatter = clefFormatter();
  return {
    log,
    events: sink.events,
    text: () => sink.events.map((e) => formatter.format(e)).join(""),
    completions: () => sink.events.filter((e) => e.template.text === REQUEST_COMPLETED_TEMPLATE),
  };
}

/** The delay a /work request waits before its ambient event (spreads completions). */
export const pauseFor = (item: string): number => Number(item.replace(/\D/g, "") || "0") % 7;

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `count` concurrent `/work/w<i>` requests with secret headers; checks each answer names its own id. */
export async function sendConcurrent(baseUrl: string, count = 200): Promise<void> {
  const responses = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const response = await fetch(`${baseUrl}/work/w${i}?token=sekret-query`, {
      headers: { "x-request-id": `req-${i}`, authorization: SECRET, cookie: COOKIE },
    });
    return { status: response.status, body: await response.text() };
  }));
  for (let i = 0; i < count; i++) {
    assert.equal(responses[i].status, 200, responses[i].body);
    assert.equal(JSON.parse(responses[i].body).requestId, `req-${i}`, "the handler saw its own context");
  }
}

/** Checks the events of {@link sendConcurrent}: each request logged once, its context never mixed, nothing secret. */
export function checkConcurrent(c: Capture, count = 200, ambient = true): void {
  const work = c.events.filter((e) => String(e.properties.RequestPath ?? "").startsWith("/work/"));
  for (let i = 0; i < count; i++) {
    const id = `req-${i}`;
    const mine = work.filter((e) => e.properties.RequestId === id);
    const texts = mine.map((e) => e.template.text).sort();
    const expected = (ambient ? [AMBIENT, EXPLICIT, REQUEST_COMPLETED_TEMPLATE] : [EXPLICIT, REQUEST_COMPLETED_TEMPLATE]).sort();
    assert.deepEqual(texts, expected, `events of ${id}`);
    for (const e of mine) {
      assert.equal(e.properties.RequestPath, `/work/w${i}`);
      assert.equal(e.properties.RequestMethod, "GET");
      if (e.properties.Item !== undefined) assert.equal(e.properties.Item, `w${i}`, "context never mixed");
    }
    const [done] = mine.filter((e) => e.template.text === REQUEST_COMPLETED_TEMPLATE);
    assert.equal(done.properties.StatusCode, 200);
    assert.equal(done.level, "information");
    assert.equal(typeof done.properties.Elapsed, "number");
  }
  assert.equal(c.completions().filter((e) => String(e.properties.RequestPath).startsWith("/work/")).length, count, "one completion per request");
  assertNoSecrets(c);
}

/** The secret header, cookie and query text appear nowhere in the output. */
export function assertNoSecrets(c: Capture): void {
  const text = c.text();
  assert.ok(text.length > 0);
  for (const secret of ["sekret-token", "sekret-cookie", "sekret-query"]) {
    assert.ok(!text.includes(secret), `${secret} leaked into the output`);
  }
}

/** Waits until `done()` holds (events of a response that finished after the client read it). */
export async function eventually(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
}
