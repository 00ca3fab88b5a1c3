/**
 * Helpers for the fidelity tests: events made the way Serilog's tests make
 * them (`DelegatingSink.GetLogEvent(l => l.Information(...))`), and SelfLog
 * capture.
 */
import { type Logger, LoggerConfiguration, type LogEvent, SelfLog } from "../../mod.ts";
import { recordingSink } from "./sinks.ts";
import { manualRuntime } from "./clock.ts";

/** The one event `act` logs through a real logger (no queue). */
export function logEvent(act: (log: Logger) => void): LogEvent {
  const sink = recordingSink();
  const log = new LoggerConfiguration({ runtime: manualRuntime() }).minimumLevel("verbose")
    .writeTo(sink, { queue: false }).createLogger();
  act(log);
  if (sink.events.length !== 1) throw new Error(`expected one event, got ${sink.events.length}`);
  return sink.events[0];
}

/** Runs `act` with SelfLog enabled and returns its messages without their timestamps. */
export function selfLogOf(act: () => void): string[] {
  const messages: string[] = [];
  SelfLog.enable((message) => messages.push(message.replace(/^\S+ /, "")));
  try {
    act();
  } finally {
    SelfLog.disable();
  }
  return messages;
}
