import { EngineError } from "../errors/engine-error";
import { callCostUsd, DEFAULT_PRICES, type PriceTable } from "./price-table";

export interface LedgerTotals {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/**
 * Sums API usage for one run and enforces a budget: {@link CostLedger.assertWithinBudget} throws
 * BUDGET_EXCEEDED once the spent dollars reach `budgetUsd`, so no further call starts.
 * Cached and replayed responses count as calls served, not as API calls, and cost nothing.
 *
 * @example
 * const ledger = new CostLedger({ budgetUsd: 1 });
 * ledger.record("gpt-4o-mini", 1200, 300); // returns the call's cost in dollars
 * ledger.totals(); // { calls: 1, cachedCalls: 0, inputTokens: 1200, outputTokens: 300, costUsd: 0.00036 }
 */
export class CostLedger {
  private calls = 0;
  private cachedCalls = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd = 0;
  readonly prices: PriceTable;
  readonly budgetUsd: number | undefined;

  constructor(options: { prices?: PriceTable; budgetUsd?: number } = {}) {
    if (options.budgetUsd !== undefined && !(options.budgetUsd >= 0))
      throw new EngineError("INVALID_ARGUMENT", `budgetUsd must be >= 0, got ${options.budgetUsd}`);
    this.prices = options.prices ?? DEFAULT_PRICES;
    this.budgetUsd = options.budgetUsd;
  }

  /** Records one API call and returns its cost in dollars. */
  record(model: string, inputTokens: number, outputTokens: number): number {
    const cost = callCostUsd(model, inputTokens, outputTokens, this.prices);
    this.calls += 1;
    this.inputTokens += inputTokens;
    this.outputTokens += outputTokens;
    this.costUsd += cost;
    return cost;
  }

  recordCached(): void {
    this.cachedCalls += 1;
  }

  assertWithinBudget(): void {
    if (this.budgetUsd !== undefined && this.costUsd >= this.budgetUsd) {
      throw new EngineError(
        "BUDGET_EXCEEDED",
        `LLM budget of $${this.budgetUsd.toFixed(4)} reached after ${this.calls} calls ($${this.costUsd.toFixed(4)} spent); raise --budget-usd to continue`,
      );
    }
  }

  totals(): LedgerTotals {
    return { calls: this.calls, cachedCalls: this.cachedCalls, inputTokens: this.inputTokens, outputTokens: this.outputTokens, costUsd: this.costUsd };
  }
}
