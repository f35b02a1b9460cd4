"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject, requireUser } from "@/features/auth/server/authorize";
import { CreateProjectInput, createProjectService } from "./server/create-project";
import { DeleteProjectInput, deleteProject, RenameProjectInput, renameProject } from "./server/manage-project";

/**
 * Form action of "New project": creates it and opens its page.
 *
 * @example
 * const [state, action] = useActionState(createProjectAction, null);
 */
export async function createProjectAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let id: string;
  try {
    const input = CreateProjectInput.parse({ name: form.get("name") ?? "", description: form.get("description") ?? "" });
    const { userId } = await requireUser();
    id = (await createProjectService(input, userId)).id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/projects/${id}`);
}

/**
 * Renames a project and sets its description (owners only).
 *
 * @example
 * const [state, action] = useActionState(renameProjectAction, null);
 */
export async function renameProjectAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = RenameProjectInput.parse({ projectId: form.get("projectId"), name: form.get("name") ?? "", description: form.get("description") ?? "" });
    const actor = await authorizeProject(input.projectId, "manage");
    await renameProject(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Deletes a project after its name was typed to confirm (owners only), then opens the list.
 *
 * @example
 * const [state, action] = useActionState(deleteProjectAction, null);
 */
export async function deleteProjectAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = DeleteProjectInput.parse({ projectId: form.get("projectId"), confirmName: form.get("confirmName") ?? "" });
    const actor = await authorizeProject(input.projectId, "manage");
    await deleteProject(input, actor.userId);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/projects");
  redirect("/projects");
}
