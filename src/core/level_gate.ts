/**
 * Internal plumbing that lets a {@link LevelSwitch} change live loggers: who
 * listens to a switch, and a set of objects held weakly (child loggers come
 * and go per request; the set must not keep them alive). Not exported from
 * the package.
 *
 * @module
 */
import type { LevelSwitch } from "./level_switch.ts";

/** Called after the switch's level changed; returns false to stop listening. */
export type LevelListener = () => boolean;

const listeners = new WeakMap<LevelSwitch, Set<LevelListener>>();

/** Calls `listener` after each change of `levelSwitch.level`. */
export function onLevelChange(levelSwitch: LevelSwitch, listener: LevelListener): void {
  let set = listeners.get(levelSwitch);
  if (set === undefined) listeners.set(levelSwitch, (set = new Set()));
  set.add(listener);
}

/** Runs the listeners of `levelSwitch`; one that throws or returns false is dropped. */
export function notifyLevelChange(levelSwitch: LevelSwitch): void {
  const set = listeners.get(levelSwitch);
  if (set === undefined) return;
  for (const listener of set) {
    let keep = false;
    try {
      keep = listener();
    } catch {
      keep = false;
    }
    if (!keep) set.delete(listener);
  }
}

/** Objects held by weak references; collected ones leave the set on their own. */
export class WeakSetOf<T extends object> {
  readonly #refs = new Set<WeakRef<T>>();
  readonly #finalizer = new FinalizationRegistry<WeakRef<T>>((ref) => this.#refs.delete(ref));

  /** Adds `item` without keeping it alive. */
  add(item: T): void {
    const ref = new WeakRef(item);
    this.#refs.add(ref);
    this.#finalizer.register(item, ref);
  }

  /** Calls `fn` for each item still alive. */
  forEach(fn: (item: T) => void): void {
    for (const ref of this.#refs) {
      const item = ref.deref();
      if (item === undefined) this.#refs.delete(ref);
      else fn(item);
    }
  }

  /** How many references are held (collected items may still count until finalized). */
  get size(): number {
    return this.#refs.size;
  }
}
