"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { NextRoundInput } from "./server/next-round-input";
import { startNextRound } from "./server/rounds-service";

/**
 * "Next round" (editors): one round of programs aimed at the newest run's weak spots.
 *
 * @example
 * const [state, action] = useActionState(nextRoundAction, null);
 */
export async function nextRoundAction(
  _previous: ActionResult<{ roundId: string; round: number }> | null,
  form: FormData,
): Promise<ActionResult<{ roundId: string; round: number }>> {
  try {
    const input = NextRoundInput.parse({
      projectId: form.get("projectId"),
      provider: form.get("provider"),
      model: form.get("model") ?? "",
      n: form.get("n"),
      prune: form.get("prune"),
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const started = await startNextRound(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/generate`);
    return { ok: true, data: started };
  } catch (error) {
    return actionError(error);
  }
}
