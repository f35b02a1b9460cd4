import { EngineError } from "../errors/engine-error";
import { l2NormalizeRows, type EmbeddingMatrix } from "./embedding-matrix";

/** One image's scores: concept -> cosine similarity in [-1, 1]. This is the program input of image tasks. */
export type ConceptScores = Record<string, number>;

/**
 * Cosine similarity of every image with every concept (both L2-normalised here), one
 * `{concept: score}` record per image in row order — what labeling programs for image tasks read.
 *
 * @example
 * conceptScores(imageEmbeds, textEmbeds, ["a dog", "a cat"]); // [{ "a dog": 0.27, "a cat": 0.19 }, ...]
 */
export function conceptScores(images: EmbeddingMatrix, concepts: EmbeddingMatrix, names: readonly string[]): ConceptScores[] {
  if (images.cols !== concepts.cols) {
    throw new EngineError("INVALID_ARGUMENT", `image embeddings have ${images.cols} dimensions but concept embeddings ${concepts.cols}`);
  }
  if (names.length !== concepts.rows) {
    throw new EngineError("INVALID_ARGUMENT", `${names.length} concept names for ${concepts.rows} concept embeddings`);
  }
  if (new Set(names).size !== names.length) throw new EngineError("INVALID_ARGUMENT", `concept names must be unique: ${names.join(", ")}`);
  const a = l2NormalizeRows(images);
  const b = l2NormalizeRows(concepts);
  const d = images.cols;
  const records: ConceptScores[] = [];
  for (let i = 0; i < a.rows; i++) {
    const record: ConceptScores = {};
    names.forEach((name, j) => {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += a.values[i * d + c]! * b.values[j * d + c]!;
      record[name] = dot;
    });
    records.push(record);
  }
  return records;
}
