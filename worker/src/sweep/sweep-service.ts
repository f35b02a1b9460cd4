import {
  callCostUsd,
  CostLedger,
  estimateZeroShotCost,
  evaluatePredictions,
  evaluationSplit,
  generatePrograms,
  seededShuffle,
  storedSweepSchema,
  sweepGrid,
  zeroShotLabel,
  type InfoKind,
  type LlmProvider,
  type ProgramRunner,
  type StoredSweep,
} from "@alchemist/engine";
import {
  completeGenerationRequest,
  DomainError,
  endGenerationRequest,
  endSweep,
  getGenerationRequest,
  getSweep,
  recordLlmCalls,
  redactSecrets,
  startGenerationRequest,
  sumLlmCalls,
  toEngineLanguage,
  type Db,
} from "@alchemist/db";
import { parseGenerationParams, SweepGrid, type SweepPayload } from "@alchemist/jobs";
import { assertJobActor } from "../assert-job-actor";
import { bookedId } from "../generate-programs/attempt-records";
import { bookingProvider } from "../generate-programs/booking-provider";
import { loadGenerationInputs } from "../generate-programs/load-generation-inputs";
import { loadPromptExtras } from "../generate-programs/load-prompt-extras";
import { requestGenerationOptions } from "../generate-programs/request-generation-options";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { createProjectLlmProvider } from "../llm/project-credentials";
import type { ReportProgress } from "../tracked-job";

export interface SweepResult extends Record<string, unknown> {
  readonly sweepId: string;
  readonly points: number;
  readonly calls: number;
  readonly costUsd: number;
}

/** What the sweep needs from the worker: the database, a runner and the LLM config (cache dir, keys). */
export interface SweepDeps {
  readonly db: Db;
  readonly runner: ProgramRunner;
  readonly llm: WorkerLlmConfig;
}

const summary = (id: string, stored: StoredSweep): SweepResult => ({
  sweepId: id,
  points: stored.points.length,
  calls: stored.spent.calls,
  costUsd: stored.spent.costUsd,
});

/**
 * The studio's ablation sweep: the engine's `sweepGrid` on the project's newest dataset with the
 * project's provider (the worker's answer cache, so a repeated grid costs nothing), every call
 * booked on the sweep's GenerationRequest as it arrives (cell-prefixed attempt ids, cached answers
 * at $0), the project's LLM budget left as the ledger's limit; then the zero-shot baseline on a
 * seeded sample of test rows, and the result stored through `storedSweepSchema`. No program is
 * stored: a sweep measures, it does not change the project. A sweep that succeeded returns what it stored.
 *
 * @example
 * const result = await sweepService({ db: prisma, runner, llm }, payload, { report });
 */
export async function sweepService(deps: SweepDeps, payload: SweepPayload, o: { report: ReportProgress; signal?: AbortSignal }): Promise<SweepResult> {
  const { db } = deps;
  await assertJobActor(db, payload, "edit");
  const row = await getSweep(db, payload.sweepId);
  if (!row || row.projectId !== payload.projectId)
    throw new DomainError("NOT_FOUND", `sweep ${payload.sweepId} does not exist in project ${payload.projectId}`);
  if (row.status === "SUCCEEDED") return summary(row.id, storedSweepSchema.parse(row.result));
  const request = await getGenerationRequest(db, row.generationRequestId);
  if (!request) throw new Error(`sweep ${row.id}: generation request ${row.generationRequestId} does not exist`);
  const grid = SweepGrid.parse(row.grid);
  await endSweep(db, row.id, { status: "RUNNING" });
  const { tries } = await startGenerationRequest(db, request.id);
  const book = { projectId: row.projectId, generationRequestId: request.id, tryNumber: tries };
  let redact = (text: string): string => redactSecrets(text, [deps.llm.openaiApiKey, deps.llm.anthropicApiKey]);
  try {
    const spent = await sumLlmCalls(db, { projectId: row.projectId });
    if (request.budgetUsd !== null && spent.costUsd >= request.budgetUsd)
      throw new DomainError(
        "CONFLICT",
        `project LLM budget of $${request.budgetUsd.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent in ${spent.calls} calls); raise the budget to run a sweep`,
      );
    const params = parseGenerationParams(request.params);
    await o.report(2, "sweep: loading the task and the dataset");
    const { task: loaded, datasetId, rows } = await loadGenerationInputs(db, row.projectId, o.signal);
    const language = toEngineLanguage(request.language);
    const task = { ...loaded, language };
    const extras = await loadPromptExtras(db, row.projectId, task);
    const built = await createProjectLlmProvider(db, row.projectId, request.provider, deps.llm, params.seed);
    redact = built.credentials.redact;
    if (!built.provider)
      throw new DomainError(
        "INVALID",
        "a sweep compares LLM-written programs: pick an LLM provider (the builtin synthesizer has no info kinds or temperatures)",
      );
    const inner: LlmProvider = built.provider;
    const ledger = new CostLedger(request.budgetUsd === null ? {} : { budgetUsd: request.budgetUsd - spent.costUsd });
    const split = evaluationSplit(
      rows.map((r) => r.split),
      rows.map((r) => r.gold),
    );
    const cellsTotal = grid.info.length * grid.temperatures.length;
    const { cells, points } = await sweepGrid({
      task,
      rows,
      split,
      runner: deps.runner,
      seed: params.seed,
      grid,
      ...(o.signal ? { signal: o.signal } : {}),
      costOf: (a) => callCostUsd(a.model, a.inputTokens, a.outputTokens, ledger.prices),
      generate: async ({ info, temperature, n, index }) => {
        const infoKinds: InfoKind[] = info === "none" ? [] : [info as InfoKind];
        await o.report(5 + (80 * index) / cellsTotal, `sweep cell ${index + 1} of ${cellsTotal} (info ${info}, temperature ${temperature}): ${n} programs`);
        const provider = bookingProvider(inner, { db, task, infoKinds, prices: ledger.prices, ...book, attemptPrefix: `${info}@${temperature}/` });
        return generatePrograms({
          task,
          rows,
          provider,
          model: request.model,
          runner: deps.runner,
          ledger,
          n,
          language,
          temperatures: [temperature],
          infoKinds,
          ...requestGenerationOptions(params, extras),
          seed: params.seed,
          ...(o.signal ? { signal: o.signal } : {}),
        });
      },
    });
    const estimate = estimateZeroShotCost({ task, rows, model: request.model, prices: ledger.prices });
    const baseline = { name: "zero-shot", f1: null as number | null, costUsd: estimate.costUsd, rows: 0 };
    const test = rows.filter((r) => r.split === "test" && r.gold !== undefined && r.gold >= 0);
    const sample = seededShuffle(test, params.seed).slice(0, grid.zeroShotSample);
    if (sample.length > 0) {
      await o.report(88, `sweep: zero-shot baseline on ${sample.length} test rows`);
      let call = 0;
      const booked: LlmProvider = {
        name: inner.name,
        async complete(req) {
          const id = `zero-shot/${bookedId(`z${call++}`, tries)}`;
          const response = await inner.complete(req);
          const cached = response.cached === true;
          await recordLlmCalls(db, [
            {
              projectId: book.projectId,
              generationRequestId: book.generationRequestId,
              attemptId: id,
              purpose: "ZERO_SHOT",
              provider: inner.name,
              model: req.model,
              inputTokens: response.inputTokens,
              outputTokens: response.outputTokens,
              costUsd: cached ? 0 : callCostUsd(req.model, response.inputTokens, response.outputTokens, ledger.prices),
              cached,
            },
          ]);
          return response;
        },
      };
      // one at a time: the ids above follow the sample's order, so a retry books the same rows under the same ids
      const z = await zeroShotLabel({
        task,
        rows: sample,
        provider: booked,
        model: request.model,
        ledger,
        concurrency: 1,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      baseline.f1 = evaluatePredictions(
        Int32Array.from(sample, (r) => r.gold!),
        z.predictions,
        task.classes.length,
      ).f1;
      baseline.rows = sample.length;
    }
    const totals = ledger.totals();
    const stored = storedSweepSchema.parse({
      grid: { programs: grid.programs, info: grid.info, temperatures: grid.temperatures, model: request.model, provider: request.provider },
      cells,
      points,
      baseline,
      spent: { calls: totals.calls, cachedCalls: totals.cachedCalls, costUsd: totals.costUsd },
    });
    await completeGenerationRequest(db, request.id, {
      datasetId,
      programs: [],
      failedSlots: cells.reduce((s, c) => s + c.failedSlots, 0),
      stoppedBy: null,
      attempts: [],
      zeroShotEstimate: null,
    });
    await endSweep(db, row.id, { status: "SUCCEEDED", result: stored });
    await o.report(100, `sweep: ${points.length} points from ${cells.length} cells, ${totals.calls} calls ($${totals.costUsd.toFixed(4)})`);
    return summary(row.id, stored);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    const status = o.signal?.aborted ? "CANCELLED" : "FAILED";
    await endGenerationRequest(db, request.id, status, message, []);
    await endSweep(db, row.id, { status, error: message });
    if (error instanceof Error && error.message !== message) throw Object.assign(new Error(message), { name: error.name });
    throw error;
  }
}
