/**
 * The Hono app that tests/hono_workers.test.ts runs in workerd (through
 * Miniflare). Compiled with the tests to build/test/tests/workers_hono/.
 */
import { Hono } from "hono";
import { clefFormatter, consoleSink, LogContext, LoggerConfiguration } from "../../mod.ts";
import { workersRuntime } from "../../src/adapters/workers/mod.ts";
import { logging, type LoggingEnv } from "../../src/adapters/hono/mod.ts";

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function makeApp(): Hono<LoggingEnv> {
  const log = new LoggerConfiguration({ runtime: workersRuntime() })
    // Neither batch size nor timer flushes here within a test: only the
    // middleware's executionCtx.waitUntil(log.flush()) delivers events.
    .writeTo(consoleSink({ formatter: clefFormatter() }), { queue: { batchSize: 5_000, flushIntervalMs: 600_000 } })
    .createLogger();
  const app = new Hono<LoggingEnv>();
  app.use(logging(log, { skip: ["/health"] }));
  app.onError((_error, c) => c.text("internal error", 500));
  app.get("/work/:item", async (c) => {
    const item = c.req.param("item");
    c.get("log").information("Working on {Item}", item);
    await pause(Number(item.replace(/\D/g, "") || "0") % 7);
    // The root logger: the request's properties come from LogContext (nodejs_compat).
    log.information("Ambient after await for {Item}", item);
    return c.json({ requestId: LogContext.current()?.RequestId });
  });
  app.get("/health", (c) => c.text("ok"));
  app.get("/fail", async () => {
    await pause(1);
    throw new Error("worker handler exploded");
  });
  return app;
}
