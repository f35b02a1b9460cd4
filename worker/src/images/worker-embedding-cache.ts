import { ClipEmbeddingCache, type ClipModel } from "@alchemist/engine/node";

const opened = new Map<string, Promise<ClipEmbeddingCache>>();

/**
 * The worker's on-disk image embedding cache for a CLIP model (`CLIP_CACHE_DIR/<model key>.emb`,
 * the engine's `ClipEmbeddingCache`: sha256 of the picture's bytes -> embedding), opened once per
 * process and model, so a picture uploaded again (a re-import, the same pictures in another
 * project) is never embedded twice. Undefined when the cache is off (no folder).
 *
 * @example
 * const cache = await workerEmbeddingCache(deps.clipCacheDir, clip);
 */
export async function workerEmbeddingCache(dir: string | undefined, clip: ClipModel): Promise<ClipEmbeddingCache | undefined> {
  if (!dir) return undefined;
  const key = `${dir}\0${clip.key}`;
  let cache = opened.get(key);
  if (!cache) {
    cache = ClipEmbeddingCache.open(dir, clip.key);
    // An unreadable cache file is not remembered: the next job tries again after it is fixed.
    cache.catch(() => opened.delete(key));
    opened.set(key, cache);
  }
  return cache;
}
