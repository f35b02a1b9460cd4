import { authorizeProjectPage } from "@/features/auth";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectHeader } from "@/features/shell";
import { getBatchStats } from "../server/team-service";
import { ReviewNav } from "./review-nav";

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? "—" : value.toFixed(digits));
const pct = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)}%`);

/**
 * `/projects/[projectId]/review/batches/[batchId]/stats`: percent agreement and Cohen's kappa per
 * reviewer pair, Fleiss' kappa overall, and each reviewer's agreement with each program.
 *
 * @example
 * <StatsPage projectId={projectId} batchId={batchId} />
 */
export async function StatsPage({ projectId, batchId }: { projectId: string; batchId: string }) {
  const project = await getProjectHeader(projectId);
  await authorizeProjectPage(projectId, "read");
  const stats = await getBatchStats(projectId, batchId);
  const th = "px-4 py-2";
  return (
    <article data-testid="stats-page" className="space-y-5">
      <ProjectHeader project={project} current="review" title={`Agreement: ${stats.batch.name}`} />
      <ReviewNav projectId={projectId} current="batches" />
      <section className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs uppercase text-slate-500">Fleiss' kappa (all reviewers)</div>
          <div data-testid="stats-fleiss" className="text-2xl font-semibold tabular-nums">
            {fmt(stats.fleiss?.kappa)}
          </div>
          <div className="text-xs text-slate-500">
            on {stats.fleiss?.items ?? 0} rows with 2+ labels; observed {pct(stats.fleiss?.observed)}, chance {pct(stats.fleiss?.expected)}
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs uppercase text-slate-500">Labels</div>
          <div className="text-2xl font-semibold tabular-nums">{stats.annotations}</div>
          <div className="text-xs text-slate-500">
            on {stats.rows} rows by {stats.reviewers.length} reviewers
          </div>
        </div>
      </section>
      <section className="space-y-2">
        <h3 className="font-semibold">Reviewer pairs</h3>
        {stats.pairs.length === 0 ? (
          <p className="text-sm text-slate-600">One reviewer only: no pairs.</p>
        ) : (
          <table data-testid="stats-pairs" className="w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className={th}>Reviewers</th>
                <th className={`${th} text-right`}>Shared rows</th>
                <th className={`${th} text-right`}>Agreement</th>
                <th className={`${th} text-right`}>Cohen's kappa</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {stats.pairs.map((p) => (
                <tr key={`${p.a.id}-${p.b.id}`} data-testid="stats-pair">
                  <td className={th}>
                    {p.a.label} · {p.b.label}
                  </td>
                  <td className={`${th} text-right tabular-nums`}>{p.items}</td>
                  <td className={`${th} text-right tabular-nums`}>{pct(p.agreement)}</td>
                  <td className={`${th} text-right tabular-nums`}>{fmt(p.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="space-y-2">
        <h3 className="font-semibold">Reviewers vs programs</h3>
        <p className="text-sm text-slate-600">Agreement and Cohen's kappa on the rows the reviewer labelled and the program voted on (abstentions left out).</p>
        {stats.programs.length === 0 ? (
          <p className="text-sm text-slate-600">No labels or no run for this batch yet.</p>
        ) : (
          <table data-testid="stats-programs" className="w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className={th}>Program</th>
                {stats.programs.map((r) => (
                  <th key={r.reviewer.id} className={`${th} text-right`}>
                    {r.reviewer.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {stats.programs[0]!.byProgram.map((program, j) => (
                <tr key={program.name}>
                  <td className={`${th} font-mono text-xs`}>{program.name}</td>
                  {stats.programs.map((r) => (
                    <td key={r.reviewer.id} className={`${th} text-right tabular-nums`}>
                      {pct(r.byProgram[j]!.agreement)}{" "}
                      <span className="text-xs text-slate-500">
                        κ {fmt(r.byProgram[j]!.kappa, 2)} · n {r.byProgram[j]!.covered}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
