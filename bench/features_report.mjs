// Runs bench/features.mjs on node, deno and bun and writes bench/FEATURES.md:
// what redaction, getLogger() and lazy() cost a log call (issue 14).
//   node bench/features_report.mjs   (after bench/run.sh has built bench/.out)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, "..", "node_modules", ".bin");
const script = path.join(here, "features.mjs");
const runners = {
  node: [path.join(bin, "node"), [script]],
  deno: [path.join(bin, "deno"), ["run", "-A", script]],
  bun: [path.join(bin, "bun"), ["run", script]],
};
const rows = [];
for (const [runtime, [cmd, args]] of Object.entries(runners)) {
  const res = spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000 });
  const line = (res.stdout ?? "").trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (line === undefined) {
    process.stderr.write(`  ! features on ${runtime}: ${(res.stderr || "").slice(-400)}\n`);
    continue;
  }
  rows.push(JSON.parse(line));
  process.stdout.write(`  features ${runtime}: ${line}\n`);
}
const col = (key, unit = "") => rows.map((r) => `${r[key]}${unit}`).join(" | ");
const table = `# Feature costs (issue 14)

Written by \`npm run bench\` (\`bench/features.mjs\`, \`bench/features_report.mjs\`). Caller cost
per log call (median of 600 samples of 100 calls, the queue draining between samples, best of 3
interleaved rounds), into a queued sink, on this machine (2 shared cores).

| | ${rows.map((r) => r.runtime).join(" | ")} |
| --- | ${rows.map(() => "---").join(" | ")} |
| usual call, no redaction (ns) | ${col("caller_usual_plain_ns")} |
| usual call, \`redact({ paths })\` with 4 paths, none in the call (ns) | ${col("caller_usual_paths_ns")} |
| **ratio** (target ≤ 1.10) | ${col("usual_paths_ratio", "×")} |
| call with two objects holding secrets, no redaction (ns) | ${col("caller_secrets_plain_ns")} |
| the same, the paths censor them (ns) | ${col("caller_secrets_paths_ns")} |
| ratio | ${col("secrets_paths_ratio", "×")} |
| the same, \`keys: DEFAULT_REDACT_KEYS\` (every name at every depth) (ns) | ${col("caller_secrets_keys_ns")} |
| ratio | ${col("secrets_keys_ratio", "×")} |
| disabled call (ns) | ${col("disabled_ns")} |
| \`getLogger(...)\` call before \`setGlobalLogger\` (ns) | ${col("getLogger_uninstalled_ns")} |
| \`getLogger(...)\` call at a disabled level after it (ns) | ${col("getLogger_installed_disabled_ns")} |
| disabled call with a \`lazy()\` value (ns) | ${col("lazy_disabled_ns")} |
| … times its function was called | ${col("lazy_evaluations_at_disabled_level")} |
`;
fs.writeFileSync(path.join(here, "FEATURES.md"), table);
