import "server-only";
import { createGenerationRequest, createSweep, findProjectTask, getPrisma, latestSweep, sumLlmCalls } from "@alchemist/db";
import { storedSweepSchema, sweepChartSvg, type StoredSweep } from "@alchemist/engine";
import { QUEUES, type SweepGrid } from "@alchemist/jobs";
import { estimateGenerationForProject } from "@/features/generate";
import { enqueueJob } from "@/features/jobs";
import { AppError } from "@/lib/app-error";
import type { SweepInput } from "./sweep-input";

// the worker reads the same values from the request's params (its defaults)
const REPAIR_ROUNDS = 2;
const MAX_TOKENS = 1500;

/**
 * What the grid can cost at most before anything is asked: per info kind, the engine's estimate of
 * the largest count's prompts (every repair round used), once per temperature, plus the zero-shot
 * sample at its share of labeling every row. Cached answers make a repeated grid cheaper.
 *
 * @example
 * const { atMostUsd, calls } = await estimateSweep(input);
 */
export async function estimateSweep(input: SweepInput): Promise<{ atMostUsd: number; calls: number; spentUsd: number; budgetUsd: number | null }> {
  const db = getPrisma();
  const task = await findProjectTask(db, input.projectId);
  if (!task) throw new AppError("BAD_REQUEST", "Define the task first: a sweep writes programs for it");
  const language = task.language === "PYTHON" ? "python" : "javascript";
  const n = Math.max(...input.programs);
  let atMostUsd = 0;
  let calls = 0;
  let view;
  for (const info of input.info) {
    view = await estimateGenerationForProject(db, {
      projectId: input.projectId,
      provider: input.provider,
      model: input.model,
      n,
      infoKinds: info === "none" ? [] : [info],
      temperatures: [0.7],
      language,
      repairRounds: REPAIR_ROUNDS,
      maxTokens: MAX_TOKENS,
    });
    atMostUsd += view.programs.atMost.costUsd * input.temperatures.length;
    calls += view.programs.atMost.calls * input.temperatures.length;
  }
  const zeroShot = view!.zeroShot;
  const sample = Math.min(input.zeroShotSample, zeroShot.rows);
  if (zeroShot.rows > 0) atMostUsd += (zeroShot.costUsd * sample) / zeroShot.rows;
  return { atMostUsd, calls: calls + sample, spentUsd: view!.spentUsd, budgetUsd: view!.projectBudgetUsd };
}

/**
 * Starts a sweep: prices the grid, refuses when it could not fit in what is left of the project's
 * LLM budget, then records a GenerationRequest (the calls are booked on it) and a Sweep with the
 * grid, and queues its `sweep` job (job id = sweep id). Nothing is written when it refuses.
 *
 * @example
 * const { sweepId } = await startSweep(input, actor.userId);
 */
export async function startSweep(input: SweepInput, actorId: string): Promise<{ sweepId: string; atMostUsd: number }> {
  const db = getPrisma();
  const estimate = await estimateSweep(input);
  const spent = await sumLlmCalls(db, { projectId: input.projectId });
  const budgetUsd = estimate.budgetUsd;
  if (budgetUsd !== null && spent.costUsd + estimate.atMostUsd > budgetUsd) {
    throw new AppError(
      "BAD_REQUEST",
      `this grid could cost up to $${estimate.atMostUsd.toFixed(4)} and $${Math.max(0, budgetUsd - spent.costUsd).toFixed(4)} of the project's LLM budget is left; pick fewer cells or programs, or raise the budget on the Costs page`,
    );
  }
  const task = await findProjectTask(db, input.projectId);
  const grid: SweepGrid = { programs: input.programs, info: input.info, temperatures: input.temperatures, zeroShotSample: input.zeroShotSample };
  const request = await createGenerationRequest(db, {
    projectId: input.projectId,
    provider: input.provider,
    model: input.model,
    n: Math.max(...input.programs),
    language: task!.language,
    params: { repairRounds: REPAIR_ROUNDS, maxTokens: MAX_TOKENS, temperatures: input.temperatures },
    budgetUsd,
  });
  let sweep;
  try {
    sweep = await createSweep(db, { projectId: input.projectId, generationRequestId: request.id, grid });
  } catch (error) {
    // a sweep already running: the request this click wrote goes too
    await db.generationRequest.delete({ where: { id: request.id } });
    throw error;
  }
  await enqueueJob(QUEUES.sweep, { projectId: input.projectId, sweepId: sweep.id, actorId }, { jobId: sweep.id });
  return { sweepId: sweep.id, atMostUsd: estimate.atMostUsd };
}

/**
 * The sweep panel: the project's newest sweep (status, error), its stored result and the engine's
 * chart of test F1 against programs and against cost, next to the zero-shot baseline.
 *
 * @example
 * const { status, result, chartSvg } = await getSweepData(projectId);
 */
export async function getSweepData(
  projectId: string,
): Promise<{ status: string | null; error: string | null; result: StoredSweep | null; chartSvg: string | null }> {
  const row = await latestSweep(getPrisma(), projectId);
  if (!row) return { status: null, error: null, result: null, chartSvg: null };
  const parsed = row.result === null ? null : storedSweepSchema.safeParse(row.result);
  const result = parsed?.success ? parsed.data : null;
  const chartSvg = result && result.points.some((p) => p.test.f1 !== null) ? sweepChartSvg(result.points, result.baseline) : null;
  return { status: row.status, error: row.error, result, chartSvg };
}
