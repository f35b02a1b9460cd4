import Link from "next/link";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { StatusBadge } from "@/features/jobs/client";
import { getProjectCosts } from "../server/get-project-costs";
import { formatUsd, latestComparison } from "../costs-view";
import { LedgerTable } from "./ledger-table";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { BudgetForm } from "./budget-form";

const th = "px-4 py-3";
const td = "px-4 py-3";

/**
 * `/projects/[projectId]/costs?page=N`: LLM spend against the budget, the paper's comparison
 * (programs vs zero-shot labeling of every row), generation requests and the per-call ledger.
 * Owners set the budget here; requests are created on the Generate page.
 *
 * @example
 * <CostsPage projectId={projectId} page={0} />
 */
export async function CostsPage({ projectId, page }: { projectId: string; page: number }) {
  const [project, actor] = await Promise.all([getProjectHeader(projectId), authorizeProjectPage(projectId, "read")]);
  const costs = await getProjectCosts(projectId, page);
  const comparison = latestComparison(costs.requests);
  const link = (p: number) => `/projects/${projectId}/costs?page=${p + 1}`;
  return (
    <article data-testid="costs-page" className="space-y-6">
      <ProjectHeader project={project} current="costs" title="LLM costs" />
      <section className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs uppercase text-slate-500">Spent</div>
          <div data-testid="costs-spent" className="text-2xl font-semibold tabular-nums">
            {formatUsd(costs.totals.costUsd)}
          </div>
          <div className="text-xs text-slate-500">
            {costs.totals.calls} API calls, {costs.totals.cachedCalls} cached
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs uppercase text-slate-500">Budget</div>
          <div data-testid="costs-budget" className="text-2xl font-semibold tabular-nums">
            {costs.budgetUsd === null ? "none" : formatUsd(costs.budgetUsd)}
          </div>
          <div className="text-xs text-slate-500">
            {costs.budgetUsd !== null && costs.totals.costUsd >= costs.budgetUsd ? "used up: generation is blocked" : "generation stops when it is reached"}
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs uppercase text-slate-500">Tokens</div>
          <div className="text-2xl font-semibold tabular-nums">
            {costs.totals.inputTokens.toLocaleString("en")} / {costs.totals.outputTokens.toLocaleString("en")}
          </div>
          <div className="text-xs text-slate-500">in / out</div>
        </div>
      </section>
      {roleAllows(actor.role, "manage") ? (
        <BudgetForm key={String(costs.budgetUsd)} projectId={projectId} budgetUsd={costs.budgetUsd} />
      ) : (
        <p className="text-xs text-slate-500">Project owners set the budget.</p>
      )}
      <p data-testid="costs-comparison" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-indigo-900">
        {comparison
          ? `${comparison.text}${comparison.model ? ` [${comparison.model}, tokens estimated as chars/4]` : ""}`
          : "No finished generation request yet: the zero-shot estimate appears after the first one."}
      </p>
      <section className="space-y-2">
        <h3 className="font-semibold">Generation requests</h3>
        {costs.requests.length === 0 ? (
          <p className="text-sm text-slate-600">None yet: start one on the Generate page.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table data-testid="requests-table" className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className={th}>Created (UTC)</th>
                  <th className={th}>Status</th>
                  <th className={th}>Model</th>
                  <th className={`${th} text-right`}>Programs</th>
                  <th className={`${th} text-right`}>Calls</th>
                  <th className={`${th} text-right`}>Cost</th>
                  <th className={`${th} text-right`}>Zero-shot est.</th>
                  <th className={th}>Note</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {costs.requests.map((r) => (
                  <tr key={r.id} data-testid="request-row">
                    <td className={`${td} font-mono text-xs text-slate-500`}>{r.createdAt.slice(0, 19).replace("T", " ")}</td>
                    <td className={td}>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className={td}>
                      {r.provider} {r.model}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {r.programs} / {r.n}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{r.calls}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatUsd(r.costUsd)}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {r.zeroShotEstimate ? `~${formatUsd(r.zeroShotEstimate.costUsd)} (${r.zeroShotEstimate.rows} rows)` : ""}
                    </td>
                    <td className={`max-w-md ${td} text-xs ${r.error ? "text-rose-700" : "text-slate-500"}`}>
                      {r.error ?? (r.stoppedBy ? `stopped by the ${r.stoppedBy}` : "")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="space-y-2">
        <h3 className="font-semibold">Ledger</h3>
        <LedgerTable calls={costs.calls} />
        <div className="flex items-center gap-3 text-sm">
          {costs.page > 0 && (
            <Link href={link(costs.page - 1)} className="btn-secondary">
              ← Newer
            </Link>
          )}
          <span data-testid="ledger-page" className="text-slate-500">
            Page {costs.page + 1} of {costs.pages}
          </span>
          {costs.page < costs.pages - 1 && (
            <Link href={link(costs.page + 1)} className="btn-secondary">
              Older →
            </Link>
          )}
        </div>
      </section>
    </article>
  );
}
