/** What `createStampedCache` returns. */
export interface StampedCache<T> {
  /** The value loaded for `key` at `stamp`, loading it (once, however many callers wait) when the stamp differs. */
  get(key: string, stamp: string, load: () => Promise<T>): Promise<T>;
  /** Forgets every entry (tests). */
  clear(): void;
}

/**
 * A per-process cache of derived data keyed by what it belongs to (a project id) and validated
 * by a stamp the caller reads from the database on every request (`readRunDataStamp`): a hit
 * needs the stamp unchanged, so a write anywhere (another process, the worker) is seen on the
 * next request, and nothing is ever served past its data's last committed change. Concurrent
 * misses share one load; a failed load is not kept. At most `max` keys (least recently used go).
 *
 * @example
 * const cache = createStampedCache<RunNames>(200);
 * const names = await cache.get(projectId, stamp, () => loadRunNames(db, projectId));
 */
export function createStampedCache<T>(max: number): StampedCache<T> {
  if (!Number.isInteger(max) || max < 1) throw new Error(`createStampedCache needs a positive whole number of entries, got ${max}`);
  const entries = new Map<string, { stamp: string; value: Promise<T> }>();
  return {
    get(key, stamp, load) {
      const known = entries.get(key);
      if (known && known.stamp === stamp) {
        entries.delete(key);
        entries.set(key, known);
        return known.value;
      }
      const value = load();
      const entry = { stamp, value };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
