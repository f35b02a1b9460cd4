import "server-only";
import { createGenerationRequest, findProjectTask, getPrisma, listProjectSecrets, sumLlmCalls, toDbLanguage } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { enqueueJob } from "@/features/jobs";
import { AppError } from "@/lib/app-error";
import { estimateGenerationForProject, type GenerationEstimateView } from "./estimate-generation";
import type { GenerateInput } from "./generate-input";

/**
 * The Generate form's estimate (see `estimateGenerationForProject`; its input problems are 400 AppErrors).
 *
 * @example
 * const estimate = await estimateGeneration(input);
 */
export async function estimateGeneration(input: GenerateInput): Promise<GenerationEstimateView> {
  return estimateGenerationForProject(getPrisma(), input);
}

/**
 * Records a GenerationRequest and queues its generate-programs job (job id = request id; the
 * payload carries ids only, never keys). The request's cap is the project's budget, lowered to
 * "spent so far + this request's budget" when one is given.
 *
 * @example
 * const { requestId } = await startGeneration(input, actor.userId);
 */
export async function startGeneration(input: GenerateInput, actorId: string): Promise<{ requestId: string }> {
  const db = getPrisma();
  // refuses a project without task or rows before anything is queued
  await estimateGeneration({ ...input, n: 1 });
  const [project, spent] = await Promise.all([
    db.project.findUnique({ where: { id: input.projectId }, select: { llmBudgetUsd: true } }),
    sumLlmCalls(db, { projectId: input.projectId }),
  ]);
  const caps = [project?.llmBudgetUsd ?? null, input.budgetUsd === undefined ? null : spent.costUsd + input.budgetUsd].filter((c): c is number => c !== null);
  const budgetUsd = caps.length ? Math.min(...caps) : null;
  if (budgetUsd !== null && input.provider !== "builtin" && spent.costUsd >= budgetUsd) {
    throw new AppError(
      "BAD_REQUEST",
      `the project's LLM budget of $${budgetUsd.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent); raise it on the Costs page`,
    );
  }
  const request = await createGenerationRequest(db, {
    projectId: input.projectId,
    provider: input.provider,
    model: input.provider === "builtin" ? "builtin" : input.model,
    n: input.n,
    language: toDbLanguage(input.language),
    infoKinds: input.infoKinds,
    params: { temperatures: input.temperatures, repairRounds: input.repairRounds, maxTokens: input.maxTokens },
    budgetUsd,
  });
  await enqueueJob(QUEUES.generatePrograms, { projectId: input.projectId, generationRequestId: request.id, actorId }, { jobId: request.id });
  return { requestId: request.id };
}

export interface GenerationRow {
  readonly id: string;
  readonly createdAt: string;
  readonly status: string;
  readonly provider: string;
  readonly model: string;
  readonly n: number;
  readonly programs: { id: string; name: string }[];
  readonly failedSlots: number;
  readonly calls: number;
  readonly costUsd: number;
  readonly zeroShotUsd: number | null;
  readonly error: string | null;
  readonly stoppedBy: string | null;
  /** Rejected attempts' reasons, e.g. ["p01-r0: compile", ...] (at most 10). */
  readonly rejected: string[];
}

/**
 * What the Generate page shows: which provider keys the project holds (last 4 only) and its
 * latest generation requests with the programs each created, cost and failures.
 *
 * @example
 * const data = await getGeneratePageData(projectId);
 */
export async function getGeneratePageData(projectId: string) {
  const db = getPrisma();
  const [secrets, requests, task] = await Promise.all([
    listProjectSecrets(db, projectId),
    db.generationRequest.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 10 }),
    findProjectTask(db, projectId),
  ]);
  const versions = requests.length
    ? await db.programVersion.findMany({
        where: { program: { projectId }, OR: requests.map((r) => ({ provenance: { path: ["generationRequestId"], equals: r.id } })) },
        select: { provenance: true, program: { select: { id: true, name: true } } },
        orderBy: { program: { name: "asc" } },
      })
    : [];
  const rows: GenerationRow[] = requests.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    provider: r.provider,
    model: r.model,
    n: r.n,
    programs: versions.filter((v) => (v.provenance as { generationRequestId?: string } | null)?.generationRequestId === r.id).map((v) => v.program),
    failedSlots: r.failedSlots,
    calls: r.calls,
    costUsd: r.costUsd,
    zeroShotUsd: (r.zeroShotEstimate as { costUsd?: number } | null)?.costUsd ?? null,
    error: r.error,
    stoppedBy: r.stoppedBy,
    rejected: ((r.attempts as { id?: string; verdict?: { ok?: boolean; reason?: string } | null }[]) ?? [])
      .filter((a) => a.verdict && !a.verdict.ok)
      .slice(0, 10)
      .map((a) => `${a.id}: ${a.verdict?.reason ?? "?"}`),
  }));
  return {
    secrets: secrets.map((s) => ({ provider: s.provider, last4: s.last4, baseUrl: s.baseUrl })),
    requests: rows,
    hasTask: task !== null,
    language: task?.language === "JAVASCRIPT" ? ("javascript" as const) : ("python" as const),
  };
}
