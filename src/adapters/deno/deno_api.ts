/**
 * The few `Deno` APIs the adapter uses, typed locally so the package
 * type-checks without Deno's own declarations (under `tsc` with Node types).
 *
 * @module
 */

/**
 * An open file or stdio stream: writes may be partial.
 *
 * @example
 * ```ts
 * import type { DenoWritable } from "@logging/core/deno";
 * const out: DenoWritable = Deno.stdout;
 * ```
 */
export interface DenoWritable {
  /** Writes some of `p`; resolves to the number of bytes written (may be fewer than `p.length`). */
  write(p: Uint8Array): Promise<number>;
  /** Synchronously writes some of `p`; returns the number of bytes written (may be partial). */
  writeSync(p: Uint8Array): number;
  /** Whether the stream is a terminal (`Deno.stdout.isTerminal()`); files lack it. */
  isTerminal?(): boolean;
}

/**
 * `Deno.FsFile`, as far as appending needs it.
 *
 * @example
 * ```ts
 * import type { DenoFsFile } from "./deno_api.ts";
 * const file: DenoFsFile = await Deno.open("/tmp/app.log", { append: true, create: true });
 * ```
 */
export interface DenoFsFile extends DenoWritable {
  stat(): Promise<DenoFileInfo>;
  statSync(): DenoFileInfo;
  truncateSync(length?: number): void;
  close(): void;
}

/**
 * `Deno.FileInfo`, as far as the adapter needs it.
 *
 * @example
 * ```ts
 * import type { DenoFileInfo } from "./deno_api.ts";
 * const info: DenoFileInfo = await Deno.stat("/tmp");
 * ```
 */
export interface DenoFileInfo {
  readonly size: number;
  readonly mtime: Date | null;
  readonly isFile: boolean;
  /** Inode number (null where the platform has none). */
  readonly ino: number | null;
  /** Device id. */
  readonly dev: number;
}

/**
 * The signals the adapter listens to.
 *
 * @example
 * ```ts
 * import type { DenoSignal } from "./deno_api.ts";
 * const signal: DenoSignal = "SIGTERM";
 * ```
 */
export type DenoSignal = "SIGTERM" | "SIGINT" | "SIGHUP";

/**
 * The subset of the `Deno` namespace the adapter uses.
 *
 * @example
 * ```ts
 * import type { DenoApi } from "./deno_api.ts";
 * const deno = (globalThis as unknown as { Deno: DenoApi }).Deno;
 * ```
 */
export interface DenoApi {
  open(path: string, options: { append: boolean; create: boolean }): Promise<DenoFsFile>;
  openSync(path: string, options: { append: boolean; create: boolean }): DenoFsFile;
  stat(path: string): Promise<DenoFileInfo>;
  statSync(path: string): DenoFileInfo;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  readDir(path: string): AsyncIterable<{ readonly name: string }>;
  readDirSync(path: string): Iterable<{ readonly name: string }>;
  mkdir(path: string, options: { recursive: boolean }): Promise<void>;
  mkdirSync(path: string, options: { recursive: boolean }): void;
  readonly stdout: DenoWritable;
  readonly stderr: DenoWritable;
  readonly env: { get(name: string): string | undefined };
  /** `NO_COLOR` as Deno sees it, readable without `--allow-env`. */
  readonly noColor?: boolean;
  /** Used to read the environment only where allowed, so reading never prompts. */
  readonly permissions?: { querySync?(descriptor: { name: "env"; variable: string }): { state: string } };
  addSignalListener(signal: DenoSignal, handler: () => void): void;
  removeSignalListener(signal: DenoSignal, handler: () => void): void;
  exit(code?: number): never;
  unrefTimer(id: number): void;
}

/**
 * The `Deno` namespace, or a clear error when the code does not run on Deno.
 *
 * @example
 * ```ts
 * import { denoApi } from "./deno_api.ts";
 * denoApi().env.get("HOME");
 * ```
 */
export function denoApi(): DenoApi {
  const deno = (globalThis as unknown as { Deno?: DenoApi }).Deno;
  if (deno === undefined) throw new Error("@logging/core/deno: the Deno global is missing (not running on Deno?)");
  return deno;
}

/**
 * Whether an error from a `Deno` call means "no such file or directory".
 *
 * @example
 * ```ts
 * import { isNotFound } from "./deno_api.ts";
 * const missing = await Deno.stat("/nope").then(() => false, isNotFound); // true
 * ```
 */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ENOENT" ||
    (error as { name?: unknown } | null)?.name === "NotFound";
}
