import type { EmbeddingMatrix } from "../../images/embedding-matrix";
import type { ClipEmbeddingCache } from "./clip-embedding-cache";
import { embedImageFiles } from "./embed-image-files";
import type { ClipModel } from "./load-clip-model";
import { readImageDataset, type ImageDataset, type ReadImageDatasetOptions } from "./read-image-dataset";

export interface EmbedImageDatasetOptions extends ReadImageDatasetOptions {
  readonly clip: ClipModel;
  readonly cache?: ClipEmbeddingCache;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}

/** An image dataset with the raw CLIP embedding of every row (row order). */
export interface EmbeddedImageDataset {
  readonly dataset: ImageDataset;
  readonly embeddings: EmbeddingMatrix;
  readonly cached: number;
  readonly embedded: number;
}

/**
 * Reads an image dataset (folder or zip, optional label file) and embeds every row's picture with
 * CLIP, through the embedding cache when one is given.
 *
 * @example
 * const { dataset, embeddings } = await embedImageDataset("birds.zip", { classNames, seed: 42, clip, cache });
 */
export async function embedImageDataset(path: string, options: EmbedImageDatasetOptions): Promise<EmbeddedImageDataset> {
  const dataset = await readImageDataset(path, options);
  const { embeddings, cached, embedded } = await embedImageFiles(options.clip, dataset.files, {
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { dataset, embeddings, cached, embedded };
}
