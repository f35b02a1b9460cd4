import type { SourceRecord } from "../datasets/map-records";
import { labelStudioFromName } from "./label-studio-from-name";
import { labelStudioGoldAnnotation } from "./label-studio-gold-annotation";
import { LABEL_STUDIO_ID_KEY, LABEL_STUDIO_LABEL_MODEL_VERSION, LABEL_STUDIO_SPLIT_KEY } from "./label-studio-schema";
import { parseLabelStudioTasks } from "./parse-label-studio-tasks";

/** The column a preview shows each task's annotated choice in; parentheses keep it apart from any data key Label Studio allows. */
export const LABEL_STUDIO_ANNOTATION_COLUMN = "(annotation)";

/**
 * Label Studio tasks as plain records for a preview, before class names are known: each task's
 * `data` plus `(annotation)`, the raw choice of its gold annotation ("" when none), and the
 * predictions' model versions (the imported programs, the label model's left out).
 *
 * @example
 * const { records, predictions } = labelStudioRecords(JSON.parse(text), "export.json");
 * records[0].values["(annotation)"]; // "Positive"
 */
export function labelStudioRecords(value: unknown, source: string): { records: SourceRecord[]; predictions: string[]; fromName: string } {
  const tasks = parseLabelStudioTasks(value, source);
  const fromName = labelStudioFromName(tasks, source);
  const predictions = new Set<string>();
  const records = tasks.map((task, i): SourceRecord => {
    const { [LABEL_STUDIO_ID_KEY]: _id, [LABEL_STUDIO_SPLIT_KEY]: _split, ...data } = task.data;
    for (const p of task.predictions ?? []) if (p.model_version !== LABEL_STUDIO_LABEL_MODEL_VERSION) predictions.add(p.model_version ?? "prediction");
    const choice =
      labelStudioGoldAnnotation(task)
        ?.result.find((r) => r.from_name === fromName && r.type === "choices")
        ?.value.choices?.join(", ") ?? "";
    return { line: i + 1, values: { ...data, [LABEL_STUDIO_ANNOTATION_COLUMN]: choice } };
  });
  return { records, predictions: [...predictions], fromName };
}
