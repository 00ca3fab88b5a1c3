/** Running a fixture script in a child process of the same runtime. */
import { spawn } from "node:child_process";
import process from "node:process";
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { runScriptArgs, runtimeExecPath } from "./runtime.ts";

/** The path of `tests/fixtures/<name>`: the .ts source, or the compiled .js next to a compiled test. */
export function fixturePath(name: string): string {
  const ts = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
  return fs.existsSync(ts) ? ts : fileURLToPath(new URL(`../fixtures/${name}.js`, import.meta.url));
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildHandle {
  /**
   * Sends a signal with `process.kill(pid)`. Not `child.kill()`: Deno's
   * node:child_process then reports the child as killed by that signal (code
   * null) even when it handled the signal and exited with its own code, and
   * ignores a second `kill()`.
   */
  kill(signal: "SIGTERM" | "SIGINT" | "SIGHUP" | "SIGKILL"): void;
}

export interface ChildOptions {
  /** Called with each stdout line as it arrives; may send signals. */
  readonly onLine?: (line: string, child: ChildHandle) => void;
  readonly timeoutMs?: number;
  readonly env?: Record<string, string>;
  /** Deno only: the permission flags to run with instead of `-A`. */
  readonly denoPermissions?: readonly string[];
}

/** Runs `tests/fixtures/<name>` with `args` under the current runtime. */
export function runFixture(name: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const script = runScriptArgs(fixturePath(name));
    if (options.denoPermissions !== undefined && script[0] === "run") script.splice(1, 1, ...options.denoPermissions);
    const child = spawn(runtimeExecPath(), [...script, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    });
    const handle: ChildHandle = {
      kill: (signal) => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, signal);
      },
    };
    let stdout = "";
    let stderr = "";
    let pending = "";
    const timer = setTimeout(() => {
      handle.kill("SIGKILL");
      reject(new Error(`fixture ${name} ${args.join(" ")} timed out; stdout: ${stdout}; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        options.onLine?.(line, handle);
      }
    });
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
