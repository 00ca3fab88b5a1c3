/**
 * `logging-core pretty`: argument parsing, CLEF reading and rendering (core
 * code), and the command itself in a child process of the current runtime
 * (stdin and files, filters, templates, colour, --follow on a growing file).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseClefLine } from "../src/core/cli/clef_line.ts";
import { parsePrettyArgs } from "../src/core/cli/pretty_options.ts";
import { prettyPrinter } from "../src/core/cli/pretty_printer.ts";
import { clefFormatter } from "../src/core/formatting/clef_formatter.ts";
import { parseTemplate } from "../src/core/template/parse_template.ts";
import { runScriptArgs, runtimeExecPath } from "./_helpers/runtime.ts";

const ESC = "\x1b[";
const clef = (fields: Record<string, unknown>) => JSON.stringify({ "@t": "2026-11-22T12:00:00.000Z", ...fields });
const LINES = [
  clef({ "@mt": "Handled {Path}", Path: "/orders", RequestId: "r7", Ms: 12 }),
  "plain text line",
  clef({ "@mt": "Cache {Outcome}", "@l": "Debug", Outcome: "miss", RequestId: "r7" }),
  clef({ "@mt": "Failed {Id}", "@l": "Error", Id: 3, RequestId: "r8", "@x": "Error: boom\n    at f (a.js:1:1)" }),
];

describe("pretty: reading CLEF", () => {
  it("reads what clefFormatter writes, including escaped @ names and errors", () => {
    const written = clefFormatter({ eventId: false }).format({
      timestamp: Date.UTC(2026, 10, 22, 12),
      level: "warning",
      template: parseTemplate("Disk {Pct}% full"),
      properties: Object.assign(Object.create(null), { Pct: 93, "@odd": "x", Tags: ["a"] }),
      error: { name: "RangeError", message: "too big", stack: "RangeError: too big\n    at g (b.js:2:2)" },
    });
    const event = parseClefLine(written.trimEnd());
    assert.ok(event !== undefined);
    assert.equal(event.timestamp, Date.UTC(2026, 10, 22, 12));
    assert.equal(event.level, "warning");
    assert.equal(event.template.text, "Disk {Pct}% full");
    assert.deepEqual({ ...event.properties }, { Pct: 93, "@odd": "x", Tags: ["a"] });
    assert.deepEqual(event.error, { name: "RangeError", message: "too big", stack: "RangeError: too big\n    at g (b.js:2:2)" });
  });

  it("takes @m when there is no @mt, defaults to information, and rejects what is not CLEF", () => {
    const event = parseClefLine(clef({ "@m": "Literal {not a hole}" }));
    assert.equal(event?.template.propertyNames.length, 0);
    assert.equal(event?.level, "information");
    for (const line of ["", "text", "[1,2]", "{not json", '{"@mt":"no time"}', '{"@t":"yesterday"}', "null"]) {
      assert.equal(parseClefLine(line), undefined, line);
    }
  });
});

describe("pretty: arguments", () => {
  it("parses files, follow, template, level, repeated where, colour", () => {
    assert.deepEqual(parsePrettyArgs(["-f", "--template", "{Message}\\n", "--level=warn", "-w", "A=1", "--where", "B=x=y", "--no-color", "app.log"]), {
      files: ["app.log"],
      follow: true,
      template: "{Message}\n",
      level: "warning",
      where: [["A", "1"], ["B", "x=y"]],
      colour: "never",
      utc: false,
    });
    assert.equal(parsePrettyArgs(["--help"]), "help");
  });

  it("names the bad argument", () => {
    assert.deepEqual(parsePrettyArgs(["--level", "loud"]), { error: '--level: unknown level "loud"' });
    assert.deepEqual(parsePrettyArgs(["--where", "novalue"]), { error: '--where needs Name=value, got "novalue"' });
    assert.deepEqual(parsePrettyArgs(["--bogus"]), { error: "unknown option --bogus" });
    assert.deepEqual(parsePrettyArgs(["--follow"]), { error: "--follow needs a file" });
  });
});

describe("pretty: rendering", () => {
  it("renders CLEF with the default line, passes other lines through, filters by level and property", () => {
    const all = prettyPrinter({ template: undefined, level: "verbose", where: [], utc: true }, false);
    assert.deepEqual(LINES.map((l) => all.line(l)), [
      '[12:00:00 INF] Handled /orders {RequestId: "r7", Ms: 12}\n',
      "plain text line\n",
      '[12:00:00 DBG] Cache miss {RequestId: "r7"}\n',
      "[12:00:00 ERR] Failed 3 {RequestId: \"r8\"}\nError: boom\n    at f (a.js:1:1)\n",
    ]);
    const filtered = prettyPrinter({ template: "{Level:u3} {Message:lj}{NewLine}", level: "information", where: [["RequestId", "r7"]], utc: true }, false);
    assert.deepEqual(LINES.map((l) => filtered.line(l)), ["INF Handled /orders\n", "", "", ""]);
    const numeric = prettyPrinter({ template: "{Id}{NewLine}", level: "verbose", where: [["Id", "3"]], utc: true }, true);
    assert.deepEqual(LINES.map((l) => numeric.line(l)), ["", "", "", "3\n"]);
    const coloured = prettyPrinter({ template: undefined, level: "verbose", where: [], utc: true }, true);
    assert.ok(coloured.line(LINES[0]).includes(`${ESC}36mINF${ESC}0m`));
  });
});

function cliPath(): string {
  const ts = fileURLToPath(new URL("../src/adapters/node/pretty_cli.ts", import.meta.url));
  return fs.existsSync(ts) ? ts : fileURLToPath(new URL("../src/adapters/node/pretty_cli.js", import.meta.url));
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `logging-core <args>`; `onStdout` sees the output so far and may write the input or stop the child. */
function runCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; onStdout?: (sofar: string, stop: () => void) => void; shell?: string } = {},
): Promise<Run> {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const [command, argv] = options.shell === undefined ? [runtimeExecPath(), [...runScriptArgs(cliPath()), ...args]] : ["sh", ["-c", options.shell]];
    const child = spawn(command, argv, {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...env, TZ: "UTC", TERM: "xterm", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`logging-core ${args.join(" ")} timed out; stdout: ${stdout}; stderr: ${stderr}`));
    }, 30_000);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, () => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

describe("logging-core pretty (child process)", () => {
  it("reads stdin; no colour on a pipe; FORCE_COLOR colours", async () => {
    const input = LINES.join("\n") + "\n";
    const plain = await runCli(["pretty"], { input });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, LINES.map((l) => prettyPrinter({ template: undefined, level: "verbose", where: [], utc: false }, false).line(l)).join(""));
    assert.ok(plain.stdout.startsWith('[12:00:00 INF] Handled /orders {RequestId: "r7", Ms: 12}\n'), plain.stdout);
    assert.equal(plain.stdout.includes(ESC), false);
    const forced = await runCli(["pretty"], { input, env: { FORCE_COLOR: "1" } });
    assert.ok(forced.stdout.includes(`${ESC}31mERR${ESC}0m`), forced.stdout);
  });

  it("reads files in order with a template, a level and where filters", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pretty-"));
    try {
      fs.writeFileSync(path.join(dir, "a.log"), LINES.slice(0, 2).join("\n") + "\n");
      fs.writeFileSync(path.join(dir, "b.log"), LINES.slice(2).join("\n")); // no final newline
      const files = [path.join(dir, "a.log"), path.join(dir, "b.log")];
      const all = await runCli(["pretty", "--template", "{Level:u3} {Message:lj}{NewLine}", ...files]);
      assert.deepEqual([all.code, all.stdout], [0, "INF Handled /orders\nplain text line\nDBG Cache miss\nERR Failed 3\n"]);
      const some = await runCli(["pretty", "-t", "{Level:u3} {Message:lj}{NewLine}", "--level", "information", "--where", "RequestId=r7", ...files]);
      assert.deepEqual([some.code, some.stdout], [0, "INF Handled /orders\n"]);
      const missing = await runCli(["pretty", path.join(dir, "nope.log")]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /cannot read .*nope\.log/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with the usage on a bad argument", async () => {
    const bad = await runCli(["pretty", "--level", "loud"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--level: unknown level "loud"[\s\S]*Usage: logging-core pretty/);
    const unknown = await runCli(["prettify"]);
    assert.equal(unknown.code, 2);
  });

  it("--follow prints lines appended to a growing file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pretty-"));
    const file = path.join(dir, "app.log");
    try {
      fs.writeFileSync(file, LINES[0] + "\n");
      let appended = false;
      const run = await runCli(["pretty", "--follow", "-t", "{Message:lj}{NewLine}", file], {
        onStdout: (sofar, stop) => {
          if (!appended && sofar.includes("Handled /orders\n")) {
            appended = true;
            fs.appendFileSync(file, LINES[1] + "\n" + LINES[2].slice(0, 20));
            setTimeout(() => fs.appendFileSync(file, LINES[2].slice(20) + "\n"), 50);
          }
          if (sofar.includes("Cache miss\n")) stop();
        },
      });
      assert.equal(run.stdout, "Handled /orders\nplain text line\nCache miss\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--follow follows a rotated file (renamed away, created anew)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pretty-"));
    const file = path.join(dir, "app.log");
    try {
      fs.writeFileSync(file, LINES[0] + "\n");
      let rotated = false;
      const run = await runCli(["pretty", "--follow", "-t", "{Message:lj}{NewLine}", file], {
        onStdout: (sofar, stop) => {
          if (!rotated && sofar.includes("Handled /orders\n")) {
            rotated = true;
            fs.renameSync(file, file + ".1");
            fs.appendFileSync(file + ".1", LINES[1] + "\n"); // written to the old file after the rename
            fs.writeFileSync(file, LINES[2] + "\n");
          }
          if (sofar.includes("Cache miss\n")) stop();
        },
      });
      assert.equal(run.stdout, "Handled /orders\nplain text line\nCache miss\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;
  it("colours on a terminal (pty), not with NO_COLOR or --no-color", { skip: hasScript ? false : "util-linux `script` is not installed" }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pretty-"));
    const file = path.join(dir, "app.log");
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    try {
      fs.writeFileSync(file, LINES.join("\n") + "\n");
      const command = (...extra: string[]) => [runtimeExecPath(), ...runScriptArgs(cliPath()), "pretty", ...extra, file].map(quote).join(" ");
      const viaPty = async (extra: string[], env: Record<string, string> = {}) =>
        (await runCli([], { env, shell: `script -qec ${quote(command(...extra))} /dev/null` })).stdout;
      const tty = await viaPty([]);
      assert.ok(tty.includes(`${ESC}36mINF${ESC}0m`), JSON.stringify(tty));
      assert.equal((await viaPty([], { NO_COLOR: "1" })).includes(ESC), false);
      assert.equal((await viaPty(["--no-color"])).includes(ESC), false);
      assert.equal(tty.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r\n/g, "\n"), (await runCli(["pretty", file])).stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
