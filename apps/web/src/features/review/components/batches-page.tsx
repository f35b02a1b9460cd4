import Link from "next/link";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectHeader } from "@/features/shell";
import { getBatchesView } from "../server/team-service";
import { CreateBatchForm } from "./create-batch-form";
import { ReviewNav } from "./review-nav";

/**
 * `/projects/[projectId]/review/batches`: the team's review batches with progress, the actor's
 * own queue per batch, links to adjudication and agreement statistics, and (editors, owners)
 * the create-batch form.
 *
 * @example
 * <BatchesPage projectId={projectId} />
 */
export async function BatchesPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const actor = await authorizeProjectPage(projectId, "read");
  const view = await getBatchesView(projectId, actor);
  const base = `/projects/${projectId}/review/batches`;
  return (
    <article data-testid="batches-page" className="space-y-5">
      <ProjectHeader project={project} current="review" title="Team review" />
      <ReviewNav projectId={projectId} current="batches" />
      {view.batches.length === 0 ? (
        <p className="text-slate-600">No review batches yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="batches-table" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Batch</th>
                <th className="px-4 py-3">Rows by</th>
                <th className="px-4 py-3">Overlap</th>
                <th className="px-4 py-3">Mode</th>
                <th className="px-4 py-3 text-right">Done (all)</th>
                <th className="px-4 py-3 text-right">My queue</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.batches.map((b) => (
                <tr key={b.id} data-testid="batch-row">
                  <td className="px-4 py-3">
                    <div className="font-medium">{b.name}</div>
                    <div className="text-xs text-slate-500">
                      {b.createdAt.slice(0, 16).replace("T", " ")} by {b.createdBy}
                    </div>
                  </td>
                  <td className="px-4 py-3">{b.strategy}</td>
                  <td className="px-4 py-3">{b.overlap} per row</td>
                  <td className="px-4 py-3">{b.blind ? "blind" : "open"}</td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {b.progress.done} / {b.progress.total}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums" data-testid="batch-mine">
                    {b.mine.total ? `${b.mine.done} / ${b.mine.total}` : "—"}
                  </td>
                  <td className="space-x-3 px-4 py-3 text-right whitespace-nowrap">
                    {b.mine.total > 0 && roleAllows(actor.role, "review") && (
                      <Link href={`${base}/${b.id}`} className="text-indigo-700 hover:underline" data-testid="batch-open">
                        Label
                      </Link>
                    )}
                    {view.canEdit && (
                      <Link href={`${base}/${b.id}/adjudicate`} className="text-indigo-700 hover:underline">
                        Adjudicate
                      </Link>
                    )}
                    <Link href={`${base}/${b.id}/stats`} className="text-indigo-700 hover:underline" data-testid="batch-stats">
                      Agreement
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.canEdit && (
        <section className="space-y-2">
          <h3 className="font-semibold">New batch</h3>
          <p className="text-sm text-slate-600">
            Each row goes to exactly “overlap” reviewers. Rows where all of them agree become gold; disagreements wait for an editor's or owner's decision.
          </p>
          <CreateBatchForm projectId={projectId} members={view.members} />
        </section>
      )}
    </article>
  );
}
