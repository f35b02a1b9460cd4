"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { SetBudgetInput, setLlmBudget } from "./server/budget-service";

/**
 * Sets or clears the project's LLM budget in dollars (owners only).
 *
 * @example
 * const [state, action] = useActionState(setLlmBudgetAction, null);
 */
export async function setLlmBudgetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = SetBudgetInput.parse({ projectId: form.get("projectId"), budgetUsd: form.get("budgetUsd") ?? "" });
    const actor = await authorizeProject(input.projectId, "manage");
    await setLlmBudget(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/costs`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}
