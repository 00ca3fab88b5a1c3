/** A runtime over a ManualScheduler, for deterministic timing tests. */
import { ManualScheduler, type RuntimeAdapter, type Writer } from "../../mod.ts";

export interface ManualRuntime extends RuntimeAdapter {
  readonly scheduler: ManualScheduler;
  readonly written: string[];
}

export function manualRuntime(): ManualRuntime {
  const written: string[] = [];
  const writer: Writer = {
    write(chunk) {
      written.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
    },
    writeSync(chunk) {
      written.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
    },
    async close() {},
  };
  return { name: "portable", scheduler: new ManualScheduler(), stdout: writer, stderr: writer, written };
}
