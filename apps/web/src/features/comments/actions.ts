"use server";

import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { AddCommentInput, postComment } from "./server/comments-service";

/** Posts a comment on a row or a program (reviewers and above). */
export async function addCommentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = AddCommentInput.parse({
      projectId: form.get("projectId"),
      targetType: form.get("targetType"),
      targetId: form.get("targetId"),
      body: form.get("body") ?? "",
    });
    const actor = await authorizeProject(input.projectId, "review");
    await postComment(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}
