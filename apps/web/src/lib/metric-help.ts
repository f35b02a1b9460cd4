/**
 * One-line explanations of the numbers the studio shows, used as tooltips next to the number,
 * so a metric reads the same on every page.
 */
export const METRIC_HELP = {
  ece: "Expected calibration error: how far the model's confidence is from how often it is right (0 = a 90% confident answer is right 90% of the time; lower is better).",
  macroF1: "Macro F1: the F1 of every class, averaged with equal weight, so a rare class counts as much as a common one.",
  accuracy: "Share of the rows with gold whose predicted class is the gold class.",
  coverage: "Share of rows at least one program voted on (the rest have no label from the programs).",
  overlap: "Rows where both programs voted (any class).",
  conflict: "Rows where both programs voted and chose different classes.",
} as const;

/**
 * What "F1" means for a task: the F1 of the positive (second) class with two classes, the
 * macro F1 otherwise, as the engine's evaluatePredictions computes it.
 *
 * @example
 * f1Help(["ham", "spam"]); // "F1 of the class "spam" (the second class) ..."
 */
export function f1Help(classNames: readonly string[]): string {
  if (classNames.length === 2) {
    return `F1 of the class "${classNames[1]}" (the second class, taken as positive): the harmonic mean of its precision and recall. With two classes the studio reports this class's F1, not the average.`;
  }
  return METRIC_HELP.macroF1;
}

/** What each label model does, by its registry name. */
export const LABEL_MODEL_HELP: Readonly<Record<string, string>> = {
  mv: "Majority vote: every program's vote counts once; ties are broken at random.",
  wmv: "Weighted majority vote: votes weighted by the class balance (or by program accuracy), so a vote for a rare class counts more.",
  "dawid-skene": "Dawid-Skene: learns a confusion matrix per program from how programs agree (EM), without gold.",
  flyingsquid: "FlyingSquid: estimates each program's accuracy in closed form from agreement triplets; fast, no gold.",
  snorkel: "Snorkel's label model: learns program accuracies (and correlations) from their agreements, without gold.",
};
