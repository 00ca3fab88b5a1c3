// A Node HTTP server that logs every request with its context, writes a queued,
// rolling CLEF file, serves Prometheus metrics on /metrics and shuts down gracefully
// on SIGTERM/SIGINT. Run `npm run build` first, then `node examples/node/server.mjs`.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { LogContext, LoggerConfiguration, clefFormatter, consoleSink } from "@logging/core";
import { fileSink, nodeRuntime } from "@logging/core/node";

const port = Number(process.env.PORT ?? 8080);
const log = new LoggerConfiguration({ runtime: nodeRuntime() })
  .enrich({ app: "example-node" })
  .writeTo(consoleSink())
  .writeTo(fileSink(process.env.LOG_FILE ?? "logs/node-example.log", {
    formatter: clefFormatter(), rollingInterval: "day", fileSizeLimitBytes: 10 << 20, retainedFileCountLimit: 7,
  }), { queue: { maxSize: 10_000, batchSize: 512, flushIntervalMs: 50 }, circuitBreaker: true, fallback: consoleSink() })
  .withMetrics()
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const server = http.createServer((req, res) => {
  const started = performance.now();
  LogContext.run({ RequestId: randomUUID(), RequestMethod: req.method, RequestPath: req.url }, () => {
    if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(log.metrics().toPrometheus());
    } else {
      log.information("Hello from {Runtime}", "node");
      res.writeHead(200).end("ok\n");
    }
    log.information("HTTP {StatusCode} in {Elapsed:.1f} ms", res.statusCode, performance.now() - started);
  });
});
log.onShutdown(() => new Promise((resolve) => server.close(() => resolve())));
server.listen(port, () => log.information("Listening on {Port}", port));
