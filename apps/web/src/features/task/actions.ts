"use server";

import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth/server/authorize";
import { SaveTaskInput, saveTask } from "./server/save-task";

/**
 * Form action of the task page.
 *
 * @example
 * const [state, action] = useActionState(saveTaskAction, null);
 */
export async function saveTaskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const names = form.getAll("className").map(String);
    const descriptions = form.getAll("classDescription").map(String);
    const input = SaveTaskInput.parse({
      projectId: form.get("projectId"),
      name: form.get("name") ?? "",
      description: form.get("description") ?? "",
      input: form.getAll("input").map(String).filter(Boolean),
      language: form.get("language"),
      functionName: form.get("functionName") ?? "",
      classes: names.map((name, i) => ({ name, description: descriptions[i] ?? "" })),
    });
    await authorizeProject(input.projectId, "edit");
    await saveTask(input);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}
