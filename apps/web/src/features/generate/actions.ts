"use server";

import { revalidatePath } from "next/cache";
import { authorizeProject } from "@/features/auth";
import { actionError, type ActionResult } from "@/lib/action-result";
import type { GenerationEstimateView } from "./server/estimate-generation";
import { GenerateInput } from "./server/generate-input";
import { estimateGeneration, startGeneration } from "./server/generate-service";

function readForm(form: FormData) {
  return GenerateInput.parse({
    projectId: form.get("projectId"),
    provider: form.get("provider"),
    model: form.get("model") ?? "",
    n: form.get("n"),
    infoKinds: form.getAll("infoKinds").map(String),
    temperatures: form.get("temperatures") ?? "0.7",
    language: form.get("language"),
    budgetUsd: form.get("budgetUsd") ?? undefined,
    repairRounds: form.get("repairRounds") ?? undefined,
    maxTokens: form.get("maxTokens") ?? undefined,
  });
}

/**
 * Prices the form's request before anything is spent (viewers may look).
 *
 * @example
 * const result = await estimateAction(new FormData(form));
 */
export async function estimateAction(form: FormData): Promise<ActionResult<GenerationEstimateView>> {
  try {
    const input = readForm(form);
    await authorizeProject(input.projectId, "read");
    return { ok: true, data: await estimateGeneration(input) };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Starts generation (editors): records the request and queues the job.
 *
 * @example
 * const [state, action] = useActionState(generateAction, null);
 */
export async function generateAction(_previous: ActionResult<{ requestId: string }> | null, form: FormData): Promise<ActionResult<{ requestId: string }>> {
  try {
    const input = readForm(form);
    const actor = await authorizeProject(input.projectId, "edit");
    const started = await startGeneration(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/generate`);
    return { ok: true, data: started };
  } catch (error) {
    return actionError(error);
  }
}
