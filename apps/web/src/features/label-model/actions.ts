"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { startRefit } from "./server/start-refit";

const Input = z.object({ projectId: z.string().min(1).max(64), runId: z.string().min(1).max(64) });

/**
 * The label-model page's "Refit label models" button: queues the refit of the shown run; the
 * page's live job panel follows it and re-renders when it finishes.
 *
 * @example
 * const [state, action] = useActionState(refitLabelModelsAction, null);
 */
export async function refitLabelModelsAction(_previous: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  try {
    const input = Input.parse({ projectId: form.get("projectId"), runId: form.get("runId") });
    const actor = await authorizeProject(input.projectId, "edit");
    const job = await startRefit({ ...input, actorId: actor.userId });
    revalidatePath(`/projects/${input.projectId}/label-model`);
    return { ok: true, data: { jobId: job.id } };
  } catch (error) {
    return actionError(error);
  }
}
