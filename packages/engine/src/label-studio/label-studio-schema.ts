import { z } from "zod";

/** One region of a Label Studio result: for a classification, `value.choices` names the classes. */
export const labelStudioResultSchema = z.looseObject({
  from_name: z.string(),
  to_name: z.string(),
  type: z.string(),
  value: z.looseObject({ choices: z.array(z.string()).optional() }),
});
export type LabelStudioResult = z.infer<typeof labelStudioResultSchema>;

/** A human's answer on a task; cancelled (skipped) annotations carry no gold. */
export const labelStudioAnnotationSchema = z.looseObject({
  result: z.array(labelStudioResultSchema).default([]),
  was_cancelled: z.boolean().optional(),
  ground_truth: z.boolean().optional(),
});
export type LabelStudioAnnotation = z.infer<typeof labelStudioAnnotationSchema>;

/** A model's answer on a task; `model_version` names the model (here: a program, or the label model). */
export const labelStudioPredictionSchema = z.looseObject({
  model_version: z.string().optional(),
  score: z.number().optional(),
  result: z.array(labelStudioResultSchema).default([]),
});
export type LabelStudioPrediction = z.infer<typeof labelStudioPredictionSchema>;

/**
 * One Label Studio task as Label Studio's JSON export writes it and its import reads it: `data`
 * (the fields the labeling config shows), `annotations` (older exports: `completions`) and
 * `predictions`. The writer (`labelStudioTask`) and the reader (`labelStudioDataset`) share it.
 */
export const labelStudioTaskSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  data: z.record(z.string(), z.unknown()),
  annotations: z.array(labelStudioAnnotationSchema).optional(),
  completions: z.array(labelStudioAnnotationSchema).optional(),
  predictions: z.array(labelStudioPredictionSchema).optional(),
});
export type LabelStudioTask = z.infer<typeof labelStudioTaskSchema>;

/** The data keys that carry a row's id and split through Label Studio, so an import gets them back. */
export const LABEL_STUDIO_ID_KEY = "alchemist_id";
export const LABEL_STUDIO_SPLIT_KEY = "alchemist_split";
/** `model_version` of the label model's prediction; an import skips it (it is derived from the programs' votes). */
export const LABEL_STUDIO_LABEL_MODEL_VERSION = "alchemist-label-model";
