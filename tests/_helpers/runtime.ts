/** Which runtime is executing the test suite, and how to start another process of it. */
interface DenoLike {
  execPath(): string;
  version: { deno: string };
}
const g = globalThis as unknown as { Deno?: DenoLike; Bun?: { version: string } };

export type TestRuntime = "node" | "deno" | "bun";

export const currentRuntime: TestRuntime = g.Deno !== undefined ? "deno" : g.Bun !== undefined ? "bun" : "node";

/** The executable of the current runtime, for spawning child processes of the same kind. */
export function runtimeExecPath(): string {
  if (g.Deno !== undefined) return g.Deno.execPath();
  return process.execPath;
}

/** Arguments that make the current runtime run a script file. */
export function runScriptArgs(script: string): string[] {
  if (currentRuntime === "deno") return ["run", "-A", script];
  if (currentRuntime === "bun") return ["run", script];
  return [script];
}
