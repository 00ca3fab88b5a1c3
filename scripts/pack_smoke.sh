#!/usr/bin/env bash
# The package as users get it. From a copy of the working tree without dist/
# and node_modules (what a fresh clone has):
#   - `deno publish --dry-run` (the `publish` task) and `deno doc --lint` of each
#     JSR entry on its own;
#   - `npm pack` (the `prepack` script builds dist/), publint and
#     arethetypeswrong on the tarball, and the source/declaration maps point at
#     files the tarball ships;
#   - the tarball installed into empty projects: every `exports` entry imported
#     and required on Node 20 and Node 24, the `logging-core` bin run, and
#     TypeScript consumers type-checked with minimal settings (Workers-like
#     `lib: ["es2022"]` without node types, browser, NodeNext ESM and CommonJS,
#     node10 resolution).
# Entries come from package.json/deno.json, so a new subpath is tested once it is added there.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
BIN="$repo/node_modules/.bin"
NODE20="$(which -a node | grep -v "^$repo/node_modules/" | head -1)"
NODE24="$BIN/node"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf -- '--- %s\n' "$*"; }

step "copy of the working tree (tracked and new files, no dist/ or node_modules/)"
clone="$work/clone"
mkdir -p "$clone"
git ls-files -co --exclude-standard -z |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$clone"
[ ! -e "$clone/dist" ] && [ ! -e "$clone/node_modules" ]
[ ! -e "$clone/jsr.json" ] || { echo "jsr.json is back: deno.json is the one JSR manifest"; exit 1; }

step "JSR: deno doc --lint of each entry alone, deno task publish --dry-run (no node_modules)"
mapfile -t jsr_entries < <(cd "$clone" && "$NODE24" -e '
  const d = JSON.parse(require("fs").readFileSync("deno.json", "utf8"));
  for (const f of Object.values(d.exports)) console.log(f);')
(cd "$clone" && for entry in "${jsr_entries[@]}"; do "$BIN/deno" doc --lint "$entry" >/dev/null; done)
(cd "$clone" && PATH="$BIN:$PATH" "$BIN/deno" task -q publish --dry-run --allow-dirty >"$work/jsr.log" 2>&1) ||
  { cat "$work/jsr.log"; exit 1; }
tail -1 "$work/jsr.log"

step "npm pack in the copy (prepack builds dist/)"
ln -s "$repo/node_modules" "$clone/node_modules"
tarball="$work/$(cd "$clone" && npm pack --silent --pack-destination "$work" | tail -1)"
tar -tzf "$tarball" | sed 's|^package/||' | sort >"$work/files"
grep -qx 'dist/mod.js' "$work/files" || { echo "the tarball has no dist/mod.js"; exit 1; }
echo "$(wc -l <"$work/files") files, $(du -k "$tarball" | cut -f1) kB"

step "publint and arethetypeswrong"
mkdir "$work/pkg" && tar -xzf "$tarball" -C "$work/pkg"
"$BIN/publint" run "$work/pkg/package" --strict --pack false
# require(esm) makes the ESM build loadable from CommonJS on Node >= 20.19
# (tested below); attw predates it and would flag every entry for it.
"$BIN/attw" "$tarball" --ignore-rules cjs-resolves-to-esm --format table-flipped

step "source and declaration maps point at shipped files"
"$NODE24" -e '
const fs = require("fs"), path = require("path");
const root = process.argv[1];
const files = fs.readFileSync(process.argv[2], "utf8").trim().split("\n");
let maps = 0;
for (const f of files.filter((f) => f.endsWith(".map"))) {
  const map = JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));
  for (const s of map.sources) {
    const target = path.join(root, path.dirname(f), map.sourceRoot ?? "", s);
    if (!fs.existsSync(target)) throw new Error(`${f} points at ${s}, which the package does not ship`);
  }
  maps++;
}
console.log(`${maps} maps, every source shipped`);' "$work/pkg/package" "$work/files"

step "install the tarball into an empty project"
app="$work/app"
mkdir "$app" && cd "$app"
echo '{ "name": "app", "private": true }' >package.json
npm install --silent --no-audit --no-fund --offline "$tarball" >/dev/null 2>&1 ||
  npm install --silent --no-audit --no-fund "$tarball" >/dev/null
mapfile -t subpaths < <("$NODE24" -e '
  const p = require("./node_modules/@logging/core/package.json");
  if (Object.keys(p.dependencies ?? {}).length) throw new Error("runtime dependencies: " + Object.keys(p.dependencies));
  for (const k of Object.keys(p.exports)) if (k !== "./package.json") console.log(k.slice(1));')
echo "entries: ${subpaths[*]/#/@logging/core}"
cat >use.mjs <<'JS'
const subpaths = process.argv.slice(2);
for (const sub of subpaths) {
  const m = await import("@logging/core" + sub);
  if (Object.keys(m).length === 0) throw new Error(`no exports in @logging/core${sub}`);
}
const { LoggerConfiguration, memorySink } = await import("@logging/core");
const { nodeRuntime } = await import("@logging/core/node");
const sink = memorySink();
const log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(sink).createLogger();
log.information("Packed {Name}", "esm");
await log.shutdown();
if (sink.events.length !== 1 || sink.events[0].properties.Name !== "esm") throw new Error("import: the packed logger did not log");
console.log(`import: ${subpaths.length} entries, logger works`);
JS
cat >use.cjs <<'JS'
const subpaths = process.argv.slice(2);
for (const sub of subpaths) {
  const m = require("@logging/core" + sub);
  if (Object.keys(m).length === 0) throw new Error(`no exports in @logging/core${sub}`);
}
const { LoggerConfiguration, memorySink } = require("@logging/core");
const { nodeRuntime } = require("@logging/core/node");
const sink = memorySink();
const log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(sink).createLogger();
log.information("Packed {Name}", "cjs");
log.shutdown().then(() => {
  if (sink.events.length !== 1 || sink.events[0].properties.Name !== "cjs") throw new Error("require: the packed logger did not log");
  console.log(`require: ${subpaths.length} entries, logger works`);
});
JS
for node in "$NODE20" "$NODE24"; do
  step "node $("$node" --version): import and require"
  "$node" use.mjs "${subpaths[@]}"
  "$node" --no-warnings use.cjs "${subpaths[@]}"
done

if grep -q '"bin"' node_modules/@logging/core/package.json; then
  for node in "$NODE20" "$NODE24"; do
    step "node $("$node" --version): the logging-core bin"
    out="$(printf '%s\n' '{"@t":"2026-01-02T03:04:05.000Z","@mt":"Hello {Name}","Name":"bin","@l":"Warning"}' 'not json' |
      PATH="$(dirname "$node"):$PATH" NO_COLOR=1 ./node_modules/.bin/logging-core pretty --template '{Level:u3} {Message:lj}{NewLine}')"
    [ "$out" = "$(printf 'WRN Hello bin\nnot json')" ] || { echo "unexpected bin output: $out"; exit 1; }
    echo "$out" | head -1
  done
  step "npx @logging/core pretty (the package's one bin)"
  out="$(echo '{"@t":"2026-01-02T03:04:05.000Z","@mt":"Hi {A}","A":1}' | NO_COLOR=1 TZ=UTC npx --offline @logging/core pretty)"
  [ "$out" = "[03:04:05 INF] Hi 1" ] || { echo "unexpected npx output: $out"; exit 1; }
  echo "$out"
fi

step "TypeScript consumers"
types="$repo/node_modules/@types"
tsc_case() { # name, package type, tsconfig compilerOptions (JSON), file name, source
  local dir="$work/ts-$1"
  mkdir -p "$dir"
  ln -s "$app/node_modules" "$dir/node_modules"
  echo "{ \"name\": \"ts-$1\", \"private\": true, \"type\": \"$2\" }" >"$dir/package.json"
  echo "{ \"compilerOptions\": $3, \"files\": [\"$4\"] }" >"$dir/tsconfig.json"
  printf '%s\n' "$5" >"$dir/$4"
  (cd "$dir" && "$BIN/tsc" -p tsconfig.json) || { echo "tsc failed for consumer $1 ($3)"; exit 1; }
  echo "ok: $1"
}
strict='"strict": true, "noEmit": true, "skipLibCheck": false'
workers_src='import { LoggerConfiguration, consoleSink, type LogEvent } from "@logging/core";
import { workersRuntime, withLogging } from "@logging/core/workers";
const log = new LoggerConfiguration({ runtime: workersRuntime() }).writeTo(consoleSink()).createLogger();
log.information("User {UserId} logged in", 42);
export const seen: (e: LogEvent) => string = (e) => e.level;
export const handler = withLogging(log, async () => new Response("ok"));
export default { fetch: async () => { await log.flush(); return new Response("ok"); } };'
tsc_case workers module "{ $strict, \"target\": \"es2022\", \"lib\": [\"es2022\", \"webworker\"], \"types\": [], \"module\": \"esnext\", \"moduleResolution\": \"bundler\" }" index.ts "$workers_src"
tsc_case es2022 module "{ $strict, \"target\": \"es2022\", \"lib\": [\"es2022\"], \"types\": [], \"module\": \"esnext\", \"moduleResolution\": \"bundler\" }" index.ts \
  'import { LoggerConfiguration, memorySink } from "@logging/core";
export const log = new LoggerConfiguration().writeTo(memorySink()).createLogger();
log.info("bundler, es2022, no node types");'
tsc_case browser module "{ $strict, \"target\": \"es2022\", \"lib\": [\"es2022\", \"dom\"], \"types\": [], \"module\": \"preserve\", \"moduleResolution\": \"bundler\" }" index.ts \
  'import { LoggerConfiguration, consoleSink } from "@logging/core";
export const log = new LoggerConfiguration().writeTo(consoleSink({ theme: "auto" })).createLogger();'
all_imports=""
for sub in "${subpaths[@]}"; do all_imports+="export * as m$(( ${#all_imports} )) from \"@logging/core$sub\";"$'\n'; done
tsc_case nodenext-esm module "{ $strict, \"target\": \"es2022\", \"lib\": [\"esnext\"], \"typeRoots\": [\"$types\"], \"types\": [\"node\"], \"module\": \"nodenext\" }" index.ts \
  "$all_imports
import { LoggerConfiguration } from \"@logging/core\";
import { nodeRuntime, fileSink } from \"@logging/core/node\";
await using log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(fileSink(\"app.log\")).createLogger();"
tsc_case nodenext-cjs commonjs "{ $strict, \"target\": \"es2022\", \"lib\": [\"es2022\"], \"typeRoots\": [\"$types\"], \"types\": [\"node\"], \"module\": \"nodenext\" }" index.ts \
  'import { LoggerConfiguration } from "@logging/core";
import { nodeRuntime } from "@logging/core/node";
export const log = new LoggerConfiguration({ runtime: nodeRuntime() }).createLogger();'
tsc_case node10 commonjs "{ $strict, \"target\": \"es2022\", \"lib\": [\"es2022\"], \"typeRoots\": [\"$types\"], \"types\": [\"node\"], \"module\": \"commonjs\", \"moduleResolution\": \"node10\" }" index.ts \
  'import { LoggerConfiguration } from "@logging/core";
import { nodeRuntime } from "@logging/core/node";
import { workersRuntime } from "@logging/core/workers";
export const log = new LoggerConfiguration({ runtime: nodeRuntime() }).createLogger();
export const w = workersRuntime;'
echo "pack smoke test passed"
