/**
 * Internal: the epoch of level switches. Every change of any `LevelSwitch`
 * bumps it; a logger built from a configuration with switches remembers the
 * epoch its level methods were chosen in and re-chooses them on its next
 * call (or `isEnabled`) when the epoch moved. No registry of loggers, so
 * per-request child loggers cost nothing extra to track. Not exported from
 * the package.
 *
 * @module
 */

/** Bumped by every `LevelSwitch` change (read as a live binding). */
export let levelEpoch: number = 0;

/** Called by `LevelSwitch` after its level changed. */
export function bumpLevelEpoch(): void {
  levelEpoch++;
}
