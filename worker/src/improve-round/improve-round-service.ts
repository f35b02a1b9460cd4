import {
  CostLedger,
  evaluationSplit,
  generatePrograms,
  improveRounds,
  pruneFlags,
  storedRoundSchema,
  type GenerationAttempt,
  type GenerationResult,
  type InfoKind,
  type ProgramRunner,
  type RoundReport,
  type StoredRound,
} from "@alchemist/engine";
import {
  completeGenerationRequest,
  createRun,
  DomainError,
  endGenerationRequest,
  endImprovementRound,
  freeProgramNames,
  getGenerationRequest,
  getImprovementRound,
  getRun,
  jobRows,
  recordAudit,
  recordLlmCalls,
  redactSecrets,
  runEnginePrograms,
  startGenerationRequest,
  sumLlmCalls,
  toDbLanguage,
  toEngineLanguage,
  type Db,
} from "@alchemist/db";
import { QUEUES, applyProgramsJobId, enqueue, parseGenerationParams, type ImproveRoundPayload, type JobQueue } from "@alchemist/jobs";
import { assertJobActor } from "../assert-job-actor";
import { attemptSummary, ledgerRow, programProvenance } from "../generate-programs/attempt-records";
import { bookingProvider } from "../generate-programs/booking-provider";
import { loadGenerationInputs } from "../generate-programs/load-generation-inputs";
import { loadPromptExtras } from "../generate-programs/load-prompt-extras";
import { requestGenerationOptions } from "../generate-programs/request-generation-options";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { createProjectLlmProvider } from "../llm/project-credentials";
import type { ReportProgress } from "../tracked-job";

export interface ImproveRoundResult extends Record<string, unknown> {
  readonly improvementRoundId: string;
  readonly round: number;
  readonly kept: boolean;
  readonly programsAdded: number;
  readonly nextRunId: string | null;
}

/** What the round needs from the worker: the database, a runner, the LLM config and (main process) the apply queue. */
export interface ImproveRoundDeps {
  readonly db: Db;
  readonly runner: ProgramRunner;
  readonly llm: WorkerLlmConfig;
  /** Where the kept round's run is queued; without it the user applies the programs from the studio. */
  readonly applyQueue?: JobQueue | undefined;
}

const summary = (id: string, stored: StoredRound, nextRunId: string | null): ImproveRoundResult => ({
  improvementRoundId: id,
  round: stored.round.round,
  kept: stored.round.kept,
  programsAdded: stored.round.programsAdded,
  nextRunId,
});

/**
 * The studio's "Next round": the engine's `improveRounds` with two rounds, starting from the
 * base run's programs (round 1: applied, scored on dev) and asking the LLM for programs aimed at
 * their weak spots (round 2: uncovered / unsure / conflicting rows, dev errors, weak classes).
 * Every call is booked on the round's GenerationRequest as it arrives; the programs a kept round
 * adds are stored (enabled) with their provenance and a run with them is queued, so the
 * analysis, review and the next round see them. A round that does not improve the dev metric
 * stores its report and no program. A round that already succeeded returns what it stored.
 *
 * @example
 * const result = await improveRoundService({ db: prisma, runner, llm, applyQueue }, payload, { report });
 */
export async function improveRoundService(
  deps: ImproveRoundDeps,
  payload: ImproveRoundPayload,
  o: { report: ReportProgress; signal?: AbortSignal },
): Promise<ImproveRoundResult> {
  const { db } = deps;
  await assertJobActor(db, payload, "edit");
  const row = await getImprovementRound(db, payload.improvementRoundId);
  if (!row || row.projectId !== payload.projectId)
    throw new DomainError("NOT_FOUND", `round ${payload.improvementRoundId} does not exist in project ${payload.projectId}`);
  if (row.status === "SUCCEEDED") return summary(row.id, storedRoundSchema.parse(row.report), row.nextRunId);
  const [request, baseRun] = await Promise.all([getGenerationRequest(db, row.generationRequestId), getRun(db, row.baseRunId)]);
  if (!request) throw new Error(`round ${row.id}: generation request ${row.generationRequestId} does not exist`);
  if (!baseRun) throw new DomainError("NOT_FOUND", `round ${row.round}: run ${row.baseRunId} was deleted; start the round again from the newest run`);
  // killed after its programs were stored: the stored report finishes it, nothing is asked again
  const saved = row.report === null ? null : storedRoundSchema.safeParse(row.report);
  if (request.status === "SUCCEEDED" && saved?.success) return finishRound(deps, payload, row, saved.data, request.datasetId!, o.report);
  await endImprovementRound(db, row.id, { status: "RUNNING" });
  const { tries } = await startGenerationRequest(db, request.id);
  const book = { projectId: row.projectId, generationRequestId: request.id, tryNumber: tries };
  const seen: GenerationAttempt[] = [];
  let redact = (text: string): string => redactSecrets(text, [deps.llm.openaiApiKey, deps.llm.anthropicApiKey]);
  try {
    const spent = await sumLlmCalls(db, { projectId: row.projectId });
    if (request.budgetUsd !== null && spent.costUsd >= request.budgetUsd)
      throw new DomainError(
        "CONFLICT",
        `project LLM budget of $${request.budgetUsd.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent in ${spent.calls} calls); raise the budget to run another round`,
      );
    const params = parseGenerationParams(request.params);
    await o.report(2, `round ${row.round}: loading the task, the dataset and run ${baseRun.id}'s programs`);
    const { task, datasetId, rows } = await loadGenerationInputs(db, row.projectId, o.signal);
    if (datasetId !== baseRun.datasetId)
      throw new DomainError(
        "CONFLICT",
        `run ${baseRun.id} labeled an older dataset than the newest one; apply the programs to the newest dataset, then start the round`,
      );
    const [extras, initial] = await Promise.all([loadPromptExtras(db, row.projectId, task), runEnginePrograms(db, baseRun)]);
    const language = toEngineLanguage(request.language);
    const built = await createProjectLlmProvider(db, row.projectId, request.provider, deps.llm, params.seed);
    redact = built.credentials.redact;
    if (!built.provider)
      throw new DomainError("INVALID", "a round asks an LLM for programs aimed at the weak spots: pick an LLM provider (the builtin synthesizer cannot aim)");
    const ledger = new CostLedger(request.budgetUsd === null ? {} : { budgetUsd: request.budgetUsd - spent.costUsd });
    const provider = bookingProvider(built.provider, {
      db,
      task: { ...task, language },
      infoKinds: request.infoKinds as InfoKind[],
      prices: ledger.prices,
      ...book,
    });
    const split = evaluationSplit(
      rows.map((r) => r.split),
      rows.map((r) => r.gold),
    );
    // reviewers' dev labels (the "likely errors" queue's corrections among them) become the round's exemplars
    const reviewed = await db.row.findMany({
      where: { datasetId, split: "DEV", goldSource: "REVIEW", gold: { not: null } },
      select: { index: true, gold: true },
      orderBy: { index: "asc" },
      take: 200,
    });
    const corrections = reviewed.map((r) => ({ row: r.index, label: r.gold! }));
    let generation: GenerationResult | undefined;
    await o.report(5, `round ${row.round}: applying the ${initial.length} programs of run ${baseRun.id} and finding their weak spots`);
    const result = await improveRounds({
      task,
      rows,
      runner: deps.runner,
      split,
      seed: params.seed,
      rounds: 2,
      initial,
      ledger,
      corrections,
      ...(o.signal ? { signal: o.signal } : {}),
      generate: async (aim) =>
        (generation = await generatePrograms({
          task,
          rows,
          provider,
          model: request.model,
          runner: deps.runner,
          ledger,
          n: request.n,
          language,
          temperatures: params.temperatures,
          infoKinds: request.infoKinds as InfoKind[],
          ...requestGenerationOptions(params, extras),
          seed: params.seed + row.round,
          focus: aim.focus,
          namePrefix: `r${row.round}_`,
          ...(o.signal ? { signal: o.signal } : {}),
          onProgress: ({ done, total, attempt }) => {
            seen.push(attempt);
            void o.report(
              20 + (60 * Math.min(done, total)) / total,
              `round ${row.round}: ${done} of ${total} aimed programs: ${attempt.id} ${attempt.verdict?.ok ? "accepted" : `rejected (${attempt.verdict?.reason ?? "?"})`}`,
            );
          },
        })),
      onRound: (r) =>
        void o.report(
          r.round === 1 ? 15 : 85,
          r.round === 1
            ? `round ${row.round - 1} (run ${baseRun.id}): dev F1 ${r.devF1?.toFixed(3) ?? "-"}, coverage ${(r.coverage * 100).toFixed(1)}%`
            : `round ${row.round}: ${r.kept ? `kept, ${r.programsAdded} program(s) added` : `not kept (${r.stoppedBy ?? "no improvement"})`}`,
        ),
    });
    const renumber = (r: RoundReport, round: number): RoundReport => ({ ...r, round });
    const attempts = generation?.attempts ?? [];
    await recordLlmCalls(
      db,
      attempts.map((a) => ledgerRow(a, book)),
    );
    // the round's new programs get readable free names (gen_01_keywords_2), as generation names them
    const fresh = await freeProgramNames(
      db,
      request.projectId,
      (generation?.programs ?? []).map((p) => p.name),
    );
    const storedName = (name: string): string => fresh.get(name) ?? name;
    const kept = result.rounds.filter((r) => r.kept).at(-1)!;
    await o.report(88, `round ${row.round}: checking every program for pruning (below chance on dev, leave-one-out)`);
    const flags = pruneFlags(result.L, split, { k: task.classes.length, seed: params.seed, model: kept.labelModel });
    const pruning = flags.map((f) => ({ program: storedName(result.programs[f.column]!.name), reason: f.reason, detail: f.detail, disabled: row.prune }));
    const stored = storedRoundSchema.parse({ base: renumber(result.rounds[0]!, row.round - 1), round: renumber(result.rounds[1]!, row.round), pruning });
    const added = new Set(stored.round.kept ? stored.round.added : []);
    const programs = (generation?.programs ?? [])
      .filter((p) => added.has(p.name))
      .map((p) => ({
        name: storedName(p.name),
        language: toDbLanguage(p.language),
        functionName: p.functionName,
        source: p.source,
        provenance: { ...programProvenance(p, attempts, book), improvementRoundId: row.id, round: row.round, aimedAt: stored.round.focus },
      }));
    // the report goes first: a retry after the programs were stored finishes from it
    await endImprovementRound(db, row.id, { status: "RUNNING", report: stored });
    await completeGenerationRequest(db, request.id, {
      datasetId,
      programs,
      failedSlots: generation?.failedSlots ?? 0,
      stoppedBy: generation?.stoppedBy ?? null,
      attempts: attempts.map((a) => attemptSummary(a, tries)),
      zeroShotEstimate: null,
    });
    return await finishRound(deps, payload, row, stored, datasetId, o.report);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    const status = o.signal?.aborted ? "CANCELLED" : "FAILED";
    await endGenerationRequest(
      db,
      request.id,
      status,
      message,
      seen.map((a) => attemptSummary(a, tries)),
    );
    await endImprovementRound(db, row.id, { status, error: message });
    if (error instanceof Error && error.message !== message) throw Object.assign(new Error(message), { name: error.name });
    throw error;
  }
}

/** After the round's programs are stored: pruning's disables, the run with the new program set, the round SUCCEEDED. */
async function finishRound(
  deps: ImproveRoundDeps,
  payload: ImproveRoundPayload,
  row: { id: string; round: number; prune: boolean },
  stored: StoredRound,
  datasetId: string,
  report: ReportProgress,
): Promise<ImproveRoundResult> {
  const disabled = row.prune ? await disableFlagged(deps.db, payload, stored.pruning) : 0;
  const nextRunId = stored.round.programsAdded > 0 || disabled > 0 ? await queueApply(deps, payload, datasetId) : null;
  await endImprovementRound(deps.db, row.id, { status: "SUCCEEDED", report: stored, nextRunId });
  await report(
    100,
    `round ${row.round}: ${stored.round.kept ? `kept, ${stored.round.programsAdded} program(s) added` : "not kept: the dev metric did not improve"}${disabled ? `, ${disabled} flagged program(s) disabled` : ""}${nextRunId ? `, run ${nextRunId} queued` : ""}`,
  );
  return summary(row.id, stored, nextRunId);
}

/** Disables the flagged programs still enabled, each with an audit event naming the reason; returns how many. */
async function disableFlagged(db: Db, payload: ImproveRoundPayload, pruning: StoredRound["pruning"]): Promise<number> {
  let count = 0;
  for (const flag of pruning) {
    const program = await db.program.findUnique({
      where: { projectId_name: { projectId: payload.projectId, name: flag.program } },
      select: { id: true, enabled: true },
    });
    if (!program?.enabled) continue;
    await db.$transaction(async (tx) => {
      await tx.program.update({ where: { id: program.id }, data: { enabled: false } });
      await recordAudit(tx, {
        projectId: payload.projectId,
        actorId: payload.actorId,
        action: "program.disable",
        targetType: "program",
        targetId: program.id,
        details: { name: flag.program, by: "round pruning", reason: flag.reason, detail: flag.detail },
      });
    });
    count++;
  }
  return count;
}

/** Queues a run with the project's enabled programs (the round's included), unless an apply is already running. */
async function queueApply(deps: ImproveRoundDeps, payload: ImproveRoundPayload, datasetId: string): Promise<string | null> {
  if (!deps.applyQueue) return null;
  const active = await deps.db.job.findFirst({
    where: { projectId: payload.projectId, queue: QUEUES.applyPrograms, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  if (active) return null;
  const run = await createRun(deps.db, { projectId: payload.projectId, datasetId });
  await enqueue(
    { queue: deps.applyQueue, rows: jobRows(deps.db) },
    QUEUES.applyPrograms,
    { projectId: payload.projectId, runId: run.id, datasetId, actorId: payload.actorId },
    { jobId: applyProgramsJobId(run.id), runId: run.id },
  );
  return run.id;
}
