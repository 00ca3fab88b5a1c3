/**
 * pino-style redaction paths, compiled into a tree that a walk over a captured
 * value follows.
 *
 * @module
 */

/** One step of a path: a property name, or any property / array item. */
type Segment = string | typeof ANY;

/** `*` and `[*]`: any property name or array index. */
export const ANY: unique symbol = Symbol("any");

/**
 * A node of the compiled path tree: what to follow from here, and whether a
 * path ends here (the value at this node is censored).
 *
 * @example
 * ```ts
 * import { compilePaths } from "./redact_paths.ts";
 * const root = compilePaths(["user.password"]);
 * root.children.get("user")?.children.get("password")?.terminal; // true
 * ```
 */
export interface PathNode {
  /** Steps by exact name (array indexes as their decimal text). */
  readonly children: Map<string, PathNode>;
  /** The step taken for any name or index (`*`, `[*]`). */
  any: PathNode | undefined;
  /** A path ends here. */
  terminal: boolean;
}

function node(): PathNode {
  return { children: new Map(), any: undefined, terminal: false };
}

/**
 * Splits a path into segments: `a.b`, `a[*]`, `a[0]`, `a["x-y"]`, `*.token`.
 * Throws a `TypeError` naming the path when it is malformed.
 *
 * @example
 * ```ts
 * import { parsePath } from "./redact_paths.ts";
 * parsePath('headers["x-api-key"]'); // ["headers", "x-api-key"]
 * ```
 */
export function parsePath(path: string): Segment[] {
  const fail = (why: string): never => {
    throw new TypeError(`redact: path ${JSON.stringify(path)} is malformed (${why})`);
  };
  if (typeof path !== "string" || path === "") fail("empty");
  const segments: Segment[] = [];
  let i = 0;
  const identifier = /^[^.[\]"']+/;
  while (i < path.length) {
    if (path[i] === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) fail("unclosed [");
      const inner = path.slice(i + 1, close);
      if (inner === "*") segments.push(ANY);
      else if (/^\d+$/.test(inner)) segments.push(String(Number(inner)));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'(?:[^'\\]|\\.)*'$/.test(inner)) segments.push(inner.slice(1, -1));
      else fail(`[${inner}]`);
      i = close + 1;
    } else {
      if (segments.length > 0) {
        if (path[i] !== ".") fail(`unexpected ${JSON.stringify(path[i])}`);
        i++;
      }
      const match = identifier.exec(path.slice(i));
      if (match === null) fail(`empty segment at ${i}`);
      const name = (match as RegExpExecArray)[0];
      segments.push(name === "*" ? ANY : name);
      i += name.length;
    }
  }
  return segments;
}

/**
 * Compiles paths into one tree (a TypeError for a malformed path).
 *
 * @example
 * ```ts
 * import { compilePaths } from "./redact_paths.ts";
 * const root = compilePaths(["password", "*.token"]);
 * root.children.get("password")?.terminal; // true
 * ```
 */
export function compilePaths(paths: readonly string[]): PathNode {
  const root = node();
  for (const path of paths) {
    let at = root;
    for (const segment of parsePath(path)) {
      if (segment === ANY) at = at.any ??= node();
      else {
        let next = at.children.get(segment);
        if (next === undefined) at.children.set(segment, next = node());
        at = next;
      }
    }
    at.terminal = true;
  }
  return root;
}

/**
 * The nodes reached from `nodes` by the step `key` (a name or an index).
 *
 * @example
 * ```ts
 * import { compilePaths, step } from "./redact_paths.ts";
 * step([compilePaths(["a.b"])], "a").length; // 1
 * ```
 */
export function step(nodes: readonly PathNode[], key: string): PathNode[] {
  const next: PathNode[] = [];
  for (const n of nodes) {
    const exact = n.children.get(key);
    if (exact !== undefined) next.push(exact);
    if (n.any !== undefined) next.push(n.any);
  }
  return next;
}
