import type { ProjectCostsView } from "../costs-view";
import { formatUsd } from "../costs-view";

const PURPOSE: Record<string, string> = { PROGRAM: "program", REPAIR: "repair", ZERO_SHOT: "zero-shot", INFO: "info (stage 1)" };

/**
 * One page of the cost ledger: a row per model call.
 *
 * @example
 * <LedgerTable calls={costs.calls} />
 */
export function LedgerTable({ calls }: { calls: ProjectCostsView["calls"] }) {
  if (calls.length === 0) return <p className="text-sm text-slate-600">No model calls yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid="ledger-table" className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">When (UTC)</th>
            <th className="px-4 py-2">Purpose</th>
            <th className="px-4 py-2">Attempt</th>
            <th className="px-4 py-2">Model</th>
            <th className="px-4 py-2 text-right">Tokens in</th>
            <th className="px-4 py-2 text-right">Tokens out</th>
            <th className="px-4 py-2 text-right">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((c) => (
            <tr key={c.id} data-testid="ledger-row">
              <td className="px-4 py-2 font-mono text-xs text-slate-500">{c.createdAt.slice(0, 19).replace("T", " ")}</td>
              <td className="px-4 py-2">{PURPOSE[c.purpose] ?? c.purpose}</td>
              <td className="px-4 py-2 font-mono text-xs">{c.attemptId ?? ""}</td>
              <td className="px-4 py-2">
                {c.provider} {c.model}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{c.inputTokens}</td>
              <td className="px-4 py-2 text-right tabular-nums">{c.outputTokens}</td>
              <td className="px-4 py-2 text-right tabular-nums">{c.cached ? "cached" : formatUsd(c.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
