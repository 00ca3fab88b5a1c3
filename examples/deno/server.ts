// A Deno HTTP server that logs every request with its context, writes a queued,
// rolling CLEF file, serves Prometheus metrics on /metrics and shuts down gracefully.
// Run: deno run -A examples/deno/server.ts   (users import from "jsr:@logging/core")
import { clefFormatter, consoleSink, LogContext, LoggerConfiguration } from "../../mod.ts";
import { denoRuntime, fileSink } from "../../src/adapters/deno/mod.ts";

const port = Number(Deno.env.get("PORT") ?? 8000);
const log = new LoggerConfiguration({ runtime: denoRuntime() })
  .enrich({ app: "example-deno" })
  .writeTo(consoleSink())
  .writeTo(fileSink(Deno.env.get("LOG_FILE") ?? "logs/deno-example.log", {
    formatter: clefFormatter(), rollingInterval: "day", fileSizeLimitBytes: 10 << 20, retainedFileCountLimit: 7,
  }), { queue: { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50 }, circuitBreaker: true, fallback: consoleSink() })
  .withMetrics()
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const server = Deno.serve({ port, onListen: () => log.information("Listening on {Port}", port) }, (req) => {
  const started = performance.now();
  const path = new URL(req.url).pathname;
  return LogContext.run({ RequestId: crypto.randomUUID(), RequestMethod: req.method, RequestPath: path }, () => {
    const response = path === "/metrics"
      ? new Response(log.metrics().toPrometheus(), { headers: { "content-type": "text/plain; version=0.0.4" } })
      : new Response("ok\n");
    if (path !== "/metrics") log.information("Hello from {Runtime}", "deno");
    log.information("HTTP {StatusCode} in {Elapsed:.1f} ms", response.status, performance.now() - started);
    return response;
  });
});
log.onShutdown(() => server.shutdown());
