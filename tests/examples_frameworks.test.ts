/**
 * The framework examples (examples/hono, examples/express, examples/fastify),
 * run as a user would: each answers a request, logs it once with its context
 * as CLEF on stdout (no header leaked), skips /health, and exits on SIGTERM.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import process from "node:process";
import { currentRuntime, runtimeExecPath } from "./_helpers/runtime.ts";
import { repoRoot } from "./_helpers/repo_root.ts";

const TEMPLATE = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const SECRET = "Bearer sekret-example-token";

const root = repoRoot();
const built = fs.existsSync(path.join(root, "dist/mod.js"));
const nodeStripsTypes = (process as unknown as { features?: { typescript?: unknown } }).features?.typescript !== undefined &&
  (process as unknown as { features: { typescript?: unknown } }).features.typescript !== false;

interface Example {
  readonly name: "hono" | "express" | "fastify";
  readonly args: string[];
  readonly skip: string | false;
}

function examples(): Example[] {
  const hono = path.join(root, "examples/hono/server.ts");
  const express = path.join(root, "examples/express/server.mjs");
  const fastify = path.join(root, "examples/fastify/server.mjs");
  const needsBuild = built ? false : "run `npm run build` first (the example imports the npm build)";
  if (currentRuntime === "deno") {
    return [
      { name: "hono", args: ["run", "-A", hono], skip: false },
      { name: "express", args: [], skip: "the Express example is run on node and bun" },
      { name: "fastify", args: [], skip: "the Fastify example is run on node" },
    ];
  }
  if (currentRuntime === "bun") {
    return [
      { name: "hono", args: [hono], skip: false },
      { name: "express", args: [express], skip: needsBuild },
      { name: "fastify", args: [], skip: "the Fastify example is run on node" },
    ];
  }
  return [
    { name: "hono", args: [hono], skip: nodeStripsTypes ? false : `Node ${process.versions.node} cannot run TypeScript` },
    { name: "express", args: [express], skip: needsBuild },
    { name: "fastify", args: [fastify], skip: needsBuild },
  ];
}

type Clef = Record<string, unknown> & { "@mt": string };

for (const example of examples()) {
  describe(`${example.name} example (${currentRuntime})`, () => {
    it(`logs a request once with its context and no header, skips /health, exits on SIGTERM${example.skip ? ` (skipped: ${example.skip})` : ""}`, { skip: example.skip }, async () => {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const child = spawn(runtimeExecPath(), example.args, {
        cwd: root,
        env: { ...process.env, PORT: String(port), NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (c) => (stderr += c));
      const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no "Listening on"; stdout: ${stdout}; stderr: ${stderr}`)), 30_000);
          child.stdout.on("data", (c) => {
            stdout += c;
            if (stdout.includes("Listening on")) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        const response = await fetch(`http://127.0.0.1:${port}/hello/ada`, {
          headers: { "x-request-id": "ex-1", traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, authorization: SECRET },
        });
        assert.equal(await response.text(), "hello ada\n");
        if (example.name !== "fastify") {
          assert.equal(await (await fetch(`http://127.0.0.1:${port}/health`, { headers: { "x-request-id": "ex-h" } })).text(), "ok\n");
        }
      } finally {
        if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
      }
      assert.equal(await exited, 143, `exit code after SIGTERM; stderr: ${stderr}`);
      assert.ok(!stdout.includes("sekret") && !stderr.includes("sekret"), "the authorization header leaked");
      const events: Clef[] = stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
      const mine = events.filter((e) => e.RequestId === "ex-1");
      for (const e of mine) {
        assert.equal(e["@tr"], TRACE_ID, "CLEF carries the trace id as @tr");
        assert.equal(e.RequestPath, "/hello/ada");
        assert.equal(e.app, `example-${example.name}`);
      }
      if (example.name === "fastify") {
        assert.deepEqual(mine.map((e) => e["@mt"]), ["incoming request", "greeting {__0:l}", "request completed"]);
        assert.equal((mine[2].res as { statusCode: number }).statusCode, 200);
      } else {
        assert.deepEqual(mine.map((e) => e["@mt"]), ["Greeting {Name}", TEMPLATE]);
        assert.equal(mine[1].StatusCode, 200);
        assert.equal(events.filter((e) => e.RequestId === "ex-h").length, 0, "/health is skipped");
      }
    });
  });
}
