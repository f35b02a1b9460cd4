import type { TaskSpec } from "../core/task";
import { templateValues } from "./build-program-prompt";
import type { InfoKind } from "./supplementary-info";

const REQUESTS: Record<Exclude<InfoKind, "retrieval">, string> = {
  rules: "List heuristics, rules and guidance that an expert would use to {task} Give short, concrete rules, one per line, each naming the class it points to.",
  keywords: "List keywords and short phrases that indicate each class when you {task} Answer one line per class: `<class>: word, word, ...`.",
  descriptions: "Describe the dataset and each class ({classes}) for someone who must {task} Say what distinguishes the classes.",
  examples: "Write 5 realistic examples for each class ({classes}) of data a program must {task} Answer one per line: `<class>: <example>`.",
};

const TITLES: Record<InfoKind, string> = {
  rules: "Labeling rules and heuristics",
  keywords: "Keywords per class",
  descriptions: "Dataset and class descriptions",
  examples: "Labeled examples",
  retrieval: "Passages from the documentation",
};

/** The title a supplementary item of this kind carries in the prompt. */
export function infoTitle(kind: InfoKind): string {
  return TITLES[kind];
}

/**
 * Stage 1 of the two-stage mode: asks the model for supplementary information of one kind,
 * which stage 2 then puts in front of the program prompt.
 *
 * @example
 * infoRequestPrompt(task, "keywords"); // "List keywords and short phrases that indicate each class when you label SMS ..."
 */
export function infoRequestPrompt(task: TaskSpec, kind: Exclude<InfoKind, "retrieval">): string {
  const values = templateValues(task, task.language);
  return REQUESTS[kind].replace(/\{(task|classes)\}/g, (_, name: "task" | "classes") => values[name]!);
}
