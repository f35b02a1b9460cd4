import Link from "next/link";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { formatPercent } from "@/lib/format-percent";
import { getRunsPage } from "../server/get-runs-page";
import { readRunNames } from "../server/read-run-names";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";
const score = (s: { accuracy: number | null; f1: number | null } | null | undefined) =>
  s ? `${formatPercent(s.accuracy)} · ${s.f1 === null ? "—" : s.f1.toFixed(3)}` : "—";

/**
 * `/projects/[projectId]/runs`: every labeling run (an immutable snapshot of program versions,
 * the chosen label model, its pseudolabels and distilled models), newest first, paginated; pick
 * two to diff.
 *
 * @example
 * <RunsPage projectId={id} page={0} />
 */
export async function RunsPage({ projectId, page }: { projectId: string; page: number }) {
  const [project, data, names] = await Promise.all([getProjectHeader(projectId), getRunsPage(projectId, page), readRunNames(projectId)]);
  const comparable = data.runs.filter((r) => r.hasPseudolabels);
  return (
    <article data-testid="runs-page" className="space-y-6">
      <ProjectHeader project={project} current="runs" title="Runs" />
      <p className="max-w-3xl text-sm text-slate-600">
        A run freezes the program versions it applied, the label model chosen on dev, the pseudolabels it produced and the models distilled from them. Compare
        two runs to see which rows changed label and which programs drove the change.
      </p>
      {data.runs.length === 0 ? (
        <p data-testid="runs-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
          No runs yet: apply the programs from the overview.
        </p>
      ) : (
        <form method="get" action={`/projects/${projectId}/runs/diff`} className="space-y-3">
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table data-testid="runs-table" className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className={th} title="before">
                    A
                  </th>
                  <th className={th} title="after">
                    B
                  </th>
                  <th className={th}>Run</th>
                  <th className={th}>Status</th>
                  <th className={th}>Programs</th>
                  <th className={th}>Label model</th>
                  <th className={`${th} text-right`}>Dev acc · F1</th>
                  <th className={`${th} text-right`}>Test acc · F1</th>
                  <th className={`${th} text-right`}>Model test acc · F1</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.runs.map((run) => (
                  <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                    <td className={th}>
                      {run.hasPseudolabels && (
                        <input type="radio" name="a" value={run.id} aria-label="compare from this run" defaultChecked={run.id === comparable[1]?.id} />
                      )}
                    </td>
                    <td className={th}>
                      {run.hasPseudolabels && (
                        <input type="radio" name="b" value={run.id} aria-label="compare to this run" defaultChecked={run.id === comparable[0]?.id} />
                      )}
                    </td>
                    <td className={`${th} whitespace-nowrap`}>
                      <span data-testid="run-name" className="font-medium">
                        {names.runs.get(run.id) ?? "Run"}
                      </span>
                      <div className="text-xs text-slate-500">
                        {run.createdAt.slice(0, 16).replace("T", " ")} UTC · {run.datasetName}
                      </div>
                    </td>
                    <td className={th}>
                      {run.status.toLowerCase()}
                      <div
                        data-testid="run-settings"
                        className="whitespace-nowrap text-xs text-slate-500"
                        title={`budget ${run.settings.programBudgetMs} ms + ${run.settings.programBudgetPerRowMs} ms per row`}
                      >
                        seed {run.settings.seed} ·{" "}
                        {run.settings.maxConsecutiveFaults === 0 ? "never stops" : `stops after ${run.settings.maxConsecutiveFaults} faults`}
                      </div>
                    </td>
                    <td className={th} title={run.programs.map((p) => p.name).join(", ")}>
                      {run.programs.length}
                      <span className="ml-1 text-xs text-slate-500">
                        {run.programs
                          .slice(0, 3)
                          .map((p) => p.name)
                          .join(", ")}
                        {run.programs.length > 3 ? ", …" : ""}
                      </span>
                    </td>
                    <td className={`${th} font-mono text-xs`}>{run.labelModel?.name ?? "—"}</td>
                    <td className={num}>{score(run.labelModel?.dev)}</td>
                    <td className={num}>{score(run.labelModel?.test)}</td>
                    <td className={num}>
                      {run.model ? (
                        <Link
                          prefetch={false}
                          className="text-indigo-700 hover:underline"
                          href={`/projects/${projectId}/train?run=${run.id}&model=${run.model.id}`}
                        >
                          {score(run.model)}
                        </Link>
                      ) : (
                        <Link prefetch={false} className="text-xs text-slate-500 hover:underline" href={`/projects/${projectId}/train?run=${run.id}`}>
                          train…
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center justify-between gap-4 text-sm">
            {comparable.length >= 2 ? (
              <button type="submit" data-testid="compare-runs" className="btn-primary">
                Compare A → B
              </button>
            ) : (
              <span className="text-slate-500">Two runs with a fitted label model can be compared.</span>
            )}
            {data.pages > 1 && (
              <nav className="flex items-center gap-3" aria-label="Pages">
                {data.page > 0 && (
                  <Link prefetch={false} href={`/projects/${projectId}/runs?page=${data.page}`}>
                    ← Newer
                  </Link>
                )}
                <span className="text-slate-500">
                  page {data.page + 1} of {data.pages}
                </span>
                {data.page + 1 < data.pages && (
                  <Link prefetch={false} href={`/projects/${projectId}/runs?page=${data.page + 2}`}>
                    Older →
                  </Link>
                )}
              </nav>
            )}
          </div>
        </form>
      )}
    </article>
  );
}
