/**
 * The compiled library as Miniflare modules, for the workerd tests
 * (tests/workers.test.ts, tests/ship_workers.test.ts).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentRuntime } from "./runtime.ts";

/** One module of a Worker, as Miniflare's `modules` option takes it. */
export interface EsModule {
  type: "ESModule";
  path: string;
  contents: string;
}

/** A response from Miniflare's `dispatchFetch`, as the tests read it. */
export interface ResponseLike {
  readonly status: number;
  text(): Promise<string>;
}

/** The part of a Miniflare instance the tests use. */
export interface MiniflareLike {
  readonly ready: Promise<unknown>;
  dispatchFetch(url: string, init?: { headers?: Record<string, string> }): Promise<ResponseLike>;
  dispose(): Promise<void>;
}

/** Miniflare's constructor, loaded at run time (see {@link loadMiniflare}). */
export type MiniflareClass = new (options: Record<string, unknown>) => MiniflareLike;

/** build/test, when this is the compiled helper. */
export const root: string = fileURLToPath(new URL("../..", import.meta.url));

/** Whether `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `mod.js` and every `.js` file under src/core, src/adapters/workers and
 * `extraDirs` (relative to {@link root}), with the shared adapter modules the
 * Workers adapter imports (those that need no `node:` module), sorted by path.
 */
export async function libraryModules(extraDirs: readonly string[] = []): Promise<EsModule[]> {
  const files: string[] = [join(root, "mod.js")];
  for (const dir of ["src/core", "src/adapters/workers", ...extraDirs]) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      if (entry.endsWith(".js")) files.push(join(root, dir, entry));
    }
  }
  files.push(join(root, "src/adapters/shared/context_storage_over.js"));
  return Promise.all(files.sort().map(async (path): Promise<EsModule> => ({
    type: "ESModule",
    path,
    contents: await readFile(path, "utf8"),
  })));
}

/** Why Miniflare cannot run here (not Node, or Node < 22), or undefined. */
export function miniflareUnsupported(): string | undefined {
  if (currentRuntime !== "node") return `workerd tests need Miniflare on Node >= 22; skipped on ${currentRuntime}`;
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) return `Miniflare 4 needs Node >= 22; this is Node ${process.versions.node}`;
  return undefined;
}

/**
 * Imports Miniflare unless the tests are skipped anyway (`skipReason`). `skip`
 * is that reason, or why Miniflare could not be loaded, or false.
 */
export async function loadMiniflare<C>(skipReason: string | undefined): Promise<{ Miniflare: C | undefined; skip: string | false }> {
  if (skipReason !== undefined) return { Miniflare: undefined, skip: skipReason };
  try {
    const name = "miniflare";
    return { Miniflare: ((await import(name)) as { Miniflare: C }).Miniflare, skip: false };
  } catch (error) {
    return { Miniflare: undefined, skip: `miniflare could not be loaded: ${String(error)}` };
  }
}
