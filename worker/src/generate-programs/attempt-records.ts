import type { GeneratedProgram, GenerationAttempt } from "@alchemist/engine";
import type { LlmCallInput } from "@alchemist/db";

/** Ids of later tries are prefixed ("t2:p00-r0") so a retried job books its new calls beside the first try's. */
export const bookedId = (attemptId: string, tryNumber: number): string => (tryNumber > 1 ? `t${tryNumber}:${attemptId}` : attemptId);

/**
 * One ledger row for one engine attempt: purpose from its kind and round, $0 when served from cache.
 *
 * @example
 * await recordLlmCalls(db, result.attempts.map((a) => ledgerRow(a, { projectId, generationRequestId, tryNumber: 1 })));
 */
export function ledgerRow(a: GenerationAttempt, o: { projectId: string; generationRequestId: string; tryNumber: number }): LlmCallInput {
  const purpose = a.kind === "info" ? "INFO" : a.round > 0 ? "REPAIR" : "PROGRAM";
  return {
    projectId: o.projectId,
    generationRequestId: o.generationRequestId,
    attemptId: bookedId(a.id, o.tryNumber),
    purpose,
    provider: a.provider,
    model: a.model,
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    costUsd: a.costUsd,
    cached: a.cached,
  };
}

/** What the request row keeps of every attempt: outcome and answer, not the SDK payload. */
export function attemptSummary(a: GenerationAttempt, tryNumber: number): Record<string, unknown> {
  return {
    id: bookedId(a.id, tryNumber),
    kind: a.kind,
    slot: a.slot,
    round: a.round,
    parent: a.parent,
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    costUsd: a.costUsd,
    cached: a.cached,
    verdict: a.verdict ?? null,
    response: a.response,
    code: a.code ?? null,
  };
}

/**
 * The provenance stored on a generated program's version: the accepted call's prompt, system
 * prompt, parameters, supplementary items, raw response, tokens and cost, plus the rejected
 * attempts it repaired (parent chain) and the slot's total cost.
 *
 * @example
 * const provenance = programProvenance(program, result.attempts, { generationRequestId, tryNumber: 1 });
 */
export function programProvenance(
  program: GeneratedProgram,
  attempts: readonly GenerationAttempt[],
  o: { generationRequestId: string; tryNumber: number },
): Record<string, unknown> {
  const accepted = attempts.find((a) => a.id === program.attemptId);
  if (!accepted) throw new Error(`program ${program.name}: its attempt ${program.attemptId} is not among the ${attempts.length} attempts`);
  const chain: GenerationAttempt[] = [];
  for (let parent = accepted.parent; parent !== null;) {
    const a = attempts.find((x) => x.id === parent);
    if (!a) break;
    chain.unshift(a);
    parent = a.parent;
  }
  return {
    kind: accepted.provider === "builtin" ? "builtin" : "llm",
    author: accepted.author,
    generationRequestId: o.generationRequestId,
    attemptId: bookedId(accepted.id, o.tryNumber),
    parentAttempt: accepted.parent === null ? null : bookedId(accepted.parent, o.tryNumber),
    parentVersionId: null,
    description: program.description,
    provider: accepted.provider,
    model: accepted.model,
    params: accepted.params,
    system: accepted.system,
    prompt: accepted.prompt,
    supplementary: accepted.supplementary,
    response: accepted.response,
    raw: accepted.raw ?? null,
    inputTokens: accepted.inputTokens,
    outputTokens: accepted.outputTokens,
    costUsd: accepted.costUsd,
    cached: accepted.cached,
    slotCostUsd: [...chain, accepted].reduce((s, a) => s + a.costUsd, 0),
    rejectedAttempts: chain.map((a) => ({
      id: bookedId(a.id, o.tryNumber),
      reason: a.verdict?.reason ?? null,
      feedback: a.verdict?.feedback ?? null,
      response: a.response,
    })),
  };
}
