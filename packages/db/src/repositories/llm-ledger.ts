import type { Db } from "../client";
import type { LlmCallPurpose } from "../generated/prisma/enums";

export interface LlmCallInput {
  readonly projectId: string;
  readonly generationRequestId?: string | null;
  readonly purpose: LlmCallPurpose;
  /** Unique per generation request (e.g. "p03-r1"): booking the same attempt twice is a no-op. */
  readonly attemptId?: string | null;
  readonly provider: string;
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly cached?: boolean;
}

/**
 * Books model calls in the project's cost ledger. Calls already booked for the same
 * (generationRequestId, attemptId) are skipped, so a retried job never double-counts.
 *
 * @example
 * await recordLlmCalls(prisma, [{ projectId, generationRequestId, purpose: "PROGRAM", attemptId: "p00-r0", provider: "openai", model: "gpt-4o-mini", inputTokens: 500, outputTokens: 100, costUsd: 0.000135 }]);
 */
export async function recordLlmCalls(db: Db, calls: readonly LlmCallInput[]): Promise<number> {
  for (const c of calls) {
    if (!(c.inputTokens >= 0 && c.outputTokens >= 0 && c.costUsd >= 0))
      throw new Error(`LLM call ${c.attemptId ?? ""} has negative usage: ${c.inputTokens} in, ${c.outputTokens} out, $${c.costUsd}`);
  }
  const data = calls.map((c) => ({ ...c, generationRequestId: c.generationRequestId ?? null, attemptId: c.attemptId ?? null, cached: c.cached ?? false }));
  const out = await db.llmCall.createMany({ data, skipDuplicates: true });
  return out.count;
}

export interface LedgerSums {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/**
 * Sums the ledger of a project, or of one generation request.
 *
 * @example
 * const { costUsd } = await sumLlmCalls(prisma, { projectId });
 */
export async function sumLlmCalls(db: Pick<Db, "llmCall">, where: { projectId?: string; generationRequestId?: string }): Promise<LedgerSums> {
  if (!where.projectId && !where.generationRequestId) throw new Error("sumLlmCalls needs a projectId or a generationRequestId");
  const [all, cached] = await Promise.all([
    db.llmCall.aggregate({ where: { ...where, cached: false }, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costUsd: true } }),
    db.llmCall.count({ where: { ...where, cached: true } }),
  ]);
  return {
    calls: all._count._all,
    cachedCalls: cached,
    inputTokens: all._sum.inputTokens ?? 0,
    outputTokens: all._sum.outputTokens ?? 0,
    costUsd: all._sum.costUsd ?? 0,
  };
}

/**
 * One page of a project's ledger, newest first, with the total row count.
 *
 * @example
 * const { rows, total } = await listLlmCalls(prisma, projectId, 0, 50);
 */
export async function listLlmCalls(db: Db, projectId: string, page: number, pageSize: number) {
  if (!Number.isInteger(page) || page < 0 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
    throw new Error(`ledger page must be >= 0 and page size 1..500, got page ${page}, size ${pageSize}`);
  const [rows, total] = await Promise.all([
    db.llmCall.findMany({ where: { projectId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page * pageSize, take: pageSize }),
    db.llmCall.count({ where: { projectId } }),
  ]);
  return { rows, total };
}

/**
 * Sets (or clears, with null) the project's LLM spend cap in dollars.
 *
 * @example
 * await setProjectLlmBudget(prisma, projectId, 5);
 */
export async function setProjectLlmBudget(db: Db, projectId: string, budgetUsd: number | null) {
  if (budgetUsd !== null && !(Number.isFinite(budgetUsd) && budgetUsd >= 0)) throw new Error(`LLM budget must be a number >= 0 (dollars), got ${budgetUsd}`);
  return db.project.update({ where: { id: projectId }, data: { llmBudgetUsd: budgetUsd } });
}
