/**
 * The Worker that tests/workers.test.ts runs in workerd (through Miniflare).
 * Compiled with the tests to build/test/tests/workers/fixture_worker.js; the
 * test's generated entry module calls `makeWorker(options)` at global scope
 * and exports the result as the Worker's default export.
 */
import { clefFormatter, consoleSink, LogContext, LoggerConfiguration } from "../../mod.ts";
import {
  type AsyncLocalStorageConstructor,
  type ExecutionContextLike,
  withLogging,
  workersRuntime,
} from "../../src/adapters/workers/mod.ts";

export interface FixtureOptions {
  readonly structured?: boolean;
  readonly consoleCalls?: "line" | "batch";
  readonly asyncLocalStorage?: AsyncLocalStorageConstructor | false;
  /** `false`: deliver each event directly (no queue, no timers). */
  readonly queue?: boolean;
}

export interface FixtureWorker {
  fetch(request: Request, env: unknown, ctx: ExecutionContextLike): Promise<Response>;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function makeWorker(options: FixtureOptions = {}): FixtureWorker {
  const runtime = workersRuntime({
    structured: options.structured,
    consoleCalls: options.consoleCalls,
    asyncLocalStorage: options.asyncLocalStorage,
  });
  const log = new LoggerConfiguration({ runtime })
    .minimumLevel("debug")
    .enrich({ App: "fixture" })
    .writeTo(consoleSink({ formatter: clefFormatter() }), {
      queue: options.queue === false ? false : { batchSize: 8, flushIntervalMs: 50 },
    })
    .withMetrics()
    .createLogger();

  // At global scope: Workers forbids setTimeout here, so the queue cannot arm
  // its timer; the event waits for the first request's flush.
  log.information("Worker module loaded with {ContextStorage}", runtime.contextStorage ? "async" : "none");

  const fetch = withLogging(log, async (request: Request, _env: unknown, _ctx: ExecutionContextLike, reqLog) => {
    const url = new URL(request.url);
    if (url.pathname === "/metrics") {
      return new Response(log.metrics().toPrometheus(), {
        headers: { "content-type": "text/plain; version=0.0.4" },
      });
    }
    const requestId = LogContext.current()?.RequestId;
    const item = url.searchParams.get("item") ?? "none";
    if (url.pathname === "/throw") {
      reqLog.warning("About to fail for {Item}", item);
      await pause(1);
      throw new Error(`boom ${item}`);
    }
    const steps = Number(url.searchParams.get("steps") ?? "3");
    const jitter = Number(url.searchParams.get("jitter") ?? "0");
    for (let step = 1; step <= steps; step++) {
      await pause((step * 7 + jitter) % 5);
      // Explicit: the per-request logger carries the request's properties.
      reqLog.information("Step {Step} of {Total} for {Item}", step, steps, item);
      await Promise.resolve();
      // Ambient: the root logger; RequestId comes from LogContext (async storage).
      log.debug("Ambient step {Step} for {Item}", step, item);
    }
    if (url.searchParams.has("warn")) reqLog.warning("Slow {Item}", item);
    return Response.json({
      requestId,
      asyncContext: runtime.contextStorage !== undefined,
      followsAsync: LogContext.followsAsync,
    });
  }, { logRequests: true });

  return { fetch };
}
