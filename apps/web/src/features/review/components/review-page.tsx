import Link from "next/link";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { DerivedJobProgress } from "@/features/jobs/client";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectHeader } from "@/features/shell";
import { getReviewQueue, type QueueParams } from "../server/review-service";
import { ReviewNav } from "./review-nav";
import { ReviewQueue } from "./review-queue";
import { ReviewImageGrid } from "./review-image-grid";

/**
 * `/projects/[projectId]/review`: rows still needing review, most uncertain (pseudolabel entropy)
 * or most conflicting (programs disagree) first, 20 per page, labelled from the keyboard.
 *
 * @example
 * <ReviewPage projectId={projectId} params={{ order: "conflict", cursor: 0, gold: "any" }} />
 */
export async function ReviewPage({ projectId, params }: { projectId: string; params: QueueParams }) {
  const project = await getProjectHeader(projectId);
  const actor = await authorizeProjectPage(projectId, "read");
  const view = await getReviewQueue(projectId, params, actor.userId);
  const canLabel = roleAllows(actor.role, "review");
  const href = (change: Partial<Record<"order" | "split" | "gold" | "cursor", string | undefined>>) => {
    const next = { order: params.order, split: params.split, gold: params.gold, cursor: "0", ...change };
    const query = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => !!e[1] && !(e[0] === "cursor" && e[1] === "0")));
    return `/projects/${projectId}/review?${query}`;
  };
  const chip = (active: boolean) =>
    `rounded-md px-2.5 py-1 ${active ? "bg-slate-800 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`;
  return (
    <article data-testid="review-page" className="space-y-5">
      <ProjectHeader project={project} current="review" title="Review" />
      <ReviewNav projectId={projectId} current="queue" />
      <p className="max-w-4xl rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
        Your label becomes the row's gold. Honest evaluation: DEV gold re-scores the programs and guides the label model; TRAIN gold never fits anything; TEST
        gold is evaluation gold only — reviewing TEST rows never leaks into programs, label models or training.
      </p>
      {view.status === "no-run" ? (
        <p data-testid="review-no-run" className="rounded-lg border border-slate-200 bg-white p-5 text-slate-600">
          No applied run yet: apply the programs on the{" "}
          <Link href={`/projects/${projectId}`} className="text-indigo-700 underline">
            overview
          </Link>{" "}
          first; rows are ordered by their votes.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-500">Order</span>
            <Link href={href({ order: "uncertainty" })} className={chip(params.order === "uncertainty")} data-testid="order-uncertainty">
              Uncertainty
            </Link>
            <Link href={href({ order: "conflict" })} className={chip(params.order === "conflict")} data-testid="order-conflict">
              Conflict
            </Link>
            <Link href={href({ order: "likely-errors" })} className={chip(params.order === "likely-errors")} data-testid="order-likely-errors">
              Likely errors
            </Link>
            <span className="ml-4 text-slate-500">Split</span>
            {([undefined, "TRAIN", "DEV", "TEST"] as const).map((s) => (
              <Link key={s ?? "all"} href={href({ split: s })} className={chip(params.split === s)}>
                {s ?? "All"}
              </Link>
            ))}
            <span className="ml-4 text-slate-500">Rows</span>
            <Link href={href({ gold: "any" })} className={chip(params.gold === "any")}>
              Not reviewed
            </Link>
            <Link href={href({ gold: "none" })} className={chip(params.gold === "none")}>
              Without any gold
            </Link>
          </div>
          {view.pending?.error && (
            <p role="alert" data-testid="review-order-error" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
              {view.pending.error}
            </p>
          )}
          {view.status === "computing" ? (
            view.pending?.job && (
              <DerivedJobProgress
                projectId={projectId}
                initial={view.pending.job}
                what={`Ordering the rows by ${view.kind} (computed once per run and after every refit)`}
              />
            )
          ) : (
            <>
              {view.stale && view.pending?.job && (
                <div data-testid="review-order-stale" className="text-sm text-slate-600">
                  <DerivedJobProgress
                    projectId={projectId}
                    initial={view.pending.job}
                    autoRefresh={false}
                    what="The label model was refitted: updating this order (the rows below follow the previous fit until then)"
                  />
                </div>
              )}
              <p data-testid="review-order-note" className="text-sm text-slate-600">
                {view.fallback
                  ? "No pseudolabels yet (fit a label model): ordered by conflict between the programs instead."
                  : view.kind === "uncertainty"
                    ? `Most uncertain pseudolabels first (${view.scored.toLocaleString("en")} of ${view.total.toLocaleString("en")} rows are not certain).`
                    : view.kind === "likely-errors"
                      ? `Likely label errors first: ${view.scored.toLocaleString("en")} dev gold labels or train pseudolabels that out-of-fold models and the votes dispute (confident learning).`
                      : `Rows where the programs disagree most come first (${view.scored.toLocaleString("en")} of ${view.total.toLocaleString("en")} rows have conflicting votes).`}
                {params.cursor > 0 && (
                  <>
                    {" "}
                    ·{" "}
                    <Link href={href({ cursor: "0" })} className="text-indigo-700 underline">
                      back to the start
                    </Link>
                  </>
                )}
              </p>
              <ReviewImageGrid projectId={projectId} items={view.items} classes={view.classes} />
              <ReviewQueue
                key={`${params.order}-${params.split}-${params.gold}-${params.cursor}`}
                projectId={projectId}
                classes={view.classes}
                items={view.items}
                mode={{ kind: "solo" }}
                canLabel={canLabel}
                goldCount={view.gold ? { imported: view.gold.imported, reviewed: view.gold.reviewed } : { imported: 0, reviewed: 0 }}
                nextHref={view.nextCursor !== null ? href({ cursor: String(view.nextCursor) }) : null}
              />
            </>
          )}
        </>
      )}
    </article>
  );
}
