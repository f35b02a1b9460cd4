"use server";

import { revalidatePath } from "next/cache";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { SaveTaskInput, saveTask } from "./server/save-task";
import { z } from "zod";
import { TEMPLATE_PARTS } from "@alchemist/db";
import { AppError } from "@/lib/app-error";
import {
  addDocument,
  removeDocument,
  SaveSupplementaryInput,
  saveSupplementary,
  SaveTemplateInput,
  saveTemplate,
  searchExemplarRows,
  SearchRowsInput,
} from "./server/task-extras";
import { PreviewPromptInput, previewPrompt } from "./server/prompt-preview";

/**
 * Form action of the task page.
 *
 * @example
 * const [state, action] = useActionState(saveTaskAction, null);
 */
export async function saveTaskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const names = form.getAll("className").map(String);
    const descriptions = form.getAll("classDescription").map(String);
    const input = SaveTaskInput.parse({
      projectId: form.get("projectId"),
      name: form.get("name") ?? "",
      description: form.get("description") ?? "",
      input: form.getAll("input").map(String).filter(Boolean),
      language: form.get("language"),
      functionName: form.get("functionName") ?? "",
      classes: names.map((name, i) => ({ name, description: descriptions[i] ?? "" })),
      multiLabel: form.get("multiLabel") === "on",
    });
    await authorizeProject(input.projectId, "edit");
    await saveTask(input);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Saves keywords, rules and picked exemplars (`exemplar` = "rowId:label" entries).
 *
 * @example
 * const [state, action] = useActionState(saveSupplementaryAction, null);
 */
export async function saveSupplementaryAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = SaveSupplementaryInput.parse({
      projectId: form.get("projectId"),
      keywords: form.get("keywords") ?? "",
      rules: form.get("rules") ?? "",
      exemplars: form
        .getAll("exemplar")
        .map(String)
        .map((v) => ({ rowId: v.slice(0, v.lastIndexOf(":")), label: v.slice(v.lastIndexOf(":") + 1) })),
    });
    await authorizeProject(input.projectId, "edit");
    await saveSupplementary(input);
    revalidatePath(`/projects/${input.projectId}/task`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * One page of rows to pick exemplars from (server-side search, keyset pages).
 *
 * @example
 * const page = await searchRowsAction({ projectId, query: "prize" });
 */
export async function searchRowsAction(raw: {
  projectId: string;
  query: string;
  afterIndex?: number;
}): Promise<ActionResult<Awaited<ReturnType<typeof searchExemplarRows>>>> {
  try {
    const input = SearchRowsInput.parse(raw);
    await authorizeProject(input.projectId, "read");
    return { ok: true, data: await searchExemplarRows(input) };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Uploads a text document for retrieval.
 *
 * @example
 * const [state, action] = useActionState(uploadDocumentAction, null);
 */
export async function uploadDocumentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const { projectId } = z.object({ projectId: z.string().min(1).max(100) }).parse({ projectId: form.get("projectId") });
    const file = form.get("document");
    if (!(file instanceof File) || file.name === "") throw new AppError("BAD_REQUEST", "Choose a text file to upload");
    const actor = await authorizeProject(projectId, "edit");
    await addDocument(projectId, file, actor.userId);
    revalidatePath(`/projects/${projectId}/task`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Deletes a retrieval document.
 *
 * @example
 * <form action={deleteDocumentAction}>...</form>
 */
export async function deleteDocumentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = z
      .object({ projectId: z.string().min(1).max(100), documentId: z.string().min(1).max(100) })
      .parse({ projectId: form.get("projectId"), documentId: form.get("documentId") });
    const actor = await authorizeProject(input.projectId, "edit");
    await removeDocument(input.projectId, input.documentId, actor.userId);
    revalidatePath(`/projects/${input.projectId}/task`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * Saves the edited prompt template (unknown placeholders refused by name).
 *
 * @example
 * const [state, action] = useActionState(saveTemplateAction, null);
 */
export async function saveTemplateAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = SaveTemplateInput.parse({
      projectId: form.get("projectId"),
      parts: Object.fromEntries(TEMPLATE_PARTS.map((p) => [p, String(form.get(p) ?? "")])),
    });
    await authorizeProject(input.projectId, "edit");
    await saveTemplate(input);
    revalidatePath(`/projects/${input.projectId}/task`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/**
 * The exact prompt generation would send for an info kind and program slot.
 *
 * @example
 * const result = await previewPromptAction({ projectId, kind: "keywords", slot: 0, language: "python" });
 */
export async function previewPromptAction(raw: {
  projectId: string;
  kind: string;
  slot: number;
  language: string;
  template?: Record<string, string>;
}): Promise<ActionResult<Awaited<ReturnType<typeof previewPrompt>>>> {
  try {
    const input = PreviewPromptInput.parse(raw);
    await authorizeProject(input.projectId, "read");
    return { ok: true, data: await previewPrompt(input) };
  } catch (error) {
    return actionError(error);
  }
}
