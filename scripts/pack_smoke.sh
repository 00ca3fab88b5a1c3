#!/usr/bin/env bash
# Packs the npm package, installs the tarball into an empty project and imports
# every subpath from Node, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/mod.js ] || node_modules/.bin/tsc -p tsconfig.build.json
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "./$tarball" >/dev/null
node --input-type=module -e '
const pkg = JSON.parse(await (await import("node:fs/promises")).readFile("node_modules/@logging/core/package.json", "utf8"));
if (Object.keys(pkg.dependencies ?? {}).length) throw new Error("runtime dependencies: " + Object.keys(pkg.dependencies));
for (const sub of ["", "/node", "/deno", "/bun", "/workers", "/hono"]) {
  const m = await import("@logging/core" + sub);
  const names = Object.keys(m);
  if (names.length === 0) throw new Error("no exports in @logging/core" + sub);
  console.log(`@logging/core${sub}: ${names.length} exports`);
}
const { LoggerConfiguration, memorySink } = await import("@logging/core");
const { nodeRuntime } = await import("@logging/core/node");
const sink = memorySink();
const log = new LoggerConfiguration({ runtime: nodeRuntime() }).writeTo(sink).createLogger();
log.information("Packed {Name}", "ok");
await log.shutdown();
if (sink.events.length !== 1 || sink.events[0].properties.Name !== "ok") throw new Error("packed logger did not log");
console.log("packed logger works");
'
