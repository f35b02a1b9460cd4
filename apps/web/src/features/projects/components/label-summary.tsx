import { formatPercent } from "@/lib/format-percent";
import type { RunAnalysis } from "@/features/runs/client";

const STATS = [
  ["coverage", "Coverage", "rows with at least one vote"],
  ["overlap", "Overlap", "rows with two or more votes"],
  ["conflict", "Conflict", "rows with disagreeing votes"],
] as const;

/**
 * Label-level coverage, overlap and conflict of the latest run.
 *
 * @example
 * <LabelSummary summary={analysis.summary} />
 */
export function LabelSummary({ summary }: { summary: RunAnalysis["summary"] }) {
  return (
    <dl data-testid="label-summary" className="grid grid-cols-3 gap-4">
      {STATS.map(([key, label, hint]) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-500">{label}</dt>
          <dd data-testid={`summary-${key}`} className="mt-1 text-2xl font-semibold tabular-nums">
            {formatPercent(summary[key])}
          </dd>
          <p className="mt-0.5 text-xs text-slate-400">{hint}</p>
        </div>
      ))}
    </dl>
  );
}
