import Link from "next/link";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { formatCount } from "@/lib/format-count";
import { getRowsView } from "../server/rows-view";
import { hasFilters, rowsHref, type RowsQuery } from "../rows-query";
import { DatasetRowsTable } from "./dataset-rows-table";
import { RowsFilterForm } from "./rows-filter-form";
import { RowDrawer } from "./row-drawer";
import { RowsPager } from "./rows-pager";
import { ImageRowsGrid } from "@/features/images";

/**
 * `/projects/[projectId]/datasets/[datasetId]`: the rows, 50 per page, searched, filtered and
 * sorted in the database from the URL (`rows-query.ts`), with numbered pages and a drawer for one
 * row (`?row=N`: full text, every program's vote, the pseudolabel).
 *
 * @example
 * <DatasetRowsPage projectId={p} datasetId={d} query={parseRowsQuery(searchParams)} />
 */
export async function DatasetRowsPage({ projectId, datasetId, query }: { projectId: string; datasetId: string; query: RowsQuery }) {
  const project = await getProjectHeader(projectId);
  const { dataset, classes, setNames, run, page, error, detail } = await getRowsView(projectId, datasetId, query);
  const base = `/projects/${projectId}/datasets/${datasetId}`;
  const current = { ...query, page: page.page + 1 };
  const filtered = hasFilters(query);
  return (
    <article data-testid="dataset-rows-page" className="space-y-4">
      <ProjectHeader project={project} current="overview" title={`${dataset.name} · ${formatCount(dataset.rowCount)} rows`} />
      <RowsFilterForm
        action={base}
        query={query}
        classes={classes}
        programs={run?.programs ?? []}
        hasRun={run !== null}
        hasPseudolabels={run?.hasPseudolabels ?? false}
      />
      <p data-testid="rows-summary" className="text-sm text-slate-600">
        {filtered ? `${formatCount(page.total)} of ${formatCount(dataset.rowCount)} rows match` : `${formatCount(page.total)} rows`}
        {filtered && (
          <>
            {" "}
            ·{" "}
            <Link href={base} className="underline">
              Clear filters
            </Link>
          </>
        )}
      </p>
      {error && (
        <p role="alert" data-testid="rows-error" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      )}
      {dataset.kind === "IMAGE" && (
        <ImageRowsGrid
          projectId={projectId}
          datasetId={datasetId}
          classes={classes}
          rows={page.rows.map((r) => ({
            index: r.index,
            externalId: r.externalId,
            gold: r.gold,
            fields: r.fields,
            href: rowsHref(base, current, { row: r.index }),
          }))}
        />
      )}
      <DatasetRowsTable
        rows={page.rows.map((r) => ({
          id: r.id,
          index: r.index,
          externalId: r.externalId,
          split: r.split,
          gold: r.gold,
          goldSource: r.goldSource,
          fields: r.fields,
          pseudolabel: r.pseudolabel,
          href: rowsHref(base, current, { row: r.index }),
        }))}
        classNames={classes}
        setNames={setNames}
        openIndex={query.row ?? null}
      />
      <RowsPager action={base} query={current} page={page.page} pages={page.pages} />
      {detail && <RowDrawer detail={detail} classes={classes} setNames={setNames} closeHref={rowsHref(base, current, { row: undefined })} />}
      {query.row !== undefined && !detail && (
        <p role="alert" className="text-sm text-amber-800">
          This dataset has no row {query.row + 1}.
        </p>
      )}
    </article>
  );
}
