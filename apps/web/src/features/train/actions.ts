"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import { startTraining } from "./server/start-training";
import { cancelTraining } from "./server/cancel-training";

const Input = z.object({
  projectId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
  epochs: z.coerce.number().int().min(1).max(200).optional(),
  imageFeatures: z.enum(["embeddings", "scores", "both"]).optional(),
});

/**
 * The Train page's "Train model" button: queues the distillation of the chosen run; the page then
 * follows the new model's loss curve live.
 *
 * @example
 * const [state, action] = useActionState(trainModelAction, null);
 */
export async function trainModelAction(_previous: ActionResult<{ modelId: string }> | null, form: FormData): Promise<ActionResult<{ modelId: string }>> {
  try {
    const input = Input.parse({
      projectId: form.get("projectId"),
      runId: form.get("runId"),
      epochs: form.get("epochs") || undefined,
      imageFeatures: form.get("imageFeatures") || undefined,
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const { modelId } = await startTraining({ ...input, actorId: actor.userId });
    revalidatePath(`/projects/${input.projectId}/train`);
    return { ok: true, data: { modelId } };
  } catch (error) {
    return actionError(error);
  }
}

const CancelInput = z.object({ projectId: z.string().min(1).max(64), modelId: z.string().min(1).max(64) });

/**
 * The Train page's "Cancel" button while a model trains.
 *
 * @example
 * const [state, action] = useActionState(cancelTrainingAction, null);
 */
export async function cancelTrainingAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = CancelInput.parse({ projectId: form.get("projectId"), modelId: form.get("modelId") });
    const actor = await authorizeProject(input.projectId, "edit");
    await cancelTraining(input.projectId, input.modelId, `by user ${actor.userId}`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}
