/**
 * consoleSink in a real child process of the current runtime: colour only on
 * a terminal (a pty from util-linux `script`) or with FORCE_COLOR, none on a
 * pipe or with NO_COLOR; local time; events in order across stdout and stderr
 * when both go to one place; `stream: "stdout"` keeps them on stdout.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import process from "node:process";
import { fixturePath } from "./_helpers/child_process.ts";
import { currentRuntime, runScriptArgs, runtimeExecPath } from "./_helpers/runtime.ts";

const ESC = "\x1b[";
const LINES = [
  '[12:00:00 INF] Handled /orders {RequestId: "r7"}',
  '[12:00:00 ERR] Failed 1 {RequestId: "r7"}',
  '[12:00:00 INF] Retrying 1 {RequestId: "r7"}',
  '[12:00:00 ERR] Failed 2 {RequestId: "r7"}',
  '[12:00:00 INF] Done {RequestId: "r7"}',
];
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const command = (mode: string) => [runtimeExecPath(), ...runScriptArgs(fixturePath("console_child")), mode].map(quote).join(" ");
const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

/** The parent's environment without colour settings (a test runner may set FORCE_COLOR), plus `env`. */
function childEnv(env: Record<string, string>): Record<string, string | undefined> {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...rest } = process.env;
  return { ...rest, TERM: "xterm", ...env };
}

/** Runs a shell command line; resolves to its stdout and stderr. */
function sh(line: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", line], { stdio: ["ignore", "pipe", "pipe"], env: childEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out (a permission prompt?): ${line}; stdout: ${stdout}`));
    }, 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`exit ${code}: ${stdout} ${stderr}`));
    });
  });
}

describe("console sink in a child process", () => {
  it("a pipe gets no colour; stdout and stderr each get their events; local time", async () => {
    const result = await sh(command("split"), { TZ: "UTC" });
    assert.equal(result.stdout.includes(ESC) || result.stderr.includes(ESC), false);
    assert.equal(result.stdout, [LINES[0], LINES[2], LINES[4]].join("\n") + "\n");
    assert.equal(result.stderr, [LINES[1], LINES[3]].join("\n") + "\n");
    const kolkata = await sh(command("split"), { TZ: "Asia/Kolkata" });
    assert.equal(kolkata.stdout.split("\n")[0], LINES[0].replace("12:00:00", "17:30:00"), "local time (UTC+05:30)");
  });

  it("FORCE_COLOR colours a pipe; FORCE_COLOR=0 does not", async () => {
    const forced = await sh(command("split"), { FORCE_COLOR: "1", TZ: "UTC" });
    assert.equal(stripAnsi(forced.stdout), [LINES[0], LINES[2], LINES[4]].join("\n") + "\n");
    assert.ok(forced.stdout.includes(`${ESC}36mINF${ESC}0m`), forced.stdout);
    assert.ok(forced.stderr.includes(`${ESC}31mERR${ESC}0m`), forced.stderr);
    const off = await sh(command("split"), { FORCE_COLOR: "0", TZ: "UTC" });
    assert.equal(off.stdout.includes(ESC), false);
  });

  it("stdout and stderr merged (2>&1) show the events in the order they were logged", async () => {
    const { stdout: out } = await sh(`${command("split")} 2>&1`, { NO_COLOR: "1", TZ: "UTC" });
    assert.equal(out, LINES.join("\n") + "\n");
    const onStdout = await sh(command("stdout"), { TZ: "UTC" });
    assert.equal(onStdout.stdout, LINES.join("\n") + "\n");
    assert.equal(onStdout.stderr, "");
  });

  it("a terminal (pty) is coloured, unless NO_COLOR is set", { skip: hasScript ? false : "util-linux `script` is not installed" }, async () => {
    const { stdout: tty } = await sh(`script -qec ${quote(command("split"))} /dev/null`, { TZ: "UTC" });
    assert.ok(tty.includes(`${ESC}36mINF${ESC}0m`), JSON.stringify(tty));
    assert.ok(tty.includes(`${ESC}31mERR${ESC}0m`), JSON.stringify(tty));
    assert.equal(stripAnsi(tty).replace(/\r\n/g, "\n"), LINES.join("\n") + "\n");
    const { stdout: noColor } = await sh(`script -qec ${quote(command("split"))} /dev/null`, { NO_COLOR: "1", TZ: "UTC" });
    assert.equal(noColor.includes(ESC), false, JSON.stringify(noColor));
    assert.equal(noColor.replace(/\r\n/g, "\n"), LINES.join("\n") + "\n");
  });

  it(
    "Deno without --allow-env on a terminal: colour, no permission prompt; NO_COLOR still honoured (Deno.noColor)",
    { skip: currentRuntime !== "deno" ? "Deno only" : hasScript ? false : "util-linux `script` is not installed" },
    async () => {
      const line = [runtimeExecPath(), "run", "--allow-read", fixturePath("console_child"), "split"].map(quote).join(" ");
      // stdin is the pty too: a permission prompt would wait for an answer and time the test out.
      const { stdout: tty } = await sh(`script -qec ${quote(line)} /dev/null`, { TZ: "UTC" });
      assert.ok(tty.includes(`${ESC}36mINF${ESC}0m`), JSON.stringify(tty));
      assert.equal(stripAnsi(tty).replace(/\r\n/g, "\n"), LINES.join("\n") + "\n");
      const { stdout: noColor } = await sh(`script -qec ${quote(line)} /dev/null`, { TZ: "UTC", NO_COLOR: "1" });
      assert.equal(noColor.includes(ESC), false, JSON.stringify(noColor));
    },
  );
});
