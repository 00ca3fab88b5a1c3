/**
 * The example server of the current runtime, run as a user would: it answers
 * requests, logs each with its context to a rolling CLEF file, serves Prometheus
 * metrics, and drains its queue on SIGTERM.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { currentRuntime, runtimeExecPath } from "./_helpers/runtime.ts";
import { repoRoot } from "./_helpers/repo_root.ts";

const root = repoRoot();
const example = {
  node: { args: [path.join(root, "examples/node/server.mjs")], needs: path.join(root, "dist/mod.js") },
  deno: { args: ["run", "-A", path.join(root, "examples/deno/server.ts")], needs: undefined },
  bun: { args: [path.join(root, "examples/bun/server.ts")], needs: undefined },
}[currentRuntime];
const skip = example.needs !== undefined && !fs.existsSync(example.needs) ? "run `npm run build` first" : false;

describe(`example server (${currentRuntime})`, () => {
  it("logs requests with context to a rolling CLEF file, serves metrics, drains on SIGTERM", { skip }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logging-example-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(runtimeExecPath(), example.args, {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOG_FILE: path.join(dir, "app.log"), NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "Listening" line; stdout: ${stdout}; stderr: ${stderr}`)), 20_000);
        child.stdout.on("data", (c) => {
          stdout += c;
          if (stdout.includes("Listening on")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      for (const p of ["/one", "/two"]) assert.equal(await (await fetch(`http://127.0.0.1:${port}${p}`)).text(), "ok\n");
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /^# TYPE logging_events_received_total counter$/m);
      assert.match(metrics, /^logging_events_received_total\{sink="file"\} \d+$/m);
    } finally {
      if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
    }
    assert.equal(await exited, 143, `exit code after SIGTERM; stderr: ${stderr}`);
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1, `one daily file: ${files}`);
    assert.match(files[0], /^app-\d{8}\.log$/);
    const events = fs.readFileSync(path.join(dir, files[0]), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const hellos = events.filter((e) => e["@mt"] === "Hello from {Runtime}");
    assert.deepEqual(hellos.map((e) => e.RequestPath), ["/one", "/two"]);
    assert.equal(new Set(hellos.map((e) => e.RequestId)).size, 2, "each request has its own id");
    assert.ok(hellos.every((e) => e.Runtime === currentRuntime && e.app === `example-${currentRuntime}`));
    assert.equal(events.filter((e) => e["@mt"].startsWith("HTTP {StatusCode}")).length, 3);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
