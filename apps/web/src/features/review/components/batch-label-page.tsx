import Link from "next/link";
import { authorizeProjectPage } from "@/features/auth";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectHeader } from "@/features/shell";
import { getAssignmentsView } from "../server/team-service";
import { ReviewNav } from "./review-nav";
import { ReviewQueue } from "./review-queue";

/**
 * `/projects/[projectId]/review/batches/[batchId]`: the actor's assignments in a batch ("my
 * queue", 20 at a time, unlabelled first), labelled from the keyboard. Unlabelled-only pages
 * shrink as rows get labels, so "next" reloads the first page.
 *
 * @example
 * <BatchLabelPage projectId={projectId} batchId={batchId} page={0} all={false} />
 */
export async function BatchLabelPage({ projectId, batchId, page, all }: { projectId: string; batchId: string; page: number; all: boolean }) {
  const project = await getProjectHeader(projectId);
  const actor = await authorizeProjectPage(projectId, "review");
  const view = await getAssignmentsView(projectId, batchId, actor, page, !all);
  const base = `/projects/${projectId}/review/batches/${batchId}`;
  const pages = Math.max(1, Math.ceil(view.total / 20));
  return (
    <article data-testid="batch-label-page" className="space-y-5">
      <ProjectHeader project={project} current="review" title={`Batch: ${view.batch.name}`} />
      <ReviewNav projectId={projectId} current="batches" />
      <p className="text-sm text-slate-600">
        <span data-testid="batch-progress">
          {view.done} of {view.all} labelled
        </span>{" "}
        · {view.batch.blind ? "blind batch" : "open batch"} · {view.batch.overlap} reviewers per row ·{" "}
        <Link href={all ? base : `${base}?all=1`} className="text-indigo-700 underline">
          {all ? "show only unlabelled" : "show all my rows"}
        </Link>
      </p>
      {view.batch.status !== "OPEN" ? (
        <p className="text-slate-600">This batch is closed.</p>
      ) : (
        <ReviewQueue
          key={`${page}-${all}-${view.done}`}
          projectId={projectId}
          classes={view.classes}
          items={view.items}
          mode={{ kind: "batch", batchId, blind: view.batch.blind }}
          canLabel
          nextHref={all ? (page + 1 < pages ? `${base}?page=${page + 1}&all=1` : null) : view.items.length > 0 ? base : null}
        />
      )}
    </article>
  );
}
