// `npm run demo`: logs through a console sink and a memory sink with the built
// npm package, then prints what the memory sink captured.
import { clefFormatter, LogContext, LoggerConfiguration, consoleSink, memorySink } from "../dist/mod.js";
import { nodeRuntime } from "../dist/src/adapters/node/mod.js";

const memory = memorySink();
const log = new LoggerConfiguration({ runtime: nodeRuntime() })
  .minimumLevel("debug")
  .enrich({ app: "demo" })
  .writeTo(consoleSink({ theme: "ansi" }))
  .writeTo(memory)
  .withMetrics()
  .createLogger();

log.information("User {UserId} logged in from {@Client}", 42, { ip: "10.0.0.1", agent: "curl/8" });
log.debug("Cache {Outcome} for {Key,-12}|", "miss", "user:42");
log.warning("Disk {Percent:.1f}% full on {Volume:l}", 91.234, "/var");
await LogContext.run({ requestId: "req-7" }, async () => {
  await Promise.resolve();
  log.info`Handled ${{ path: "/orders" }} in ${{ ms: 12.5 }} ms`;
});
const cause = new Error("connection reset");
log.error(new Error("Payment declined", { cause }), "Payment {PaymentId} failed", "p-123");
const db = log.forContext("SourceContext", "Db");
db.information("Query took {Ms} ms", 3);

await log.flush();
console.log("\n--- captured by the memory sink (CLEF) ---");
const clef = clefFormatter({ renderMessage: true });
for (const event of memory.events) process.stdout.write(clef.format(event));
console.log("\n--- metrics (Prometheus text, first lines) ---");
console.log(log.metrics().toPrometheus().split("\n").filter((l) => l.startsWith("logging_events_emitted_total")).join("\n"));
const report = await log.shutdown();
console.log("\nshutdown:", JSON.stringify(report));
