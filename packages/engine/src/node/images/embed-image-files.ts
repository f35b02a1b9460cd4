import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";
import { embeddingMatrix, type EmbeddingMatrix } from "../../images/embedding-matrix";
import type { ClipEmbeddingCache } from "./clip-embedding-cache";
import type { ClipModel } from "./load-clip-model";
import { preprocessImage } from "./preprocess-image";

export interface EmbedImageFilesOptions {
  /** Images per ONNX call; default 16. */
  readonly batchSize?: number;
  /** Embeddings by image hash for this model (`ClipEmbeddingCache.open(dir, clip.key, dim)`); hits skip decoding and inference. */
  readonly cache?: ClipEmbeddingCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}

export interface EmbeddedImages {
  /** Raw image embeddings, row i = files[i]. */
  readonly embeddings: EmbeddingMatrix;
  /** sha256 (hex) of each file's bytes. */
  readonly hashes: readonly string[];
  /** Rows that came from the cache and rows that were embedded now. */
  readonly cached: number;
  readonly embedded: number;
}

/**
 * CLIP image embeddings of files: each file read once and hashed (sha256 of its bytes); cache
 * hits are copied, misses decoded and preprocessed (sharp, in parallel within a batch) and
 * embedded `batchSize` at a time with onnxruntime, then appended to the cache. Cancelled through
 * `signal` between batches (ABORTED). Unreadable images are DATASET_READ errors naming the file.
 *
 * @example
 * const { embeddings, cached } = await embedImageFiles(clip, dataset.files, { cache, batchSize: 32 });
 */
export async function embedImageFiles(model: ClipModel, files: readonly string[], options: EmbedImageFilesOptions = {}): Promise<EmbeddedImages> {
  const { batchSize = 16, cache, signal, onProgress } = options;
  if (files.length === 0) throw new EngineError("INVALID_ARGUMENT", "embedImageFiles: no images to embed");
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new EngineError("INVALID_ARGUMENT", `batch size must be a positive integer, got ${batchSize}`);
  const size = model.config.imageSize;
  const plane = 3 * size * size;
  const pixels = new Float32Array(Math.min(batchSize, files.length) * plane);
  const hashes: string[] = new Array<string>(files.length);
  let values: Float32Array | undefined;
  let dim = cache?.dim ?? 0;
  let cached = 0;
  const pending: { row: number; bytes: Buffer }[] = [];
  const place = (row: number, vector: Float32Array): void => {
    values ??= new Float32Array(files.length * vector.length);
    values.set(vector, row * vector.length);
  };
  const embedBatch = async (batch: { row: number; bytes: Buffer }[]): Promise<void> => {
    await Promise.all(batch.map(({ row, bytes }, i) => preprocessImage(files[row]!, model.config, pixels, i * plane, bytes)));
    const out = await model.embedImages(pixels, batch.length);
    if (dim !== 0 && out.cols !== dim) throw new EngineError("MODEL_INVALID", `${model.dir}: embeddings have ${out.cols} dimensions, the cache holds ${dim}`);
    dim = out.cols;
    batch.forEach(({ row }, i) => place(row, out.values.subarray(i * dim, (i + 1) * dim)));
    await cache?.add(
      batch.map(({ row }) => hashes[row]!),
      out.values,
    );
  };
  const flush = async (all: boolean): Promise<void> => {
    while (pending.length >= batchSize || (all && pending.length > 0)) await embedBatch(pending.splice(0, batchSize));
  };
  for (let start = 0; start < files.length; start += batchSize) {
    if (signal?.aborted) throw new EngineError("ABORTED", `image embedding cancelled after ${start} of ${files.length} images`);
    const rows = Array.from({ length: Math.min(batchSize, files.length - start) }, (_, i) => start + i);
    const read = await Promise.all(
      rows.map((row) =>
        readFile(files[row]!).catch((error: NodeJS.ErrnoException) => {
          throw new EngineError("DATASET_READ", `${files[row]}: cannot read image (${error.code ?? error.message})`, { file: files[row] });
        }),
      ),
    );
    rows.forEach((row, i) => {
      hashes[row] = createHash("sha256").update(read[i]!).digest("hex");
      const hit = cache?.get(hashes[row]!);
      if (hit) {
        place(row, hit);
        cached += 1;
      } else pending.push({ row, bytes: read[i]! });
    });
    await flush(false);
    onProgress?.({ done: start + rows.length - pending.length, total: files.length });
  }
  await flush(true);
  onProgress?.({ done: files.length, total: files.length });
  return { embeddings: embeddingMatrix(files.length, dim, values!), hashes, cached, embedded: files.length - cached };
}
