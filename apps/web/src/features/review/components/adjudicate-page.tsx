import { authorizeProjectPage } from "@/features/auth";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectHeader } from "@/features/shell";
import { getDisagreementsView } from "../server/team-service";
import { AdjudicateList } from "./adjudicate-list";
import { ReviewNav } from "./review-nav";

/**
 * `/projects/[projectId]/review/batches/[batchId]/adjudicate` (editors and owners): rows whose
 * reviewers disagree; the decision becomes gold.
 *
 * @example
 * <AdjudicatePage projectId={projectId} batchId={batchId} />
 */
export async function AdjudicatePage({ projectId, batchId }: { projectId: string; batchId: string }) {
  const project = await getProjectHeader(projectId);
  await authorizeProjectPage(projectId, "edit");
  const view = await getDisagreementsView(projectId, batchId);
  return (
    <article data-testid="adjudicate-page" className="space-y-5">
      <ProjectHeader project={project} current="review" title={`Adjudicate: ${view.batch.name}`} />
      <ReviewNav projectId={projectId} current="batches" />
      <p className="text-sm text-slate-600">
        {view.total} row(s) waiting: disagreements, and consensus against existing gold
        {view.total > view.rows.length ? `, the first ${view.rows.length} shown` : ""}. Your decision becomes the row's gold (TEST rows: evaluation gold only).
      </p>
      <AdjudicateList projectId={projectId} batchId={batchId} classes={view.classes} rows={view.rows} />
    </article>
  );
}
