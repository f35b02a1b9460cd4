"use server";

import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { StartImageImportInput, startImageImport } from "./server/start-image-import";
import { SaveConceptsInput, saveConcepts } from "./server/save-concepts";
import { ProposeConceptsInput, proposeConcepts } from "./server/propose-concepts";
import type { ProposeConceptsResult } from "@alchemist/jobs";

/**
 * Form action of the image import form: queues the import and returns the job id to watch.
 *
 * @example
 * const [state, action] = useActionState(startImageImportAction, null);
 */
export async function startImageImportAction(_previous: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  try {
    const input = StartImageImportInput.parse({
      projectId: form.get("projectId"),
      uploadId: form.get("uploadId"),
      fileName: form.get("fileName"),
      name: form.get("name") ?? "",
      classNames: form.get("classNames") ?? "",
      concepts: form.get("concepts") ?? "",
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const job = await startImageImport(input, actor.userId);
    return { ok: true, data: { jobId: job.id } };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Form action of the task page's concepts editor: queues the re-scoring job and returns its id.
 *
 * @example
 * const [state, action] = useActionState(saveConceptsAction, null);
 */
export async function saveConceptsAction(_previous: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  try {
    const input = SaveConceptsInput.parse({
      projectId: form.get("projectId"),
      datasetId: form.get("datasetId"),
      concepts: form.get("concepts") ?? "",
      insights: form.get("insights") ?? "",
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const job = await saveConcepts(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/task`);
    return { ok: true, data: { jobId: job.id } };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * The concepts editor's "Propose concepts": the project's LLM names concepts for the task's
 * classes; the editor puts them in the concept list for the user to edit and save.
 *
 * @example
 * const [state, action] = useActionState(proposeConceptsAction, null);
 */
export async function proposeConceptsAction(
  _previous: ActionResult<ProposeConceptsResult> | null,
  form: FormData,
): Promise<ActionResult<ProposeConceptsResult>> {
  try {
    const input = ProposeConceptsInput.parse({
      projectId: form.get("projectId"),
      provider: form.get("provider"),
      model: form.get("model"),
      kind: form.get("kind") ?? "concepts",
    });
    const actor = await authorizeProject(input.projectId, "edit");
    return { ok: true, data: await proposeConcepts(input, actor.userId) };
  } catch (error) {
    return actionError(error);
  }
}
