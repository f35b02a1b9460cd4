import {
  buildRefinePrompt,
  compareProgramVersions,
  CostLedger,
  meteredProvider,
  programInput,
  repairLoop,
  validateProgram,
  validationSample,
  type DataRow,
  type Program,
  type ProgramRunner,
  type TaskSpec,
} from "@alchemist/engine";
import {
  addProgramVersion,
  getLatestDataset,
  getProgram,
  getProgramRefinement,
  getProjectTask,
  listPrograms,
  recordLlmCalls,
  sumLlmCalls,
  toDataRow,
  toEngineLanguage,
  toTaskSpec,
  updateProgramRefinement,
  type Db,
} from "@alchemist/db";
import type { RefineMetrics, RefineProgramPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { createProjectLlmProvider } from "../llm/project-credentials";
import { assertJobActor } from "../assert-job-actor";

/** Dev rows the before/after comparison runs on at most (the first ones by row index). */
export const MAX_DEV_ROWS = 20_000;
const TRAIN_POOL = 2_000;
const REPAIR_ROUNDS = 2;
const MAX_TOKENS = 1500;
const SEED = 42;
const totalFaults = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((s, n) => s + n, 0);

export interface RefineProgramResult extends Record<string, unknown> {
  readonly refinementId: string;
  readonly candidateVersion: number | null;
  readonly costUsd: number;
}

async function splitRows(db: Db, datasetId: string, split: "TRAIN" | "DEV", take: number): Promise<DataRow[]> {
  const rows = await db.row.findMany({ where: { datasetId, split }, orderBy: { index: "asc" }, take });
  return rows.map(toDataRow);
}

/**
 * Runs one ProgramRefinement: asks the project's LLM to change the base version as instructed,
 * validates the answer (static check + sample run in the sandbox, up to two repair rounds), books
 * every call in the ledger (purpose REFINE), stores the accepted code as the program's next version
 * (provenance "llm-refine" with parent, instruction, prompt, model, cost, author) and applies both
 * versions with the other enabled programs on the dev split for before/after metrics.
 * A refinement that already finished returns its stored summary and calls nothing.
 *
 * @example
 * const result = await refineProgramService({ db: prisma, runner, llm }, payload, { report });
 */
export async function refineProgramService(
  deps: { db: Db; runner: ProgramRunner; llm: WorkerLlmConfig },
  payload: RefineProgramPayload,
  o: { report: ReportProgress; signal?: AbortSignal },
): Promise<RefineProgramResult> {
  const { db } = deps;
  const refinement = await getProgramRefinement(db, payload.refinementId);
  if (!refinement || refinement.projectId !== payload.projectId || refinement.programId !== payload.programId) {
    throw new Error(`refinement ${payload.refinementId} does not exist for program ${payload.programId} in project ${payload.projectId}`);
  }
  if (refinement.status !== "QUEUED" && refinement.status !== "RUNNING" && refinement.status !== "FAILED") {
    const version = refinement.candidateVersionId
      ? await db.programVersion.findUnique({ where: { id: refinement.candidateVersionId }, select: { version: true } })
      : null;
    return { refinementId: refinement.id, candidateVersion: version?.version ?? null, costUsd: refinement.costUsd };
  }
  await updateProgramRefinement(db, refinement.id, { status: "RUNNING", error: null });
  const attempts: Record<string, unknown>[] = [];
  let costUsd = 0;
  // provider errors may echo a key: everything stored goes through the credentials' redaction
  let redact = (text: string): string => text;
  try {
    // the user who asked must still be allowed to change programs when the job runs
    await assertJobActor(db, payload, "edit");
    await o.report(2, "loading program, task and dataset");
    const program = await getProgram(db, refinement.programId);
    const base = program?.versions.find((v) => v.id === refinement.baseVersionId);
    if (!program || !base) throw new Error(`program ${refinement.programId} or its version ${refinement.baseVersionId} no longer exists`);
    const task: TaskSpec = toTaskSpec(await getProjectTask(db, refinement.projectId));
    const dataset = await getLatestDataset(db, refinement.projectId);
    if (!dataset || dataset.rowCount === 0) throw new Error(`project ${refinement.projectId} has no dataset rows; import a dataset first`);
    const language = toEngineLanguage(base.language);
    const classNames = task.classes.map((c) => c.name);
    const [train, dev] = await Promise.all([splitRows(db, dataset.id, "TRAIN", TRAIN_POOL), splitRows(db, dataset.id, "DEV", MAX_DEV_ROWS)]);
    if (dev.length === 0) throw new Error(`dataset ${dataset.name} has no dev rows: the before/after comparison needs the dev split`);
    const sample = validationSample([...train, ...dev], task, { size: 200, seed: SEED });

    const { provider, credentials } = await createProjectLlmProvider(db, refinement.projectId, refinement.provider, deps.llm, SEED);
    redact = credentials.redact;
    if (!provider) throw new Error("the builtin synthesizer cannot follow instructions; pick an LLM provider (openai, anthropic or openai-compatible)");
    const project = await db.project.findUnique({ where: { id: refinement.projectId }, select: { llmBudgetUsd: true } });
    const spent = await sumLlmCalls(db, { projectId: refinement.projectId });
    const budget = project?.llmBudgetUsd ?? null;
    if (budget !== null && spent.costUsd >= budget)
      throw new Error(`project LLM budget of $${budget.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent); raise the budget to refine programs`);
    const metered = meteredProvider(provider, new CostLedger(budget === null ? {} : { budgetUsd: budget - spent.costUsd }), 1);

    const prompt = buildRefinePrompt({ task, language, source: base.source, instruction: refinement.instruction });
    // a try killed after booking a call but before storing its attempt must not lend its ids to the
    // next try (the ledger's key would then drop the new call's cost), so booked ids count too
    const booked = await db.llmCall.findMany({
      where: { projectId: refinement.projectId, attemptId: { startsWith: `refine:${refinement.id}:t` } },
      select: { attemptId: true },
    });
    const tries =
      1 +
      Math.max(
        0,
        ...(refinement.attempts as { try?: number }[]).map((a) => a.try ?? 1),
        ...booked.map((c) => Number(/:t(\d+):r\d+$/.exec(c.attemptId ?? "")?.[1] ?? 0)),
      );
    let call: { inputTokens: number; outputTokens: number; costUsd: number; cached: boolean } | undefined;
    let rejected = "rejected";
    // The engine's ask-validate-repair loop, as generation uses it; each answered call is booked first.
    const { accepted, last } = await repairLoop({
      first: prompt.user,
      rounds: REPAIR_ROUNDS,
      language,
      functionName: task.functionName,
      name: (round) => `refine_${refinement.id}_r${round}`,
      ask: async (messages, round) => {
        await o.report(10 + round * 20, round === 0 ? `asking ${refinement.provider} ${refinement.model}` : `repair round ${round}: ${rejected}`);
        const response = await metered.complete({
          system: prompt.system,
          messages,
          model: refinement.model,
          temperature: 0.2,
          maxTokens: MAX_TOKENS,
          sampleIndex: round,
          ...(o.signal ? { signal: o.signal } : {}),
        });
        await recordLlmCalls(db, [
          {
            projectId: refinement.projectId,
            purpose: "REFINE",
            attemptId: `refine:${refinement.id}:t${tries}:r${round}`,
            provider: metered.name,
            model: refinement.model,
            inputTokens: response.inputTokens,
            outputTokens: response.outputTokens,
            costUsd: response.costUsd,
            cached: response.cached === true,
          },
        ]);
        costUsd += response.costUsd;
        call = { inputTokens: response.inputTokens, outputTokens: response.outputTokens, costUsd: response.costUsd, cached: response.cached === true };
        return response.text;
      },
      validate: (candidate) => validateProgram(candidate, deps.runner, sample, classNames, {}, o.signal),
      onRound: async ({ round, prompt: asked, response, code, verdict }) => {
        attempts.push({
          id: `refine:${refinement.id}:t${tries}:r${round}`,
          try: tries,
          round,
          prompt: asked,
          response: redact(response),
          code,
          verdict,
          ...call!,
        });
        rejected = verdict.reason ?? "rejected";
        await updateProgramRefinement(db, refinement.id, {
          attempts: [...(refinement.attempts as object[]), ...attempts],
          costUsd: refinement.costUsd + costUsd,
        });
      },
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (!accepted)
      throw new Error(
        `the model's answer was rejected ${REPAIR_ROUNDS + 1} times; last: ${last?.verdict.reason ?? "invalid"}: ${last?.verdict.feedback ?? ""}`.trim(),
      );
    const acceptedSource = accepted.program.source;
    if (acceptedSource.trim() === base.source.trim()) throw new Error("the model returned the program unchanged; rephrase the instruction");

    await o.report(75, `applying v${base.version} and the candidate on ${dev.length} dev rows`);
    const others = (await listPrograms(db, refinement.projectId, { enabledOnly: true })).filter((p) => p.id !== program.id);
    const asProgram = (name: string, v: { language: typeof base.language; functionName: string; source: string }): Program => ({
      name,
      language: toEngineLanguage(v.language),
      functionName: v.functionName,
      source: v.source,
    });
    const before = asProgram(`refine_before_${refinement.id}`, base);
    const after: Program = { name: `refine_after_${refinement.id}`, language, functionName: task.functionName, source: acceptedSource };
    const inputs = dev.map((row) => programInput(row, task.input));
    const { L, meta } = await deps.runner.apply([before, after, ...others.map((p) => asProgram(`${p.name}_v${p.latest.version}`, p.latest))], inputs, {
      classNames,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const gold = dev.map((row) => (row.gold === undefined ? -1 : row.gold));
    const otherColumns = others.map((_, j) => j + 2);

    const chain = `${accepted.round > 0 ? `, repaired ${accepted.round}x` : ""}`;
    const acceptedAttempt = attempts.at(-1)!;
    const version = await addProgramVersion(db, program.id, {
      language: base.language,
      functionName: task.functionName,
      source: acceptedSource,
      provenance: {
        kind: "llm-refine",
        parent: base.version,
        parentVersionId: base.id,
        refinementId: refinement.id,
        instruction: refinement.instruction,
        provider: metered.name,
        model: refinement.model,
        system: prompt.system,
        prompt: prompt.user,
        response: acceptedAttempt.response,
        inputTokens: attempts.reduce((s, a) => s + (a.inputTokens as number), 0),
        outputTokens: attempts.reduce((s, a) => s + (a.outputTokens as number), 0),
        costUsd,
        rounds: accepted.round + 1,
        description: `refined with ${refinement.model}${chain}`,
        userId: payload.actorId,
      },
    });
    const compared = compareProgramVersions(L, {
      before: 0,
      after: 1,
      others: otherColumns,
      gold,
      versions: [base.version, version.version],
      faults: [totalFaults(meta[0]!.faults), totalFaults(meta[1]!.faults)],
    });
    const metrics: RefineMetrics = { devRows: dev.length, goldRows: gold.filter((g) => g >= 0).length, others: others.map((p) => p.name), ...compared };
    await updateProgramRefinement(db, refinement.id, { status: "READY", candidateVersionId: version.id, metrics: { ...metrics }, finishedAt: new Date() });
    await o.report(100, `v${version.version} ready: ${metrics.changedVotes} of ${dev.length} dev votes changed`);
    return { refinementId: refinement.id, candidateVersion: version.version, costUsd };
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error));
    await updateProgramRefinement(db, refinement.id, { status: "FAILED", error: message.slice(0, 2000), finishedAt: new Date() });
    throw error;
  }
}
