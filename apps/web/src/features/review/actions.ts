"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { ReviewInput, rescoreQuietly, submitReview } from "./server/review-service";
import { AdjudicateInput, BatchLabelInput, CreateBatchInput, adjudicateService, createBatch, submitBatchLabelService } from "./server/team-service";

/** Solo review: accept or correct a row's label (reviewers and above); it becomes gold (changing existing gold needs `correct`). */
export async function reviewRowAction(input: z.infer<typeof ReviewInput>): Promise<ActionResult<{ rescore: string }>> {
  try {
    const parsed = ReviewInput.parse(input);
    const actor = await authorizeProject(parsed.projectId, "review");
    const { rescore } = await submitReview(parsed, actor);
    return { ok: true, data: { rescore } };
  } catch (error) {
    return actionError(error);
  }
}

const RescoreInput = z.object({ projectId: z.string().min(1).max(100) });

/** "Re-score now": re-analyses the reviewed run with the current gold (reviewers and above). */
export async function rescoreAction(input: z.infer<typeof RescoreInput>): Promise<ActionResult<{ rescore: string }>> {
  try {
    const parsed = RescoreInput.parse(input);
    const actor = await authorizeProject(parsed.projectId, "review");
    const rescore = await rescoreQuietly(parsed.projectId, actor);
    revalidatePath(`/projects/${parsed.projectId}`, "layout");
    return { ok: true, data: { rescore } };
  } catch (error) {
    return actionError(error);
  }
}

/** Creates a review batch (editors and owners) and opens the batch list. */
export async function createBatchAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let path: string;
  try {
    const input = CreateBatchInput.parse({
      projectId: form.get("projectId"),
      name: form.get("name"),
      size: form.get("size"),
      overlap: form.get("overlap"),
      blind: form.get("blind") === "on",
      strategy: form.get("strategy"),
      seed: form.get("seed") || 0,
      split: form.get("split") || undefined,
      reviewerIds: form.getAll("reviewerIds"),
    });
    const actor = await authorizeProject(input.projectId, "edit");
    await createBatch(input, actor);
    path = `/projects/${input.projectId}/review/batches`;
    revalidatePath(path);
  } catch (error) {
    return actionError(error);
  }
  redirect(path);
}

/** A reviewer's label in a batch (reviewers and above, on rows assigned to them). */
export async function batchLabelAction(
  input: z.infer<typeof BatchLabelInput>,
): Promise<ActionResult<{ consensus: number | null; goldConflict: { gold: number; consensus: number } | null }>> {
  try {
    const parsed = BatchLabelInput.parse(input);
    const actor = await authorizeProject(parsed.projectId, "review");
    const { consensus, goldConflict } = await submitBatchLabelService(parsed, actor);
    return { ok: true, data: { consensus, goldConflict: goldConflict && { gold: goldConflict.gold, consensus: goldConflict.consensus } } };
  } catch (error) {
    return actionError(error);
  }
}

/** Decides a disagreement (editors and owners); the decision becomes gold. */
export async function adjudicateAction(input: z.infer<typeof AdjudicateInput>): Promise<ActionResult<{ rescore: string }>> {
  try {
    const parsed = AdjudicateInput.parse(input);
    const actor = await authorizeProject(parsed.projectId, "edit");
    const { rescore } = await adjudicateService(parsed, actor);
    revalidatePath(`/projects/${parsed.projectId}/review/batches/${parsed.batchId}/adjudicate`);
    return { ok: true, data: { rescore } };
  } catch (error) {
    return actionError(error);
  }
}
