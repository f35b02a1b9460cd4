import type { LabelStudioAnnotation, LabelStudioTask } from "./label-studio-schema";

/**
 * The annotation that gives a task its gold: the last non-cancelled one marked `ground_truth`,
 * else the last non-cancelled one (Label Studio lists them in the order they were made).
 *
 * @example
 * labelStudioGoldAnnotation(task)?.result; // [{ from_name: "sentiment", ..., value: { choices: ["pos"] } }]
 */
export function labelStudioGoldAnnotation(task: LabelStudioTask): LabelStudioAnnotation | undefined {
  const answers = (task.annotations ?? task.completions ?? []).filter((a) => !a.was_cancelled);
  return answers.filter((a) => a.ground_truth).at(-1) ?? answers.at(-1);
}
