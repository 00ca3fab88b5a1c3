/** Exits the process the way the current runtime's programs usually do (`Deno.exit` on Deno). */
import process from "node:process";

const deno = (globalThis as unknown as { Deno?: { exit(code?: number): never } }).Deno;

export function exitNow(code: number): never {
  if (deno !== undefined) return deno.exit(code);
  return process.exit(code);
}
