import { costComparison } from "@alchemist/engine";

/** What the Costs page shows (JSON-safe). */
export interface ProjectCostsView {
  readonly budgetUsd: number | null;
  readonly totals: {
    readonly calls: number;
    readonly cachedCalls: number;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly costUsd: number;
  };
  readonly page: number;
  readonly pages: number;
  readonly calls: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly purpose: string;
    readonly attemptId: string | null;
    readonly generationRequestId: string | null;
    readonly provider: string;
    readonly model: string;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly costUsd: number;
    readonly cached: boolean;
  }[];
  readonly requests: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
    readonly provider: string;
    readonly model: string;
    readonly n: number;
    readonly programs: number;
    readonly failedSlots: number;
    readonly stoppedBy: string | null;
    readonly calls: number;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly costUsd: number;
    readonly error: string | null;
    readonly zeroShotEstimate: { readonly model?: string; readonly rows: number; readonly costUsd: number } | null;
  }[];
}

/** Dollars with 4 decimals below $1 (LLM calls cost fractions of a cent), else 2. */
export const formatUsd = (usd: number): string => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

/**
 * The paper's comparison for the newest request that has a zero-shot estimate, or null.
 *
 * @example
 * latestComparison(view.requests); // "programs cost $0.0040; zero-shot labeling of all 5571 rows would cost ~$0.2400 (60x more)"
 */
export function latestComparison(requests: ProjectCostsView["requests"]): { text: string; model: string | null } | null {
  const latest = requests.find((r) => r.zeroShotEstimate !== null && r.status === "SUCCEEDED");
  if (!latest?.zeroShotEstimate) return null;
  return { text: costComparison(latest.costUsd, latest.zeroShotEstimate), model: latest.zeroShotEstimate.model ?? null };
}
