"use server";

import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { StartImportInput, startImport } from "./server/start-import";

const optional = (value: FormDataEntryValue | null) => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Form action of the column mapping form: queues the import and returns the job id to watch.
 *
 * @example
 * const [state, action] = useActionState(startImportAction, null);
 */
export async function startImportAction(_previous: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  try {
    const input = StartImportInput.parse({
      projectId: form.get("projectId"),
      uploadId: form.get("uploadId"),
      format: form.get("format"),
      encoding: form.get("encoding") ?? "auto",
      fileName: form.get("fileName"),
      name: form.get("name") ?? "",
      input: form.getAll("input").filter((v): v is string => typeof v === "string" && v !== ""),
      label: optional(form.get("label")),
      split: optional(form.get("split")),
      id: optional(form.get("id")),
      classNames: form.get("classNames") ?? "",
      header: form.get("header") ?? "true",
      labelMap: form.get("labelMap") ?? "",
    });
    const actor = await authorizeProject(input.projectId, "edit");
    const job = await startImport(input, actor.userId);
    return { ok: true, data: { jobId: job.id } };
  } catch (error) {
    return actionError(error);
  }
}
