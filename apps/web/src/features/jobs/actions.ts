"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { cancelJob } from "./server/cancel-job";
import { startApply } from "./server/start-apply";

/**
 * The project page's "Apply programs" button: starts a run; the page's live job panel follows it.
 *
 * @example
 * const [state, action] = useActionState(applyProgramsAction, null);
 */
export async function applyProgramsAction(_previous: ActionResult<{ runId: string }> | null, form: FormData): Promise<ActionResult<{ runId: string }>> {
  try {
    const projectId = z.string().min(1).parse(form.get("projectId"));
    const actor = await authorizeProject(projectId, "edit");
    const { run } = await startApply(projectId, actor.userId);
    revalidatePath(`/projects/${projectId}`);
    return { ok: true, data: { runId: run.id } };
  } catch (error) {
    return actionError(error);
  }
}

const CancelInput = z.object({ projectId: z.string().min(1).max(100), jobId: z.string().min(1).max(100) });

/**
 * "Cancel" on a queued or running job (jobs page, live job panels): editors only.
 *
 * @example
 * const [state, action] = useActionState(cancelJobAction, null);
 */
export async function cancelJobAction(
  _previous: ActionResult<{ outcome: "cancelled" | "cancelling" }> | null,
  form: FormData,
): Promise<ActionResult<{ outcome: "cancelled" | "cancelling" }>> {
  try {
    const input = CancelInput.parse({ projectId: form.get("projectId"), jobId: form.get("jobId") });
    const actor = await authorizeProject(input.projectId, "edit");
    const outcome = await cancelJob(input.projectId, input.jobId, actor.userId);
    revalidatePath(`/projects/${input.projectId}/jobs`);
    return { ok: true, data: { outcome } };
  } catch (error) {
    return actionError(error);
  }
}
