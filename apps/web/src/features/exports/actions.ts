"use server";

import { authorizeProject } from "@/features/auth/server/authorize";
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
    return { ok: true, data: await startExport(input, actor.userId) };
  } catch (error) {
    return actionError(error);
  }
}
