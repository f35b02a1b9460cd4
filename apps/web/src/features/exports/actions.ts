"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { StartExportInput, startExport } from "./server/start-export";

/**
 * Form action of the exports page: queues an export and returns its ids to follow.
 *
 * @example
 * const [state, action] = useActionState(startExportAction, null);
 */
export async function startExportAction(
  _previous: ActionResult<{ exportId: string; jobId: string }> | null,
  form: FormData,
): Promise<ActionResult<{ exportId: string; jobId: string }>> {
  try {
    const input = StartExportInput.parse({ projectId: form.get("projectId"), runId: form.get("runId"), format: form.get("format") });
    const actor = await authorizeProject(input.projectId, "read");
    const started = await startExport(input, actor.userId);
    // The page re-renders with the queued export, and with the jobs stream on while it runs.
    revalidatePath(`/projects/${input.projectId}/exports`);
    return { ok: true, data: started };
  } catch (error) {
    return actionError(error);
  }
}
