import "server-only";
import { findProjectTask, getLatestDataset, getPrisma, readRows } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";

/** What the task form starts from: the saved task, else defaults from the dataset. */
export interface TaskFormData {
  readonly saved: boolean;
  readonly name: string;
  readonly description: string;
  readonly input: string[];
  readonly language: "python" | "javascript";
  readonly functionName: string;
  readonly classes: { name: string; description: string }[];
  /** Field names of the newest dataset's rows (input choices); empty without a dataset. */
  readonly columns: string[];
  /** Class names fixed by the dataset's gold labels, or null. */
  readonly datasetClasses: string[] | null;
  /** Any number of classes may apply to a row (`Task.multiLabel`). */
  readonly multiLabel: boolean;
}

/**
 * The project's task for editing, or a draft: name from the project, classes from the dataset's
 * gold class names (when it has gold), input `text` when the data has such a field.
 *
 * @example
 * const form = await getTaskForm(projectId, project.name);
 */
export async function getTaskForm(projectId: string, projectName: string): Promise<TaskFormData> {
  getEnv();
  await authorizeProject(projectId, "read");
  const db = getPrisma();
  const [task, dataset] = await Promise.all([findProjectTask(db, projectId), getLatestDataset(db, projectId)]);
  const first = dataset && dataset.rowCount > 0 ? (await readRows(db, dataset.id, 0, 1))[0] : undefined;
  const columns = first ? Object.keys(first.fields as object) : [];
  const datasetClasses = Array.isArray(dataset?.classNames) ? (dataset.classNames as string[]) : null;
  if (task) {
    return {
      saved: true,
      name: task.name,
      description: task.description,
      input: Array.isArray(task.input) ? (task.input as string[]) : [String(task.input)],
      language: task.language === "JAVASCRIPT" ? "javascript" : "python",
      functionName: task.functionName,
      classes: (task.classes as { name: string; description?: string }[]).map((c) => ({ name: c.name, description: c.description ?? "" })),
      columns,
      datasetClasses,
      multiLabel: task.multiLabel,
    };
  }
  return {
    saved: false,
    name: projectName,
    description: "",
    input: [columns.includes("text") ? "text" : columns.includes("scores") ? "scores" : (columns[0] ?? "text")],
    language: "python",
    functionName: "label_function",
    classes: (datasetClasses ?? ["", ""]).map((name) => ({ name, description: "" })),
    columns,
    datasetClasses,
    multiLabel: false,
  };
}
