import type { TaskSpec } from "@alchemist/engine";

/**
 * Test helper: a task over the rows' `text` field, with the given class names (no descriptions)
 * and the default function name.
 *
 * @example
 * await createTask(prisma, projectId, textTask("spam", "python", ["ham", "spam"]));
 */
export function textTask(name: string, language: "python" | "javascript", classNames: readonly string[]): TaskSpec {
  return {
    name,
    description: "",
    input: "text",
    language,
    functionName: "label_function",
    classes: classNames.map((className) => ({ name: className, description: "" })),
  };
}
