// Builds the npm package into dist/: `tsc -p tsconfig.build.json` (ESM, .d.ts,
// declaration maps and source maps pointing at the shipped sources), then
// makes the public types independent of the consumer's `lib` and marks the
// CLI executable. `npm pack`/`npm publish` run it as `prepack`.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });

// `Logger` is `AsyncDisposable` (`await using log = …`). Those names come from
// TypeScript's `esnext.disposable` lib (or @types/node): a consumer on
// `lib: ["es2022"]` without node types (Workers, browsers) would fail inside our
// .d.ts. This file declares just what the types use, in the same shape as the
// lib, so it merges cleanly where the lib is present. It stays out of the
// sources because JSR forbids global augmentation; Deno has the lib anyway.
const shim = `// Declares what @logging/core's types use from TypeScript's esnext.disposable lib,
// so they type-check with lib: ["es2022"] and no @types/node. Merges with the lib where present.
interface SymbolConstructor {
  readonly asyncDispose: unique symbol;
}
interface AsyncDisposable {
  [Symbol.asyncDispose](): PromiseLike<void>;
}
`;
writeFileSync(join(dist, "disposable.d.ts"), shim);
const logger = join(dist, "src/core/logger/logger.d.ts");
writeFileSync(logger, `/// <reference path="../../../disposable.d.ts" />\n` + readFileSync(logger, "utf8"));

const cli = join(dist, "src/adapters/node/pretty_cli.js");
if (existsSync(cli)) {
  if (!readFileSync(cli, "utf8").startsWith("#!")) throw new Error(`${cli} lacks its shebang`);
  chmodSync(cli, 0o755);
}
