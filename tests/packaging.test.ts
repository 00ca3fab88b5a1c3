/**
 * The package manifests agree: every entry in deno.json (JSR) has the same
 * subpath in package.json (npm) with `types` and `default` pointing at the
 * build of the same source, and a node10 `typesVersions` mapping. Adding an
 * entry (e.g. `/hono`) to one manifest and not the others fails here.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./_helpers/repo_root.ts";

const root = repoRoot();
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(root, name), "utf8"));
const pkg = read("package.json");
const deno = read("deno.json");

describe("package manifests", () => {
  it("deno.json is the one JSR manifest, versioned like package.json", () => {
    assert.equal(fs.existsSync(path.join(root, "jsr.json")), false);
    assert.equal(deno.name, pkg.name);
    assert.equal(deno.version, pkg.version);
    assert.ok(deno.publish.include.includes("mod.ts"));
  });

  it("every JSR entry is an npm entry with types and default pointing at its build", () => {
    const npmEntries = Object.keys(pkg.exports).filter((k) => k !== "./package.json").sort();
    assert.deepEqual(npmEntries, Object.keys(deno.exports).sort());
    for (const [subpath, source] of Object.entries(deno.exports as Record<string, string>)) {
      const built = "./dist/" + source.replace(/^\.\//, "").replace(/\.ts$/, "");
      assert.deepEqual(pkg.exports[subpath], { types: built + ".d.ts", default: built + ".js" }, subpath);
      assert.ok(fs.existsSync(path.join(root, source)), source);
      if (subpath !== ".") {
        assert.deepEqual(pkg.typesVersions["*"][subpath.slice(2)], [built.slice(2) + ".d.ts"], `typesVersions ${subpath}`);
      }
    }
    assert.equal(Object.keys(pkg.typesVersions["*"]).length, npmEntries.length - 1);
  });

  it("npm metadata: builds on prepack, ships sources for its maps, names its repository", () => {
    assert.equal(pkg.scripts.prepack, "node scripts/build.mjs");
    for (const f of ["dist/", "mod.ts", "src/", "README.md", "LICENSE"]) assert.ok(pkg.files.includes(f), f);
    assert.equal(typeof pkg.repository.url, "string");
    assert.equal(typeof pkg.bugs.url, "string");
    assert.equal(typeof pkg.homepage, "string");
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  });

  it("the logging-core bin is the build of a source with a node shebang", () => {
    const bin: string = pkg.bin["logging-core"];
    const source = bin.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts");
    assert.ok(bin.startsWith("./dist/") && fs.existsSync(path.join(root, source)), bin);
    assert.ok(fs.readFileSync(path.join(root, source), "utf8").startsWith("#!/usr/bin/env node\n"));
  });
});
