/**
 * Compile-time: Hono's own types accept the middleware, whatever the app's
 * environment, and `c.get("log")` is a Logger with `LoggingEnv`. (tsc checks
 * this file; at run time it only builds the apps.)
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { LoggerConfiguration, type Logger } from "../mod.ts";
import { logging, type LoggingEnv } from "../src/adapters/hono/mod.ts";

it("Hono's app.use accepts logging() with LoggingEnv, a blank env and a wider env", () => {
  const log = new LoggerConfiguration().createLogger();
  const typed = new Hono<LoggingEnv>().use(logging(log));
  typed.get("/", (c) => {
    const requestLog: Logger = c.get("log");
    requestLog.information("typed");
    return c.text("ok");
  });
  const blank = new Hono().use(logging(log));
  const wider = new Hono<{ Variables: { log: Logger; user: string }; Bindings: { KV: string } }>().use(logging(log, {
    properties: (c) => ({ UserAgent: c.req.header("user-agent") }),
  }));
  assert.equal(typeof typed.fetch, "function");
  assert.equal(typeof blank.fetch, "function");
  assert.equal(typeof wider.fetch, "function");
});
