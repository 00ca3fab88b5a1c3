// A Bun HTTP server that logs every request with its context, writes a queued,
// rolling CLEF file, serves Prometheus metrics on /metrics and shuts down gracefully.
// Run: bun examples/bun/server.ts   (users import from "@logging/core")
import { clefFormatter, consoleSink, LogContext, LoggerConfiguration } from "../../mod.ts";
import { bunRuntime, fileSink } from "../../src/adapters/bun/mod.ts";

const port = Number(process.env.PORT ?? 3000);
const log = new LoggerConfiguration({ runtime: bunRuntime() })
  .enrich({ app: "example-bun" })
  .writeTo(consoleSink())
  .writeTo(fileSink(process.env.LOG_FILE ?? "logs/bun-example.log", {
    formatter: clefFormatter(), rollingInterval: "day", fileSizeLimitBytes: 10 << 20, retainedFileCountLimit: 7,
  }), { queue: { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50 }, circuitBreaker: true, fallback: consoleSink() })
  .withMetrics()
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const server = Bun.serve({
  port,
  fetch(req) {
    const started = performance.now();
    const path = new URL(req.url).pathname;
    return LogContext.run({ RequestId: crypto.randomUUID(), RequestMethod: req.method, RequestPath: path }, () => {
      const response = path === "/metrics"
        ? new Response(log.metrics().toPrometheus(), { headers: { "content-type": "text/plain; version=0.0.4" } })
        : new Response("ok\n");
      if (path !== "/metrics") log.information("Hello from {Runtime}", "bun");
      log.information("HTTP {StatusCode} in {Elapsed:.1f} ms", response.status, performance.now() - started);
      return response;
    });
  },
});
log.information("Listening on {Port}", server.port);
log.onShutdown(() => server.stop(true));
