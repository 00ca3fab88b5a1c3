/**
 * The bounded cache of parsed message templates.
 *
 * @module
 */
import type { MessageTemplate } from "./message_template.ts";

/**
 * A bounded map from template text to its parsed form. A hit is one `Map`
 * lookup. When full, inserting evicts the oldest entry (first in, first out).
 * Texts longer than `maxLength` are not cached, so dynamically built messages
 * cannot pin large strings.
 *
 * @example
 * ```ts
 * import { parseTemplateUncached } from "./parse_template.ts";
 * import { TemplateCache } from "./template_cache.ts";
 * const cache = new TemplateCache(2, 100);
 * cache.set("Hi {Name}", parseTemplateUncached("Hi {Name}"));
 * cache.get("Hi {Name}")?.propertyNames; // ["Name"]
 * ```
 */
export class TemplateCache {
  readonly #entries: Map<string, MessageTemplate> = new Map();
  /** The most entries kept. */
  readonly maxEntries: number;
  /** The longest template text kept, in UTF-16 code units. */
  readonly maxLength: number;
  /**
   * How many templates were offered to {@link TemplateCache.set} (each a
   * `parseTemplate` miss, kept or not): a logger compares it around a parse to
   * learn that its event holds a template of its own, whose memory it must
   * count.
   */
  offered: number = 0;

  constructor(maxEntries: number = 1000, maxLength: number = 4096) {
    this.maxEntries = maxEntries;
    this.maxLength = maxLength;
  }

  /** The cached template for `text`, if any. */
  get(text: string): MessageTemplate | undefined {
    return this.#entries.get(text);
  }

  /** Caches `template` under `text`, unless `text` is too long or the cache holds no entries. */
  set(text: string, template: MessageTemplate): void {
    this.offered++;
    if (text.length > this.maxLength || !(this.maxEntries > 0)) return;
    const entries = this.#entries;
    if (entries.size >= this.maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
    entries.set(text, template);
  }

  /** The number of cached templates. */
  get size(): number {
    return this.#entries.size;
  }

  /** Empties the cache. */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The cache `parseTemplate` uses: at most 1 000 templates of at most 4 096
 * characters each.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "./parse_template.ts";
 * import { templateCache } from "./template_cache.ts";
 * parseTemplate("User {UserId} logged in");
 * templateCache.get("User {UserId} logged in") !== undefined; // true
 * ```
 */
export const templateCache: TemplateCache = new TemplateCache(1000, 4096);
