/**
 * @logging/core: structured logging with message templates for Deno, Bun, Node
 * and Cloudflare Workers, hardened for production.
 *
 * ```ts
 * import { LoggerConfiguration, consoleSink } from "@logging/core";
 * const log = new LoggerConfiguration().writeTo(consoleSink()).createLogger();
 * log.information("User {UserId} logged in", 42);
 * ```
 *
 * Runtime adapters live in `@logging/core/node`, `/deno`, `/bun` and `/workers`.
 *
 * @module
 */
export * from "./src/core/level.ts";
export * from "./src/core/log_value.ts";
export * from "./src/core/log_event.ts";
export * from "./src/core/message_template.ts";
export * from "./src/core/runtime.ts";
export * from "./src/core/sink.ts";
export * from "./src/core/formatter.ts";
export * from "./src/core/self_log.ts";
export * from "./src/core/manual_scheduler.ts";
export * from "./src/core/portable_runtime.ts";
