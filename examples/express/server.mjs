// An Express 5 app with request logging: every request runs in a log context
// (RequestId, RequestMethod, RequestPath, TraceId/SpanId), `req.log` is its
// logger, and one "HTTP GET /hello/ada responded 200 in 0.8123 ms" event ends
// it. CLEF on stdout. Run `npm run build` first, then `node examples/express/server.mjs`.
import express from "express";
import { LoggerConfiguration, clefFormatter, consoleSink } from "@logging/core";
import { httpLogging, nodeRuntime } from "@logging/core/node";

const log = new LoggerConfiguration({ runtime: nodeRuntime() })
  .enrich({ app: "example-express" })
  .writeTo(consoleSink({ formatter: clefFormatter() }))
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const app = express();
app.use(httpLogging(log, { skip: ["/health"] }));
app.get("/hello/:name", (req, res) => {
  req.log.information("Greeting {Name}", req.params.name);
  res.send(`hello ${req.params.name}\n`);
});
app.get("/health", (_req, res) => void res.send("ok\n"));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => log.information("Listening on {Port}", port));
log.onShutdown(() => new Promise((resolve) => server.close(() => resolve())));
