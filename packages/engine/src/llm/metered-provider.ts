import type { CostLedger } from "./cost-ledger";
import { limitConcurrency } from "./limit-concurrency";
import type { LlmProvider, LlmRequest, LlmResponse } from "./llm-provider";

export type MeteredResponse = LlmResponse & { readonly costUsd: number };

/**
 * Wraps a provider so every call is checked against the ledger's budget first and its tokens
 * and dollars recorded after (cached/replayed responses are free). The check runs inside a
 * concurrency limit, so at most `concurrency` calls can overshoot a budget.
 *
 * @example
 * const metered = meteredProvider(provider, ledger);
 * const { text, costUsd } = await metered.complete({ model: "gpt-4o-mini", messages });
 */
export function meteredProvider(
  provider: LlmProvider,
  ledger: CostLedger,
  concurrency = 4,
): { readonly name: string; complete(request: LlmRequest): Promise<MeteredResponse> } {
  const limit = limitConcurrency(concurrency);
  return {
    name: provider.name,
    complete: (request) =>
      limit(async () => {
        ledger.assertWithinBudget();
        const response = await provider.complete(request);
        if (response.cached) {
          ledger.recordCached();
          return { ...response, costUsd: 0 };
        }
        return { ...response, costUsd: ledger.record(request.model, response.inputTokens, response.outputTokens) };
      }),
  };
}
