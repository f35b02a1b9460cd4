import { embeddingMatrix } from "@alchemist/engine";
import type { ClipModel } from "@alchemist/engine/node";

/** Prompts remembered per loaded model before the memo starts over (each is one D-float vector). */
const MAX_PROMPTS = 10_000;
const memos = new WeakMap<ClipModel, ClipModel>();

/**
 * The same CLIP model, but each prompt's text embedding is computed once per loaded model: a
 * concept list re-scored, or kept across an import and its re-scores, calls the text encoder only
 * for prompts it has not seen. Keyed by the loaded model object, so another model folder (or a
 * reload) never reuses these vectors.
 *
 * @example
 * const scored = await scoreImageDataset(dataset, embeddings, { clip: memoTextEmbeddings(clip), concepts });
 */
export function memoTextEmbeddings(clip: ClipModel): ClipModel {
  const known = memos.get(clip);
  if (known) return known;
  const vectors = new Map<string, Float32Array>();
  const memo: ClipModel = {
    dir: clip.dir,
    config: clip.config,
    tokenizer: clip.tokenizer,
    key: clip.key,
    embedImages: (pixels, n) => clip.embedImages(pixels, n),
    close: () => clip.close(),
    async embedTexts(texts) {
      const missing = [...new Set(texts.filter((t) => !vectors.has(t)))];
      if (missing.length > 0) {
        const fresh = await clip.embedTexts(missing);
        if (vectors.size + missing.length > MAX_PROMPTS) vectors.clear();
        missing.forEach((text, i) => vectors.set(text, fresh.values.slice(i * fresh.cols, (i + 1) * fresh.cols)));
      }
      const dim = vectors.get(texts[0]!)?.length ?? 0;
      const values = new Float32Array(texts.length * dim);
      texts.forEach((text, i) => values.set(vectors.get(text)!, i * dim));
      return embeddingMatrix(texts.length, dim, values);
    },
  };
  memos.set(clip, memo);
  return memo;
}
