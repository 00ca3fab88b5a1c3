/**
 * A Cloudflare Worker logging with @logging/core.
 *
 * - every request runs in a log context (RequestId from `x-request-id`, else `cf-ray`,
 *   method, path, TraceId/SpanId from `traceparent`)
 *   and ends with one "HTTP … responded … in … ms" event;
 * - events go to the console as CLEF objects, which Workers Logs indexes
 *   (`structured: true`; drop it for plain CLEF text lines);
 * - `/metrics` serves the logger's metrics in Prometheus text;
 * - queued events are written after the response, through
 *   `ctx.waitUntil(log.flush())` (done by `withLogging`; by hand in `scheduled`).
 *
 * Run: `npx wrangler dev` in this folder (wrangler.toml). In your own project
 * import from "@logging/core" and "@logging/core/workers" instead.
 */
import { clefFormatter, consoleSink, LogContext, LoggerConfiguration } from "../../mod.ts";
import { type ExecutionContextLike, withLogging, workersRuntime } from "../../src/adapters/workers/mod.ts";

/** The Worker's bindings (see wrangler.toml). */
interface Env {
  readonly GREETING?: string;
}

/** The part of Workers' ScheduledController this example reads. */
interface ScheduledControllerLike {
  readonly cron: string;
  readonly scheduledTime: number;
}

// Created once per isolate and reused by every request. `nodejs_compat`
// gives AsyncLocalStorage, so LogContext follows every `await`.
const log = new LoggerConfiguration({ runtime: workersRuntime({ structured: true }) })
  .minimumLevel("debug")
  .minimumLevelOverride("Cache", "information")
  .enrich({ Service: "example-worker" })
  .writeTo(consoleSink({ formatter: clefFormatter() }), { queue: { maxSize: 5_000, batchSize: 256 } })
  .withMetrics()
  .createLogger();

const cache = log.forContext("SourceContext", "Cache");

async function findUser(id: number): Promise<{ id: number; name: string } | undefined> {
  cache.debug("Cache lookup for {UserId}", id); // below the Cache override: skipped
  await new Promise((resolve) => setTimeout(resolve, 5)); // stands for a KV or D1 call
  return id === 42 ? { id, name: "Ada" } : undefined;
}

const handleFetch = withLogging(log, async (request: Request, env: Env, _ctx: ExecutionContextLike, reqLog) => {
  const url = new URL(request.url);
  if (url.pathname === "/metrics") {
    return new Response(log.metrics().toPrometheus(), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    });
  }
  const match = /^\/users\/(\d+)$/.exec(url.pathname);
  if (match === null) {
    reqLog.debug("No route for {Path}", url.pathname);
    return new Response(`${env.GREETING ?? "Hello"}! Try /users/42 or /metrics\n`);
  }
  const id = Number(match[1]);
  const user = await findUser(id);
  if (user === undefined) {
    // The root logger works too: RequestId comes from the log context.
    log.warning("User {UserId} not found", id);
    return Response.json({ error: "not found" }, { status: 404 });
  }
  reqLog.information("Found user {@User}", user);
  return Response.json(user);
}, { logRequests: true });

/** The Worker: module syntax, a fetch handler and a cron handler. */
interface ExampleWorker {
  fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response>;
  scheduled(controller: ScheduledControllerLike, env: Env, ctx: ExecutionContextLike): Promise<void>;
}

const worker: ExampleWorker = {
  fetch: handleFetch,
  async scheduled(controller, _env, ctx) {
    await LogContext.run({ Cron: controller.cron }, async () => {
      log.information("Cron run scheduled for {ScheduledTime}", new Date(controller.scheduledTime).toISOString());
    });
    ctx.waitUntil(log.flush());
  },
};

export default worker;
