/** What the overview knows about how far a project has come. */
export interface ProjectProgress {
  readonly datasets: number;
  readonly classes: number;
  readonly programs: number;
  readonly hasRun: boolean;
  readonly hasTrainedModel: boolean;
}

/** The step the overview suggests: a sentence and the page (relative to the project) that does it. */
export interface NextStep {
  readonly key: "import" | "task" | "programs" | "apply" | "train" | "deliver";
  readonly title: string;
  readonly detail: string;
  /** Appended to `/projects/<id>`; null when the action is on the overview itself. */
  readonly path: string | null;
}

/**
 * The first workflow step the project has not done yet (Data -> Programs -> Model -> Deliver).
 *
 * @example
 * nextStep({ datasets: 1, classes: 2, programs: 0, hasRun: false, hasTrainedModel: false }).key; // "programs"
 */
export function nextStep(progress: ProjectProgress): NextStep {
  if (progress.datasets === 0)
    return {
      key: "import",
      title: "Import a dataset",
      detail: "A CSV, JSONL, Parquet or WRENCH zip with a text column; gold labels on dev and test make the numbers honest.",
      path: "/datasets/new",
    };
  if (progress.classes === 0)
    return { key: "task", title: "Define the task", detail: "Name the classes and describe what each means: programs and the LLM read it.", path: "/task" };
  if (progress.programs === 0)
    return {
      key: "programs",
      title: "Generate labeling programs",
      detail: "Let the LLM (or the built-in synthesizer) write a handful of programs, or write one yourself.",
      path: "/generate",
    };
  if (!progress.hasRun)
    return {
      key: "apply",
      title: "Apply the programs",
      detail: "Press Apply programs below: every enabled program labels every row, then a label model combines their votes.",
      path: null,
    };
  if (!progress.hasTrainedModel)
    return {
      key: "train",
      title: "Train a model",
      detail: "Distil a small model from the label model's pseudolabels; it labels new data for free. Review uncertain rows first if dev accuracy is low.",
      path: "/train",
    };
  return {
    key: "deliver",
    title: "Label new data or export",
    detail: "Run the trained model on a new file, or export labels, programs or the ONNX model.",
    path: "/predict",
  };
}
