"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { SweepInput } from "./server/sweep-input";
import { startSweep } from "./server/sweep-service";

/**
 * "Run sweep" (editors): the ablation grid on the project's data, priced against its LLM budget.
 *
 * @example
 * const [state, action] = useActionState(sweepAction, null);
 */
export async function sweepAction(
  _previous: ActionResult<{ sweepId: string; atMostUsd: number }> | null,
  form: FormData,
): Promise<ActionResult<{ sweepId: string; atMostUsd: number }>> {
  try {
    const input = SweepInput.parse({
      projectId: form.get("projectId"),
      provider: form.get("provider"),
      model: form.get("model") ?? "",
      programs: form.get("programs") ?? "",
      info: form.getAll("info"),
      temperatures: form.get("temperatures") ?? "",
      zeroShotSample: form.get("zeroShotSample") ?? "0",
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const started = await startSweep(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/generate`);
    return { ok: true, data: started };
  } catch (error) {
    return actionError(error);
  }
}
