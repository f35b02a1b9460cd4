"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { DeleteSecretInput, deleteSecret, SaveSecretInput, saveSecret } from "./server/secrets-service";
import { SaveRunSettingsInput, saveRunSettings } from "./server/run-settings-service";
import { DeleteProjectInput, deleteProject, RenameProjectInput, renameProject } from "@/features/projects";

/**
 * Stores or replaces a provider key (owners only). The key never comes back: the result is its last 4 characters.
 *
 * @example
 * const [state, action] = useActionState(saveSecretAction, null);
 */
export async function saveSecretAction(_previous: ActionResult<{ last4: string }> | null, form: FormData): Promise<ActionResult<{ last4: string }>> {
  try {
    const input = SaveSecretInput.parse({
      projectId: form.get("projectId"),
      provider: form.get("provider"),
      apiKey: form.get("apiKey") ?? "",
      baseUrl: form.get("baseUrl") ?? undefined,
    });
    const actor = await authorizeProject(input.projectId, "manage");
    const saved = await saveSecret(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/settings`);
    return { ok: true, data: { last4: saved.last4 } };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Deletes a provider key (owners only).
 *
 * @example
 * <form action={deleteSecretAction}>...</form>
 */
export async function deleteSecretAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = DeleteSecretInput.parse({ projectId: form.get("projectId"), provider: form.get("provider") });
    const actor = await authorizeProject(input.projectId, "manage");
    await deleteSecret(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/settings`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Stores the settings the project's next runs start with (owners only): the label model's seed
 * and the runner's budgets. Runs already started keep theirs.
 *
 * @example
 * const [state, action] = useActionState(saveRunSettingsAction, null);
 */
export async function saveRunSettingsAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const field = (name: string) => form.get(name) ?? undefined;
    const input = SaveRunSettingsInput.parse({
      projectId: form.get("projectId"),
      settings: {
        seed: field("seed"),
        maxConsecutiveFaults: field("maxConsecutiveFaults"),
        programBudgetMs: field("programBudgetMs"),
        programBudgetPerRowMs: field("programBudgetPerRowMs"),
        imageFeatures: field("imageFeatures"),
      },
    });
    const actor = await authorizeProject(input.projectId, "manage");
    await saveRunSettings(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/settings`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
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
