import * as ort from "onnxruntime-node";
import type { DataRow } from "../../core/dataset";
import { programInput } from "../../datasets/program-input";
import { EngineError } from "../../errors/engine-error";
import { featureText } from "../../features/feature-text";
import { denseRowsToSparse } from "../../features/dense-rows-to-sparse";
import { hstackSparse } from "../../features/hstack-sparse";
import { RowFeaturizer } from "../../features/row-featurizer";
import { SentenceEncoder } from "../onnx/sentence-encoder";
import { readModelSpec } from "../../onnx/read-model-spec";

export interface PredictedRow {
  readonly id: string;
  /** The most likely class; for a multi-label model every class that applies, joined with `|`. */
  readonly label: string;
  readonly probabilities: number[];
  /** Multi-label models: every class at probability >= 0.5. */
  readonly labels?: string[];
}

export interface PredictOptions {
  /** Name used in error messages (e.g. the model's path). */
  readonly source?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Dense input floats per onnxruntime call (64 MiB): bounds memory for wide TF-IDF inputs. */
const FLOATS_PER_BATCH = 2 ** 24;

/**
 * Labels rows with an exported Alchemist model: reads the feature spec and class names from the
 * model's metadata, featurises each row's input field(s) as training did, and runs the network with
 * onnxruntime-node in batches. Returns one row per input row, in order.
 *
 * @example
 * const predictions = await predictWithModel(await readFile("out/model.onnx"), dataset.rows);
 * predictions[0]; // { id: "1", label: "spam", probabilities: [0.03, 0.97] }
 */
export async function predictWithModel(
  modelBytes: Uint8Array,
  rows: readonly Pick<DataRow, "id" | "fields">[],
  options: PredictOptions = {},
): Promise<{ classNames: string[]; predictions: PredictedRow[] }> {
  const source = options.source ?? "model";
  const spec = readModelSpec(modelBytes, source);
  let featurizer: RowFeaturizer;
  try {
    featurizer = RowFeaturizer.fromJSON(spec.features);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${source}: bad feature spec: ${(error as Error).message}`, { file: source });
  }
  const k = spec.classNames.length;
  const encoderSpec = spec.features.encoder ?? null;
  const D = featurizer.dimension + (encoderSpec?.dim ?? 0);
  const encoder = encoderSpec
    ? await SentenceEncoder.load({ model: encoderSpec.model, tokenizer: encoderSpec.tokenizer, maxLength: encoderSpec.maxLength })
    : null;
  const session = await ort.InferenceSession.create(modelBytes);
  try {
    const inputDims = (session.inputMetadata?.[0] as { shape?: unknown[] } | undefined)?.shape;
    if (Array.isArray(inputDims) && typeof inputDims[1] === "number" && inputDims[1] !== D) {
      throw new EngineError("MODEL_INVALID", `${source}: the network takes ${inputDims[1]} features but the feature spec makes ${D}`, { file: source });
    }
    const batch = Math.max(1, Math.floor(FLOATS_PER_BATCH / D));
    const dense = new Float32Array(Math.min(batch, Math.max(1, rows.length)) * D);
    const predictions: PredictedRow[] = [];
    for (let start = 0; start < rows.length; start += batch) {
      if (options.signal?.aborted) throw new EngineError("ABORTED", `prediction aborted at row ${start} of ${rows.length}`);
      const chunk = rows.slice(start, start + batch);
      const inputs = chunk.map((row) => programInput(row as DataRow, spec.input));
      const X = featurizer.transform(inputs);
      const E = encoder ? await encoder.encode(inputs.map(featureText)) : null;
      const Xall = E ? hstackSparse([X, denseRowsToSparse(E.values, chunk.length, E.dim)]) : X;
      dense.fill(0, 0, chunk.length * D);
      for (let i = 0; i < Xall.rows; i++) for (let p = Xall.indptr[i]!; p < Xall.indptr[i + 1]!; p++) dense[i * D + Xall.indices[p]!] = Xall.values[p]!;
      const output = await session.run({ [session.inputNames[0]!]: new ort.Tensor("float32", dense.subarray(0, chunk.length * D), [chunk.length, D]) });
      const probs = output[session.outputNames[0]!]!.data as Float32Array;
      chunk.forEach((row, r) => {
        const probabilities = Array.from(probs.subarray(r * k, (r + 1) * k));
        let best = 0;
        for (let c = 1; c < k; c++) if (probabilities[c]! > probabilities[best]!) best = c;
        if (spec.multiLabel) {
          const labels = spec.classNames.filter((_, c) => probabilities[c]! >= 0.5);
          predictions.push({ id: row.id, label: labels.join("|"), probabilities, labels });
        } else predictions.push({ id: row.id, label: spec.classNames[best]!, probabilities });
      });
      options.onProgress?.(Math.min(rows.length, start + batch), rows.length);
    }
    return { classNames: spec.classNames, predictions };
  } finally {
    await session.release();
    await encoder?.close();
  }
}
