/**
 * Retention: which of a rolling set's files to delete so that at most a given
 * number remain.
 *
 * @module
 */
import type { RollingFileNaming } from "./file_naming.ts";

/**
 * The names of the files to delete so that at most `limit` of the set's files
 * remain, counting the current one: the oldest (by period, then sequence) go
 * first, the current file never does. Names that are not the set's own are
 * never returned.
 *
 * @example
 * ```ts
 * import { RollingFileNaming } from "./file_naming.ts";
 * import { filesBeyondRetention } from "./retention.ts";
 * const naming = new RollingFileNaming("logs/app.log", "day");
 * filesBeyondRetention(naming, ["app-20261120.log", "app-20261121.log", "app-20261122.log", "notes.txt"], 2, "app-20261122.log");
 * // ["app-20261120.log"]
 * ```
 */
export function filesBeyondRetention(
  naming: RollingFileNaming,
  fileNames: readonly string[],
  limit: number,
  currentName: string,
): string[] {
  const others = naming.ownFiles(fileNames).filter((f) => f.name !== currentName);
  const keepOthers = Math.max(0, Math.floor(limit) - 1);
  return others.slice(0, Math.max(0, others.length - keepOthers)).map((f) => f.name);
}
