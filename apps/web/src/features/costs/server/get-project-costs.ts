import "server-only";
import { getPrisma, listGenerationRequests, listLlmCalls, sumLlmCalls } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import type { ProjectCostsView } from "../costs-view";

export const LEDGER_PAGE_SIZE = 50;

/**
 * The project's LLM spend: budget, ledger totals, one page of ledger rows (newest first) and the
 * generation requests with their totals and zero-shot estimates, as JSON-safe views.
 *
 * @example
 * const costs = await getProjectCosts(projectId, 0);
 */
export async function getProjectCosts(projectId: string, page: number): Promise<ProjectCostsView> {
  getEnv();
  await authorizeProject(projectId, "read");
  const prisma = getPrisma();
  const [project, totals, requests, first] = await Promise.all([
    prisma.project.findUnique({ where: { id: projectId }, select: { llmBudgetUsd: true } }),
    sumLlmCalls(prisma, { projectId }),
    listGenerationRequests(prisma, projectId, 50),
    listLlmCalls(prisma, projectId, 0, 1),
  ]);
  const pages = Math.max(1, Math.ceil(first.total / LEDGER_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const ledger = await listLlmCalls(prisma, projectId, current, LEDGER_PAGE_SIZE);
  return {
    budgetUsd: project?.llmBudgetUsd ?? null,
    totals,
    page: current,
    pages,
    calls: ledger.rows.map((c) => ({
      id: c.id,
      createdAt: c.createdAt.toISOString(),
      purpose: c.purpose,
      attemptId: c.attemptId,
      generationRequestId: c.generationRequestId,
      provider: c.provider,
      model: c.model,
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      costUsd: c.costUsd,
      cached: c.cached,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      provider: r.provider,
      model: r.model,
      n: r.n,
      programs: r.programs,
      failedSlots: r.failedSlots,
      stoppedBy: r.stoppedBy,
      calls: r.calls,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      costUsd: r.costUsd,
      error: r.error,
      zeroShotEstimate: (r.zeroShotEstimate ?? null) as ProjectCostsView["requests"][number]["zeroShotEstimate"],
    })),
  };
}
