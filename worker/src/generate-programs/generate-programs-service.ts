import {
  builtinGeneration,
  costComparison,
  CostLedger,
  estimateZeroShotCost,
  generatePrograms,
  type GenerationAttempt,
  type GenerationResult,
  type InfoKind,
  type ProgramRunner,
} from "@alchemist/engine";
import {
  completeGenerationRequest,
  endGenerationRequest,
  freeProgramNames,
  getGenerationRequest,
  recordLlmCalls,
  redactSecrets,
  startGenerationRequest,
  sumLlmCalls,
  toDbLanguage,
  toEngineLanguage,
  type Db,
} from "@alchemist/db";
import { parseGenerationParams, type GenerateProgramsPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { attemptSummary, ledgerRow, programProvenance } from "./attempt-records";
import { bookingProvider } from "./booking-provider";
import { loadGenerationInputs } from "./load-generation-inputs";
import { loadPromptExtras } from "./load-prompt-extras";
import { requestGenerationOptions } from "./request-generation-options";
import { createProjectLlmProvider } from "../llm/project-credentials";
import type { WorkerLlmConfig } from "./worker-llm";
import { assertJobActor } from "../assert-job-actor";

export interface GenerateProgramsResult extends Record<string, unknown> {
  readonly generationRequestId: string;
  readonly programs: number;
  readonly calls: number;
  readonly costUsd: number;
  readonly comparison: string | null;
}

const summary = (r: { id: string; programs: number; calls: number; costUsd: number; zeroShotEstimate: unknown }): GenerateProgramsResult => ({
  generationRequestId: r.id,
  programs: r.programs,
  calls: r.calls,
  costUsd: r.costUsd,
  comparison: (r.zeroShotEstimate as { comparison?: string } | null)?.comparison ?? null,
});

/**
 * Runs one GenerationRequest: refuses when the project's ledger already reached the budget,
 * generates with the engine (LLM or builtin) under the remaining budget, books every call in the
 * ledger as soon as its answer arrives (`bookingProvider`), and stores accepted programs with provenance, totals and the zero-shot
 * estimate. A request that already succeeded returns its stored summary and calls nothing.
 *
 * @example
 * const result = await generateProgramsService({ db: prisma, runner, llm }, payload, { report });
 */
export async function generateProgramsService(
  deps: { db: Db; runner: ProgramRunner; llm: WorkerLlmConfig },
  payload: GenerateProgramsPayload,
  o: { report: ReportProgress; signal?: AbortSignal },
): Promise<GenerateProgramsResult> {
  const { db } = deps;
  await assertJobActor(db, payload, "edit");
  const request = await getGenerationRequest(db, payload.generationRequestId);
  if (!request || request.projectId !== payload.projectId)
    throw new Error(`generation request ${payload.generationRequestId} does not exist in project ${payload.projectId}`);
  if (request.status === "SUCCEEDED") return summary(request);
  const spent = await sumLlmCalls(db, { projectId: request.projectId });
  if (request.budgetUsd !== null && spent.costUsd >= request.budgetUsd) {
    const message = `project LLM budget of $${request.budgetUsd.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent in ${spent.calls} calls); raise the budget to generate more`;
    await endGenerationRequest(db, request.id, "FAILED", message);
    throw new Error(message);
  }
  const { tries } = await startGenerationRequest(db, request.id);
  const book = { projectId: request.projectId, generationRequestId: request.id, tryNumber: tries };
  const seen: GenerationAttempt[] = [];
  let booking: Promise<unknown> = Promise.resolve();
  // until the key is known, still strip anything shaped like a provider key
  let redact = (text: string): string => redactSecrets(text, [deps.llm.openaiApiKey, deps.llm.anthropicApiKey]);
  try {
    const params = parseGenerationParams(request.params);
    await o.report(2, "loading task and dataset");
    const { task, datasetId, rows } = await loadGenerationInputs(db, request.projectId, o.signal);
    const extras = await loadPromptExtras(db, request.projectId, task);
    const language = toEngineLanguage(request.language);
    // the project's own key (decrypted here, at run time) or the worker's env keys; never in the payload
    const built = await createProjectLlmProvider(db, request.projectId, request.provider, deps.llm, params.seed);
    redact = built.credentials.redact;
    const ledger = new CostLedger(request.budgetUsd === null ? {} : { budgetUsd: request.budgetUsd - spent.costUsd });
    // every answered call is booked before the engine uses it, so a kill mid-generation loses no spend
    const provider =
      built.provider &&
      bookingProvider(built.provider, { db, task: { ...task, language }, infoKinds: request.infoKinds as InfoKind[], prices: ledger.prices, ...book });
    await o.report(5, `generating ${request.n} programs with ${request.provider} ${request.model}`);
    let result: GenerationResult;
    if (!provider) result = builtinGeneration({ task, rows, language, seedSize: params.seedSize, seed: params.seed, maxPrograms: request.n });
    else {
      result = await generatePrograms({
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
        seed: params.seed,
        ...(params.twoStage ? { twoStage: true } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        onProgress: ({ done, total, attempt }) => {
          seen.push(attempt);
          // the provider already booked the call; this (idempotent) booking is kept as a backstop
          booking = booking
            .then(() => recordLlmCalls(db, [ledgerRow(attempt, book)]))
            .then(() =>
              o.report(
                5 + (90 * Math.min(done, total)) / total,
                `${done} of ${total}: ${attempt.id} ${attempt.verdict?.ok ? "accepted" : `rejected (${attempt.verdict?.reason ?? "?"})`}`,
              ),
            );
        },
      });
    }
    await booking;
    await recordLlmCalls(
      db,
      result.attempts.map((a) => ledgerRow(a, book)),
    );
    const requestCost = (await sumLlmCalls(db, { generationRequestId: request.id })).costUsd;
    const estimateModel = provider ? request.model : "gpt-4o-mini";
    const estimate = estimateZeroShotCost({
      task,
      rows,
      model: estimateModel,
      prices: ledger.prices,
      ...(extras.template.zeroShot ? { template: extras.template.zeroShot } : {}),
    });
    // readable names (gen_01_keywords, then gen_01_keywords_2 on the next request), no random suffix
    const names = await freeProgramNames(
      db,
      request.projectId,
      result.programs.map((p) => p.name),
    );
    const programs = result.programs.map((p) => ({
      name: names.get(p.name)!,
      language: toDbLanguage(p.language),
      functionName: p.functionName,
      source: p.source,
      provenance: programProvenance(p, result.attempts, book),
    }));
    const done = await completeGenerationRequest(db, request.id, {
      datasetId,
      programs,
      failedSlots: result.failedSlots,
      stoppedBy: result.stoppedBy ?? null,
      attempts: result.attempts.map((a) => attemptSummary(a, tries)),
      zeroShotEstimate: { model: estimateModel, ...estimate, comparison: costComparison(requestCost, estimate) },
    });
    return summary(done);
  } catch (error) {
    await booking.catch(() => undefined);
    // provider errors may echo the key (a 401 quoting it, a proxy's debug page): stored and rethrown redacted,
    // so neither GenerationRequest.error nor Job.error nor the worker's log can carry it
    const message = redact(error instanceof Error ? error.message : String(error));
    await endGenerationRequest(
      db,
      request.id,
      o.signal?.aborted ? "CANCELLED" : "FAILED",
      message,
      seen.map((a) => attemptSummary(a, tries)),
    );
    if (error instanceof Error && error.message !== message) throw Object.assign(new Error(message), { name: error.name });
    throw error;
  }
}
