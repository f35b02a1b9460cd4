import { resolve } from "node:path";
import type { SparseMatrix } from "../../core/sparse-matrix";
import { denseRowsToSparse } from "../../features/dense-rows-to-sparse";
import { featureText } from "../../features/feature-text";
import type { EncoderSpecJson } from "../../features/row-featurizer";
import { SentenceEncoder, type SentenceEncoderOptions } from "./sentence-encoder";

/**
 * Sentence embeddings of program inputs (their feature text) as a dense-in-CSR matrix, plus the
 * spec that lets `predictWithModel` load the same encoder (absolute paths, max length, width).
 *
 * @example
 * const { X, spec } = await encodeInputs({ model: "minilm.onnx", tokenizer: "vocab.txt" }, inputs);
 */
export async function encodeInputs(
  options: SentenceEncoderOptions,
  inputs: readonly unknown[],
  signal?: AbortSignal,
): Promise<{ X: SparseMatrix; spec: EncoderSpecJson }> {
  const encoder = await SentenceEncoder.load(options);
  try {
    const { dim, values } = await encoder.encode(inputs.map(featureText), signal ? { signal } : {});
    const X = denseRowsToSparse(values, inputs.length, dim);
    return { X, spec: { model: resolve(options.model), tokenizer: resolve(options.tokenizer), maxLength: encoder.maxLength, dim } };
  } finally {
    await encoder.close();
  }
}
