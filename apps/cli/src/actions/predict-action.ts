import { readFile } from "node:fs/promises";
import { EngineError, readModelSpec } from "@alchemist/engine";
import { labelsCsv, loadDataset, predictWithModel } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import { writeTextAtomic } from "../write-text-atomic";

export interface PredictOptions {
  readonly model: string;
  readonly data: string;
  readonly out: string;
  readonly idField?: string;
  readonly columns?: string[];
  readonly delimiter?: string;
}

async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${path}: cannot read the model: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      file: path,
    });
  }
}

/**
 * What `alchemist predict` does once its flags are parsed (loaded lazily by `commands/predict.ts`):
 * labels the rows with the ONNX model and writes CSV or JSONL.
 *
 * @example
 * await predictAction({ model: "out/model.onnx", data: "new.csv", out: "predictions.csv" }, ctx);
 */
export async function predictAction(options: PredictOptions, ctx: CliContext): Promise<void> {
  const progress = progressFor(ctx);
  try {
    const bytes = await readModel(options.model);
    const spec = readModelSpec(bytes, options.model);
    const dataset = await loadDataset(options.data, {
      mapping: { input: spec.input, ...(options.idField !== undefined ? { id: options.idField } : {}) },
      classNames: spec.classNames,
      seed: 0,
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.columns !== undefined ? { columns: options.columns } : {}),
    });
    const { classNames, predictions } = await predictWithModel(bytes, dataset.rows, {
      source: options.model,
      signal: ctx.signal,
      onProgress: (done, total) => progress.onStage({ stage: "label", done, total }),
    });
    progress.stop();
    const text = options.out.endsWith(".jsonl")
      ? predictions
          .map(
            (p) =>
              JSON.stringify({
                id: p.id,
                ...(p.labels ? { labels: p.labels } : { label: p.label }),
                probabilities: Object.fromEntries(classNames.map((c, i) => [c, p.probabilities[i]])),
              }) + "\n",
          )
          .join("")
      : labelsCsv(predictions, classNames);
    await writeTextAtomic(options.out, text);
    process.stdout.write(`wrote ${options.out}: ${predictions.length} rows labeled ${classNames.join(" / ")}\n`);
  } finally {
    progress.stop();
  }
}
