// A Hono app with request logging, served by the runtime's own server:
// Deno.serve, Bun.serve, or @hono/node-server on Node. Each request runs in a
// log context (RequestId, RequestMethod, RequestPath, TraceId/SpanId) and ends
// with one "HTTP GET /hello responded 200 in 0.4121 ms" event; CLEF on stdout.
//   deno run -A examples/hono/server.ts  |  bun examples/hono/server.ts  |  node examples/hono/server.ts (Node >= 22.18)
// (Users import from "@logging/core" and "@logging/core/hono"; on Workers: export default app.)
import { Hono } from "hono";
import { clefFormatter, consoleSink, LoggerConfiguration, type RuntimeAdapter } from "../../mod.ts";
import { logging, type LoggingEnv } from "../../src/adapters/hono/mod.ts";

const g = globalThis as unknown as {
  Deno?: { env: { get(name: string): string | undefined } };
  Bun?: unknown;
  process?: { env: Record<string, string | undefined> };
};
const env = (name: string): string | undefined => g.Deno !== undefined ? g.Deno.env.get(name) : g.process?.env[name];

async function runtime(): Promise<RuntimeAdapter> {
  if (g.Deno !== undefined) return (await import("../../src/adapters/deno/mod.ts")).denoRuntime();
  if (g.Bun !== undefined) return (await import("../../src/adapters/bun/mod.ts")).bunRuntime();
  return (await import("../../src/adapters/node/mod.ts")).nodeRuntime();
}

const log = new LoggerConfiguration({ runtime: await runtime() })
  .enrich({ app: "example-hono" })
  .writeTo(consoleSink({ formatter: clefFormatter() }))
  .withShutdown({ strategy: "graceful", timeoutMs: 5_000, handleSignals: true })
  .createLogger();

const app = new Hono<LoggingEnv>();
app.use(logging(log, { skip: ["/health"] }));
app.get("/hello/:name", (c) => {
  c.get("log").information("Greeting {Name}", c.req.param("name"));
  return c.text(`hello ${c.req.param("name")}\n`);
});
app.get("/health", (c) => c.text("ok\n"));

const port = Number(env("PORT") ?? 8787);
const listening = (): void => log.information("Listening on {Port}", port);
if (g.Deno !== undefined) {
  const deno = g.Deno as unknown as { serve(o: { port: number; onListen(): void }, h: (r: Request) => Response | Promise<Response>): unknown };
  deno.serve({ port, onListen: listening }, app.fetch);
} else if (g.Bun !== undefined) {
  (g.Bun as { serve(o: { port: number; fetch: (r: Request) => Response | Promise<Response> }): unknown }).serve({ port, fetch: app.fetch });
  listening();
} else {
  const { serve } = await import("@hono/node-server");
  serve({ fetch: app.fetch, port }, listening);
}
