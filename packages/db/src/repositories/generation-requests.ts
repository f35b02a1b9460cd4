import type { Db } from "../client";
import { codeHash } from "../code-hash";
import type { JobStatus, ProgramLanguage } from "../generated/prisma/enums";
import { sumLlmCalls } from "./llm-ledger";

export interface GenerationRequestInput {
  readonly projectId: string;
  readonly provider: string;
  readonly model: string;
  readonly n: number;
  readonly language: ProgramLanguage;
  readonly infoKinds?: readonly string[];
  readonly params?: Record<string, unknown>;
  /** Project spend cap for this request; default: the project's llmBudgetUsd. */
  readonly budgetUsd?: number | null;
}

/**
 * Records a generation request (QUEUED); its id doubles as the `generate-programs` job id.
 *
 * @example
 * const request = await createGenerationRequest(prisma, { projectId, provider: "openai", model: "gpt-4o-mini", n: 10, language: "PYTHON" });
 */
export async function createGenerationRequest(db: Db, input: GenerationRequestInput) {
  if (!Number.isInteger(input.n) || input.n < 1 || input.n > 200) throw new Error(`a generation request asks for 1..200 programs, got ${input.n}`);
  if (input.budgetUsd != null && !(input.budgetUsd >= 0)) throw new Error(`budgetUsd must be >= 0, got ${input.budgetUsd}`);
  const project = await db.project.findUnique({ where: { id: input.projectId }, select: { llmBudgetUsd: true } });
  if (!project) throw new Error(`project ${input.projectId} does not exist`);
  return db.generationRequest.create({
    data: {
      projectId: input.projectId,
      provider: input.provider,
      model: input.model,
      n: input.n,
      language: input.language,
      infoKinds: [...(input.infoKinds ?? [])],
      params: (input.params ?? {}) as object,
      budgetUsd: input.budgetUsd === undefined ? project.llmBudgetUsd : input.budgetUsd,
    },
  });
}

/** One generation request or null. */
export async function getGenerationRequest(db: Db, id: string) {
  return db.generationRequest.findUnique({ where: { id } });
}

/** Generation requests of a project, newest first. */
export async function listGenerationRequests(db: Db, projectId: string, take = 50) {
  return db.generationRequest.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take });
}

/**
 * Marks a request RUNNING and counts the try; returns the row (with the new `tries`).
 *
 * @example
 * const { tries } = await startGenerationRequest(prisma, id);
 */
export async function startGenerationRequest(db: Db, id: string) {
  return db.generationRequest.update({ where: { id }, data: { status: "RUNNING", tries: { increment: 1 }, error: null, startedAt: new Date() } });
}

export interface GeneratedProgramRecord {
  readonly name: string;
  readonly language: ProgramLanguage;
  readonly functionName: string;
  readonly source: string;
  readonly provenance: Record<string, unknown>;
}

export interface GenerationOutcome {
  readonly datasetId: string | null;
  readonly programs: readonly GeneratedProgramRecord[];
  readonly failedSlots: number;
  readonly stoppedBy?: string | null;
  readonly zeroShotEstimate: Record<string, unknown> | null;
  readonly attempts: readonly Record<string, unknown>[];
}

/**
 * Stores the accepted programs (version 1 each, provenance attached) and marks the request
 * SUCCEEDED with totals summed from its ledger rows, in one transaction. A request that already
 * succeeded is returned unchanged: nothing is written twice.
 *
 * @example
 * await completeGenerationRequest(prisma, request.id, { datasetId, programs, failedSlots: 0, zeroShotEstimate, attempts });
 */
export async function completeGenerationRequest(db: Db, id: string, outcome: GenerationOutcome) {
  return db.$transaction(async (tx) => {
    const request = await tx.generationRequest.findUnique({ where: { id } });
    if (!request) throw new Error(`generation request ${id} does not exist`);
    if (request.status === "SUCCEEDED") return request;
    for (const p of outcome.programs) {
      const hash = codeHash(p.language, p.functionName, p.source);
      await tx.program.create({
        data: {
          projectId: request.projectId,
          name: p.name,
          versions: {
            create: { version: 1, language: p.language, functionName: p.functionName, source: p.source, codeHash: hash, provenance: p.provenance as object },
          },
        },
      });
    }
    const totals = await sumLlmCalls(tx, { generationRequestId: id });
    return tx.generationRequest.update({
      where: { id },
      data: {
        status: "SUCCEEDED",
        finishedAt: new Date(),
        datasetId: outcome.datasetId,
        programs: outcome.programs.length,
        failedSlots: outcome.failedSlots,
        stoppedBy: outcome.stoppedBy ?? null,
        zeroShotEstimate: (outcome.zeroShotEstimate ?? undefined) as object | undefined,
        attempts: outcome.attempts as object[],
        ...totals,
      },
    });
  });
}

/**
 * Ends a request FAILED or CANCELLED with its error; totals still reflect the calls it booked.
 *
 * @example
 * await endGenerationRequest(prisma, id, "FAILED", "project budget exceeded");
 */
export async function endGenerationRequest(
  db: Db,
  id: string,
  status: Extract<JobStatus, "FAILED" | "CANCELLED">,
  error: string,
  attempts?: readonly Record<string, unknown>[],
) {
  const totals = await sumLlmCalls(db, { generationRequestId: id });
  return db.generationRequest.update({
    where: { id },
    data: { status, error: error.slice(0, 2000), finishedAt: new Date(), ...totals, ...(attempts ? { attempts: attempts as object[] } : {}) },
  });
}
