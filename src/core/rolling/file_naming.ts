/**
 * Serilog-style rolling file names. For `logs/app.log`:
 *
 * | interval | first file | after size rolls |
 * |---|---|---|
 * | infinite | `app.log` | `app_001.log`, `app_002.log`… |
 * | day | `app-20261122.log` | `app-20261122_001.log`… |
 * | minute / hour / month | `app-202611221230.log` / `app-2026112212.log` / `app-202611.log` | `_001`… |
 *
 * @module
 */
import { periodKeyLength, type RollingInterval } from "./rolling_interval.ts";

/**
 * Where a file of a rolling set sits in it: its period key and sequence
 * number (0 for the first file of a period, which has no `_NNN` suffix).
 *
 * @example
 * ```ts
 * import type { RollingFileId } from "./file_naming.ts";
 * const id: RollingFileId = { key: "20261122", sequence: 1 }; // app-20261122_001.log
 * ```
 */
export interface RollingFileId {
  /** The period key, e.g. `"20261122"` for a day (`""` for the infinite interval). */
  readonly key: string;
  /** 0 for the period's first file, then 1, 2… for the `_001`, `_002`… size rolls. */
  readonly sequence: number;
}

/**
 * The names of the files one rolling sink writes, derived from its base path.
 * It recognises only its own files, so two sinks sharing a directory (or
 * unrelated files there) are never mistaken for each other.
 *
 * @example
 * ```ts
 * import { RollingFileNaming } from "./file_naming.ts";
 * const naming = new RollingFileNaming("logs/app.log", "day");
 * naming.path({ key: "20261122", sequence: 2 }); // "logs/app-20261122_002.log"
 * naming.parse("app-20261122_002.log");          // { key: "20261122", sequence: 2 }
 * naming.parse("other.log");                     // undefined
 * ```
 */
export class RollingFileNaming {
  /** The directory of the files (`""` for the current directory). */
  readonly directory: string;
  readonly #prefix: string;
  readonly #extension: string;
  readonly #separator: string;
  readonly #pattern: RegExp;

  /** Derives the naming from `basePath` (e.g. `logs/app.log`); throws a `TypeError` if it names no file. */
  constructor(basePath: string, interval: RollingInterval) {
    const cut = Math.max(basePath.lastIndexOf("/"), basePath.lastIndexOf("\\"));
    const name = basePath.slice(cut + 1);
    if (name === "" || name === "." || name === "..") {
      throw new TypeError(`rolling file sink: "${basePath}" does not name a file`);
    }
    this.directory = cut < 0 ? "" : cut === 0 ? basePath[0] : basePath.slice(0, cut);
    this.#separator = cut < 0 ? "/" : basePath[cut];
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    this.#extension = dot > 0 ? name.slice(dot) : "";
    const keyLength = periodKeyLength(interval);
    this.#prefix = keyLength > 0 ? `${stem}-` : stem;
    const key = keyLength > 0 ? `(\\d{${keyLength}})` : "()";
    this.#pattern = new RegExp(`^${escape(this.#prefix)}${key}(?:_(\\d{3,}))?${escape(this.#extension)}$`);
  }

  /** The file name (no directory) of a file of the set. */
  fileName(id: RollingFileId): string {
    const suffix = id.sequence > 0 ? `_${String(id.sequence).padStart(3, "0")}` : "";
    return `${this.#prefix}${id.key}${suffix}${this.#extension}`;
  }

  /** The path of a file of the set. */
  path(id: RollingFileId): string {
    return this.join(this.fileName(id));
  }

  /** A file name of this directory as a path. */
  join(fileName: string): string {
    if (this.directory === "") return fileName;
    const d = this.directory;
    return d.endsWith("/") || d.endsWith("\\") ? d + fileName : d + this.#separator + fileName;
  }

  /** The id of a file name of this set, or `undefined` for any other name. */
  parse(fileName: string): RollingFileId | undefined {
    const m = this.#pattern.exec(fileName);
    if (m === null) return undefined;
    return { key: m[1], sequence: m[2] === undefined ? 0 : Number(m[2]) };
  }

  /**
   * The ids of this set's files among `fileNames`, oldest first (by period,
   * then sequence).
   */
  ownFiles(fileNames: readonly string[]): { readonly name: string; readonly id: RollingFileId }[] {
    const own: { name: string; id: RollingFileId }[] = [];
    for (const name of fileNames) {
      const id = this.parse(name);
      if (id !== undefined) own.push({ name, id });
    }
    return own.sort((a, b) => compareIds(a.id, b.id));
  }
}

/**
 * Orders file ids oldest first: by period key, then by sequence.
 *
 * @example
 * ```ts
 * import { compareIds } from "./file_naming.ts";
 * compareIds({ key: "20261122", sequence: 2 }, { key: "20261123", sequence: 0 }); // < 0
 * ```
 */
export function compareIds(a: RollingFileId, b: RollingFileId): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.sequence - b.sequence;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
