import "server-only";
import {
  createGenerationRequest,
  createImprovementRound,
  findProjectTask,
  getPrisma,
  latestSucceededRound,
  listImprovementRounds,
  sumLlmCalls,
} from "@alchemist/db";
import { roundsChartSvg, storedRoundSchema, type RoundReport } from "@alchemist/engine";
import { QUEUES } from "@alchemist/jobs";
import { enqueueJob } from "@/features/jobs";
import { AppError } from "@/lib/app-error";
import type { NextRoundInput } from "./next-round-input";

/**
 * "Next round": records a GenerationRequest (provider, model, programs per round, the project's
 * budget) and an ImprovementRound on the project's newest finished run, then queues its
 * `improve-round` job (job id = round id). Refuses before writing anything when there is no
 * finished run, an apply is still running (the round would aim at an old run) or the budget is spent.
 *
 * @example
 * const { roundId, round } = await startNextRound(input, actor.userId);
 */
export async function startNextRound(input: NextRoundInput, actorId: string): Promise<{ roundId: string; round: number }> {
  const db = getPrisma();
  const [task, baseRun, applying, project, spent] = await Promise.all([
    findProjectTask(db, input.projectId),
    db.run.findFirst({ where: { projectId: input.projectId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, select: { id: true } }),
    db.job.findFirst({ where: { projectId: input.projectId, queue: QUEUES.applyPrograms, status: { in: ["QUEUED", "RUNNING"] } }, select: { runId: true } }),
    db.project.findUnique({ where: { id: input.projectId }, select: { llmBudgetUsd: true } }),
    sumLlmCalls(db, { projectId: input.projectId }),
  ]);
  if (!task) throw new AppError("BAD_REQUEST", "Define the task first: a round writes programs for it");
  if (!baseRun) throw new AppError("BAD_REQUEST", "Apply programs first: a round aims at the weak spots of the newest finished run");
  if (applying)
    throw new AppError(
      "CONFLICT",
      `Programs are being applied (run ${applying.runId ?? "?"}); start the round when that run has finished, so it aims at the newest votes`,
    );
  const budgetUsd = project?.llmBudgetUsd ?? null;
  if (budgetUsd !== null && spent.costUsd >= budgetUsd)
    throw new AppError(
      "BAD_REQUEST",
      `the project's LLM budget of $${budgetUsd.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent); raise it on the Costs page`,
    );
  const request = await createGenerationRequest(db, {
    projectId: input.projectId,
    provider: input.provider,
    model: input.model,
    n: input.n,
    language: task.language,
    params: {},
    budgetUsd,
  });
  let round;
  try {
    round = await createImprovementRound(db, { projectId: input.projectId, baseRunId: baseRun.id, generationRequestId: request.id, prune: input.prune });
  } catch (error) {
    // a round already running: the request this click wrote goes too, nothing is left half-made
    await db.generationRequest.delete({ where: { id: request.id } });
    throw error;
  }
  await enqueueJob(QUEUES.improveRound, { projectId: input.projectId, improvementRoundId: round.id, actorId }, { jobId: round.id });
  return { roundId: round.id, round: round.round };
}

/** One line of the rounds table: a finished round (or the base it started from), a running one or a failed one. */
export interface RoundRow {
  readonly round: number;
  readonly status: string;
  readonly kept: boolean | null;
  readonly aimedAt: RoundReport["focus"];
  readonly programsAdded: number | null;
  readonly programs: number | null;
  readonly coverage: number | null;
  readonly devF1: number | null;
  readonly devAccuracy: number | null;
  readonly calls: number | null;
  readonly costUsd: number | null;
  readonly added: readonly string[];
  readonly stoppedBy: string | null;
  readonly error: string | null;
}

const fromReport = (r: RoundReport, status: string): RoundRow => ({
  round: r.round,
  status,
  kept: r.kept,
  aimedAt: r.focus,
  programsAdded: r.programsAdded,
  programs: r.programs,
  coverage: r.coverage,
  devF1: r.devF1,
  devAccuracy: r.devAccuracy,
  calls: r.calls,
  costUsd: r.costUsd,
  added: r.added,
  stoppedBy: r.stoppedBy ?? null,
  error: null,
});

/**
 * The rounds panel: every round of the project (round 1 = the programs the first round started
 * from, as that round scored them), the per-round chart (engine `roundsChartSvg`: dev F1 and
 * coverage, rounds not kept dashed) and whether a round is running.
 *
 * @example
 * const { rows, chartSvg, running } = await getRoundsData(projectId);
 */
export async function getRoundsData(projectId: string): Promise<{ rows: RoundRow[]; chartSvg: string | null; running: boolean }> {
  const rounds = await listImprovementRounds(getPrisma(), projectId);
  const rows: RoundRow[] = [];
  const reports: RoundReport[] = [];
  for (const r of rounds) {
    const parsed = r.report === null ? null : storedRoundSchema.safeParse(r.report);
    if (parsed?.success) {
      if (reports.length === 0) {
        rows.push(fromReport(parsed.data.base, "SUCCEEDED"));
        reports.push(parsed.data.base);
      }
      rows.push(fromReport(parsed.data.round, r.status));
      reports.push(parsed.data.round);
    } else {
      rows.push({
        round: r.round,
        status: r.status,
        kept: null,
        aimedAt: null,
        programsAdded: null,
        programs: null,
        coverage: null,
        devF1: null,
        devAccuracy: null,
        calls: null,
        costUsd: null,
        added: [],
        stoppedBy: null,
        error: r.error,
      });
    }
  }
  return { rows, chartSvg: reports.length > 1 ? roundsChartSvg(reports) : null, running: rounds.some((r) => r.status === "QUEUED" || r.status === "RUNNING") };
}

/** A program the newest round's pruning flagged, and why. */
export interface ProgramPruneFlag {
  readonly round: number;
  readonly reason: "below-chance" | "leave-one-out";
  readonly detail: string;
  readonly disabled: boolean;
}

/**
 * The prune flags of the project's newest finished round, by program name, for the programs list.
 *
 * @example
 * const flags = await getPruneFlags(projectId); // { gen_03_plain_x1y2z3: { reason: "below-chance", ... } }
 */
export async function getPruneFlags(projectId: string): Promise<Record<string, ProgramPruneFlag>> {
  const round = await latestSucceededRound(getPrisma(), projectId);
  const parsed = round ? storedRoundSchema.safeParse(round.report) : null;
  if (!round || !parsed?.success) return {};
  return Object.fromEntries(parsed.data.pruning.map((f) => [f.program, { round: round.round, reason: f.reason, detail: f.detail, disabled: f.disabled }]));
}
