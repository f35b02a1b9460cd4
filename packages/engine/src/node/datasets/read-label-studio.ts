import type { Dataset } from "../../core/dataset";
import type { ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "../../datasets/text-encoding";
import { labelStudioDataset, type LabelStudioDatasetOptions } from "../../label-studio/label-studio-dataset";
import { readLabelStudioJson } from "./read-label-studio-json";

/**
 * Reads a Label Studio JSON export (a list of tasks) as a dataset: `readLabelStudioJson` (bounded,
 * decoded, parsed), then the engine's `labelStudioDataset` (annotations as gold, predictions as
 * imported votes).
 *
 * @example
 * const ds = await readLabelStudio("export.json", { classNames: ["ham", "spam"], inputs: "text", seed: 42 });
 */
export async function readLabelStudio(
  path: string,
  options: Omit<LabelStudioDatasetOptions, "source"> & { encoding?: TextEncoding; limits?: Partial<ReadingLimits> },
): Promise<Dataset> {
  const { encoding, limits, ...rest } = options;
  const value = await readLabelStudioJson(path, { ...(encoding ? { encoding } : {}), ...(limits ? { limits } : {}) });
  return labelStudioDataset(value, { ...rest, source: path });
}
