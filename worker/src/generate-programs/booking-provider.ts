import { callCostUsd, infoRequestPrompt, type InfoKind, type LlmProvider, type LlmRequest, type PriceTable, type TaskSpec } from "@alchemist/engine";
import { recordLlmCalls, type Db } from "@alchemist/db";
import { bookedId } from "./attempt-records";

/**
 * The engine's id for the call a request belongs to, derived from what `generatePrograms` sends:
 * stage-1 info requests have no system prompt and carry `infoRequestPrompt(task, kind)`; program
 * calls use the slot as sample index and grow by two messages per repair round. Must match the
 * ids on `GenerationAttempt` (the unit test checks every attempt is booked exactly once).
 *
 * @example
 * engineAttemptId(request, task, ["descriptions"]); // "p03-r1" or "info-descriptions"
 */
export function engineAttemptId(request: LlmRequest, task: TaskSpec, infoKinds: readonly InfoKind[]): string {
  if (!request.system && request.messages.length === 1) {
    const content = request.messages[0]!.content;
    const kind = infoKinds.find((k) => k !== "retrieval" && infoRequestPrompt(task, k) === content);
    if (kind) return `info-${kind}`;
  }
  const round = (request.messages.length - 1) / 2;
  if (!Number.isInteger(round) || request.sampleIndex === undefined)
    throw new Error(
      `cannot tell which generation attempt a request with ${request.messages.length} messages and sample index ${request.sampleIndex} belongs to`,
    );
  return `p${String(request.sampleIndex).padStart(2, "0")}-r${round}`;
}

/**
 * Wraps the generation's provider so every answered call is on the `LlmCall` ledger before the
 * engine sees the answer: a worker killed after the provider answered (while the program is
 * validated, or the next call is in flight) has still booked the money. The booking uses the same
 * (generationRequestId, attemptId) key as the attempt rows booked later, so it is idempotent.
 * Cached answers (disk cache) are booked at $0, as the ledger does. `attemptPrefix` keeps the ids of
 * several generations booked on one request apart (a sweep's grid cells).
 *
 * @example
 * const booked = bookingProvider(provider, { db, task, infoKinds, prices: ledger.prices, projectId, generationRequestId, tryNumber });
 */
export function bookingProvider(
  inner: LlmProvider,
  o: {
    db: Db;
    task: TaskSpec;
    infoKinds: readonly InfoKind[];
    prices: PriceTable;
    projectId: string;
    generationRequestId: string;
    tryNumber: number;
    attemptPrefix?: string;
  },
): LlmProvider {
  return {
    name: inner.name,
    async complete(request) {
      const id = engineAttemptId(request, o.task, o.infoKinds);
      const response = await inner.complete(request);
      const cached = response.cached === true;
      const round = id.startsWith("info-") ? 0 : Number(id.slice(id.lastIndexOf("-r") + 2));
      await recordLlmCalls(o.db, [
        {
          projectId: o.projectId,
          generationRequestId: o.generationRequestId,
          attemptId: `${o.attemptPrefix ?? ""}${bookedId(id, o.tryNumber)}`,
          purpose: id.startsWith("info-") ? "INFO" : round > 0 ? "REPAIR" : "PROGRAM",
          provider: inner.name,
          model: request.model,
          inputTokens: response.inputTokens,
          outputTokens: response.outputTokens,
          costUsd: cached ? 0 : callCostUsd(request.model, response.inputTokens, response.outputTokens, o.prices),
          cached,
        },
      ]);
      return response;
    },
  };
}
