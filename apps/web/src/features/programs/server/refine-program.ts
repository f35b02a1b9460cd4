import "server-only";
import { z } from "zod";
import {
  addProgramVersion,
  createProgramRefinement,
  findProjectTask,
  getPrisma,
  getProgram,
  getProgramRefinement,
  recordAudit,
  setProgramEnabled,
  updateProgramRefinement,
} from "@alchemist/db";
import { QUEUES, RefineProgramPayload } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "@/features/jobs";

export const REFINE_PROVIDERS = ["openai", "anthropic", "openai-compatible"] as const;

export const RefineInput = z.object({
  projectId: z.string().min(1),
  programId: z.string().min(1),
  instruction: z.string().trim().min(3, "Say what to change (at least 3 characters)").max(4_000, "Instructions are at most 4,000 characters"),
  provider: z.enum(REFINE_PROVIDERS, { error: `Pick a provider: ${REFINE_PROVIDERS.join(", ")}` }),
  model: z.string().trim().min(1, "Name the model").max(200),
});

async function programOf(projectId: string, programId: string) {
  const program = await getProgram(getPrisma(), programId);
  if (!program || program.projectId !== projectId) throw new AppError("NOT_FOUND", `program ${programId} does not exist in this project`);
  return program;
}

/**
 * Records "ask the LLM to change this program so that ..." against the program's latest version
 * and queues the `refine-program` job (job id = refinement id). One open request per program.
 *
 * @example
 * const refinement = await startRefinement({ projectId, programId, instruction, provider: "openai", model: "gpt-4o-mini" }, actor.userId);
 */
export async function startRefinement(input: z.infer<typeof RefineInput>, actorId: string) {
  getEnv();
  const db = getPrisma();
  const program = await programOf(input.projectId, input.programId);
  const base = program.versions[0]!;
  if (!(await findProjectTask(db, input.projectId))) throw new AppError("BAD_REQUEST", "Define the task first: the request is written against its classes");
  if ((await db.dataset.count({ where: { projectId: input.projectId } })) === 0)
    throw new AppError("BAD_REQUEST", "Import a dataset first: the new version is checked and compared on its dev rows");
  const open = await db.programRefinement.findFirst({ where: { programId: program.id, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  if (open) throw new AppError("CONFLICT", "This program already has a change request in progress; wait for it to finish");
  const refinement = await createProgramRefinement(db, {
    projectId: input.projectId,
    programId: program.id,
    baseVersionId: base.id,
    instruction: input.instruction,
    provider: input.provider,
    model: input.model,
    actorId,
  });
  const payload = RefineProgramPayload.parse({
    projectId: input.projectId,
    programId: program.id,
    refinementId: refinement.id,
    instruction: input.instruction,
    actorId,
  });
  try {
    await enqueueJob(QUEUES.refineProgram, payload, { jobId: refinement.id });
  } catch (error) {
    await updateProgramRefinement(db, refinement.id, { status: "FAILED", error: (error as Error).message, finishedAt: new Date() });
    throw error;
  }
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "program.refine",
    targetType: "program",
    targetId: program.id,
    details: { refinementId: refinement.id, baseVersion: base.version, provider: input.provider, model: input.model },
  });
  return refinement;
}

async function readyRefinement(projectId: string, programId: string, refinementId: string) {
  const refinement = await getProgramRefinement(getPrisma(), refinementId);
  if (!refinement || refinement.projectId !== projectId || refinement.programId !== programId)
    throw new AppError("NOT_FOUND", `change request ${refinementId} does not exist for this program`);
  if (refinement.status !== "READY") throw new AppError("CONFLICT", `this change request is ${refinement.status.toLowerCase()}, not waiting for a decision`);
  return refinement;
}

/**
 * Keeps a refinement's candidate: it stays the program's latest version and the program is enabled.
 *
 * @example
 * await keepRefinement(projectId, programId, refinementId, actor.userId);
 */
export async function keepRefinement(projectId: string, programId: string, refinementId: string, actorId: string) {
  getEnv();
  const db = getPrisma();
  const refinement = await readyRefinement(projectId, programId, refinementId);
  await setProgramEnabled(db, programId, true);
  await updateProgramRefinement(db, refinement.id, { status: "KEPT" });
  await recordAudit(db, { projectId, actorId, action: "program.refine-keep", targetType: "program", targetId: programId, details: { refinementId } });
}

/**
 * Discards a refinement's candidate. Versions are immutable, so when the candidate is still the
 * latest version a new version restores the base code (its outputs are cached by code hash, so
 * nothing re-runs); when someone saved after it, only the request is marked discarded.
 *
 * @example
 * const { restored } = await discardRefinement(projectId, programId, refinementId, actor.userId);
 */
export async function discardRefinement(projectId: string, programId: string, refinementId: string, actorId: string): Promise<{ restored: number | null }> {
  getEnv();
  const db = getPrisma();
  const refinement = await readyRefinement(projectId, programId, refinementId);
  const program = await programOf(projectId, programId);
  const latest = program.versions[0]!;
  const base = program.versions.find((v) => v.id === refinement.baseVersionId);
  let restored: number | null = null;
  if (base && latest.id === refinement.candidateVersionId) {
    const version = await addProgramVersion(db, programId, {
      language: base.language,
      functionName: base.functionName,
      source: base.source,
      provenance: { kind: "revert", parent: latest.version, parentVersionId: latest.id, restores: base.version, refinementId, userId: actorId },
    });
    restored = version.version;
  }
  await updateProgramRefinement(db, refinement.id, { status: "DISCARDED" });
  await recordAudit(db, {
    projectId,
    actorId,
    action: "program.refine-discard",
    targetType: "program",
    targetId: programId,
    details: { refinementId, restored },
  });
  return { restored };
}
