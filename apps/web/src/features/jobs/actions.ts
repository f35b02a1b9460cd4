"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth/server/authorize";
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
