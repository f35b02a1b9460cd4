"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { TRY_FILTERS, TRY_MAX_ROWS, type TryProgramResult } from "@alchemist/jobs";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject } from "@/features/auth";
import { setEnabled } from "./server/set-enabled";
import { ProgramCheckFailed, type CheckError } from "./server/check-program-source";
import { CreateProgramInput, SaveVersionInput, createProgramService, saveVersionService } from "./server/save-program";
import { tryProgram } from "./server/try-program";
import { RefineInput, discardRefinement, keepRefinement, startRefinement } from "./server/refine-program";

const fields = (form: FormData, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, form.get(k) ?? ""]));

/** A save's answer: refused code carries the static check's errors for the editor's markers. */
export type SaveResult<T> = ActionResult<T> | { ok: false; error: string; checkErrors: readonly CheckError[] };

const saveError = (error: unknown): SaveResult<never> =>
  error instanceof ProgramCheckFailed ? { ok: false, error: error.message, checkErrors: error.checkErrors } : actionError(error);

/** Creates a program from the editor (once it compiles) and opens its page. */
export async function createProgramAction(_previous: SaveResult<undefined> | null, form: FormData): Promise<SaveResult<undefined>> {
  let path: string;
  try {
    const input = CreateProgramInput.parse(fields(form, "projectId", "name", "language", "source"));
    const actor = await authorizeProject(input.projectId, "edit");
    const { program } = await createProgramService(input, actor.userId);
    path = `/projects/${input.projectId}/programs/${program.id}`;
  } catch (error) {
    return saveError(error);
  }
  redirect(path);
}

/** Saves the editor's code (once it compiles) as the program's next version and shows it. */
export async function saveVersionAction(
  _previous: SaveResult<{ version: number; created: boolean }> | null,
  form: FormData,
): Promise<SaveResult<{ version: number; created: boolean }>> {
  try {
    const input = SaveVersionInput.parse(fields(form, "projectId", "programId", "language", "source"));
    const actor = await authorizeProject(input.projectId, "edit");
    const { version, created } = await saveVersionService(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: { version: version.version, created } };
  } catch (error) {
    return saveError(error);
  }
}

const TryInput = z.object({
  projectId: z.string().min(1),
  programId: z.string().min(1).optional(),
  language: z.enum(["python", "javascript"]),
  source: z.string(),
  rows: z.number().int().min(1).max(TRY_MAX_ROWS),
  filter: z.enum(TRY_FILTERS),
});

/** Runs the editor's code on sample rows (in the worker): a size and a filter; returns per-row results. */
export async function tryProgramAction(input: z.infer<typeof TryInput>): Promise<ActionResult<TryProgramResult>> {
  try {
    const parsed = TryInput.parse(input);
    const actor = await authorizeProject(parsed.projectId, "edit");
    return { ok: true, data: await tryProgram(parsed, actor.userId) };
  } catch (error) {
    return actionError(error);
  }
}

const ToggleInput = z.object({ projectId: z.string().min(1), programId: z.string().min(1), enabled: z.enum(["true", "false"]) });

/** A switch's answer, with the program it was for: the table shows a refusal under that switch. */
export type ToggleResult = { ok: true; data: { programId: string } } | { ok: false; error: string; programId: string };

/**
 * Turns a program on or off for future runs. One form serves the whole table: the pressed switch
 * submits `toggle` = "<programId>:<true|false>" (a plain form post, so it works without JavaScript
 * too). A refusal (role, unknown program) comes back as that switch's message.
 */
export async function toggleProgramAction(_previous: ToggleResult | null, form: FormData): Promise<ToggleResult> {
  const toggle = String(form.get("toggle") ?? "");
  const colon = toggle.lastIndexOf(":");
  const programId = colon > 0 ? toggle.slice(0, colon) : "";
  try {
    const input = ToggleInput.parse({ projectId: form.get("projectId") ?? "", programId, enabled: toggle.slice(colon + 1) });
    const actor = await authorizeProject(input.projectId, "edit");
    await setEnabled(input.projectId, input.programId, input.enabled === "true", actor.userId);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: { programId } };
  } catch (error) {
    return { ...actionError(error), programId };
  }
}

/** "Ask the LLM to change this program so that ...": queues a refine-program job. */
export async function refineProgramAction(
  _previous: ActionResult<{ refinementId: string }> | null,
  form: FormData,
): Promise<ActionResult<{ refinementId: string }>> {
  try {
    const input = RefineInput.parse(fields(form, "projectId", "programId", "instruction", "provider", "model"));
    const actor = await authorizeProject(input.projectId, "edit");
    const refinement = await startRefinement(input, actor.userId);
    revalidatePath(`/projects/${input.projectId}/programs/${input.programId}`);
    return { ok: true, data: { refinementId: refinement.id } };
  } catch (error) {
    return actionError(error);
  }
}

const DecideInput = z.object({
  projectId: z.string().min(1),
  programId: z.string().min(1),
  refinementId: z.string().min(1),
  decision: z.enum(["keep", "discard"]),
});

/** Keeps (and enables) or discards the candidate version of a refinement. */
export async function decideRefinementAction(
  _previous: ActionResult<{ restored: number | null }> | null,
  form: FormData,
): Promise<ActionResult<{ restored: number | null }>> {
  try {
    const input = DecideInput.parse(fields(form, "projectId", "programId", "refinementId", "decision"));
    const actor = await authorizeProject(input.projectId, "edit");
    const result =
      input.decision === "keep"
        ? (await keepRefinement(input.projectId, input.programId, input.refinementId, actor.userId), { restored: null })
        : await discardRefinement(input.projectId, input.programId, input.refinementId, actor.userId);
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error);
  }
}
