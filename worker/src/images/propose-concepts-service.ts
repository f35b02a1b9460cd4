import { askImageConcepts, askRoboShotInsights, CostLedger, roboShotInsightsSchema, formatZodIssues } from "@alchemist/engine";
import { DomainError, getProjectTask, recordLlmCalls, sumLlmCalls, toTaskSpec, type Db } from "@alchemist/db";
import type { ProposeConceptsPayload, ProposeConceptsResult } from "@alchemist/jobs";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { createProjectLlmProvider } from "../llm/project-credentials";
import { assertJobActor } from "../assert-job-actor";

const SEED = 42;

/**
 * "Propose concepts": asks the project's LLM provider (the project's key, else the worker's) for
 * the visual concepts that tell the task's classes apart with the engine's `askImageConcepts`
 * (`conceptPrompt`, temperature 0, at most 16), or for RoboShot insights (`askRoboShotInsights`,
 * checked against the insights schema the rescore job takes), books the call on the LLM ledger (purpose INFO)
 * within the project's budget, and returns them for the user to edit; nothing else is stored.
 * Provider errors are redacted before they leave the worker.
 *
 * @example
 * const { concepts } = await proposeConceptsService(prisma, payload, { llm });
 */
export async function proposeConceptsService(
  db: Db,
  payload: ProposeConceptsPayload,
  deps: { llm: WorkerLlmConfig; signal?: AbortSignal | undefined },
): Promise<ProposeConceptsResult> {
  await assertJobActor(db, payload, "edit");
  const task = toTaskSpec(await getProjectTask(db, payload.projectId));
  const project = await db.project.findUnique({ where: { id: payload.projectId }, select: { llmBudgetUsd: true } });
  const spent = await sumLlmCalls(db, { projectId: payload.projectId });
  const budget = project?.llmBudgetUsd ?? null;
  if (budget !== null && spent.costUsd >= budget)
    throw new DomainError(
      "INVALID",
      `the project's LLM budget of $${budget.toFixed(4)} is used up ($${spent.costUsd.toFixed(4)} spent); raise it on the Costs page to propose concepts`,
    );
  const { provider, credentials } = await createProjectLlmProvider(db, payload.projectId, payload.provider, deps.llm, SEED);
  if (!provider)
    throw new DomainError("INVALID", "the builtin synthesizer cannot name concepts; pick an LLM provider (openai, anthropic or openai-compatible)");
  try {
    const ask = {
      task,
      provider,
      model: payload.model,
      ledger: new CostLedger(budget === null ? {} : { budgetUsd: budget - spent.costUsd }),
      ...(deps.signal ? { signal: deps.signal } : {}),
    };
    const asked =
      payload.kind === "insights"
        ? await askRoboShotInsights(ask).then(({ insights, attempt }) => ({ concepts: [], insights: insightsOf(insights), attempt }))
        : await askImageConcepts(ask).then(({ concepts, attempt }) => ({ concepts, insights: null, attempt }));
    const { attempt } = asked;
    await recordLlmCalls(db, [
      {
        projectId: payload.projectId,
        purpose: "INFO",
        provider: provider.name,
        model: payload.model,
        inputTokens: attempt.inputTokens,
        outputTokens: attempt.outputTokens,
        costUsd: attempt.costUsd,
        cached: attempt.cached,
      },
    ]);
    return {
      kind: payload.kind,
      concepts: asked.concepts,
      insights: asked.insights,
      provider: payload.provider,
      model: payload.model,
      costUsd: attempt.costUsd,
    };
  } catch (error) {
    throw Object.assign(new Error(credentials.redact((error as Error).message)), { code: (error as { code?: string }).code });
  }
}

/** The LLM's insights as the studio stores them: its schema's bounds (16 each, texts of 1-300 characters), or an error naming what is wrong. */
function insightsOf(insights: { readonly harmful: readonly (readonly string[])[]; readonly helpful: readonly (readonly string[])[] }) {
  const parsed = roboShotInsightsSchema.safeParse({ harmful: insights.harmful.slice(0, 16), helpful: insights.helpful.slice(0, 16) });
  if (!parsed.success) throw new DomainError("INVALID", `the model's insights do not fit: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
