// A Fastify 5 app logging through @logging/core: Fastify's own request events
// ("incoming request", "request completed") and `request.log` calls arrive as
// structured events carrying reqId, RequestId, RequestPath and TraceId/SpanId.
// CLEF on stdout. Run `npm run build` first, then `node examples/fastify/server.mjs`.
import Fastify from "fastify";
import { LoggerConfiguration, clefFormatter, consoleSink } from "@logging/core";
import { nodeRuntime, pinoCompatible } from "@logging/core/node";

const log = new LoggerConfiguration({ runtime: nodeRuntime() })
  .enrich({ app: "example-fastify" })
  .writeTo(consoleSink({ formatter: clefFormatter() }))
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const logger = pinoCompatible(log);
const app = Fastify({ loggerInstance: logger, childLoggerFactory: logger.childLoggerFactory });
app.get("/hello/:name", async (request) => {
  request.log.info({ Name: request.params.name }, "greeting %s", request.params.name);
  return `hello ${request.params.name}\n`;
});

const port = Number(process.env.PORT ?? 3000);
log.onShutdown(() => app.close());
await app.listen({ port, host: "127.0.0.1" });
log.information("Listening on {Port}", port);
