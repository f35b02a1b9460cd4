import Link from "next/link";
import { notFound } from "next/navigation";
import { getPrisma, readRows } from "@alchemist/db";
import { getProjectHeader } from "@/features/projects/server/get-project-header";
import { ProjectHeader } from "@/features/projects/components/project-header";
import { formatCount } from "@/lib/format-count";
import { DatasetRowsTable } from "./dataset-rows-table";

const PAGE_SIZE = 50;

/**
 * `/projects/[projectId]/datasets/[datasetId]?page=N`: the rows, 50 per page, read page by page
 * from the database (fast at any size).
 *
 * @example
 * <DatasetRowsPage projectId={p} datasetId={d} page={0} />
 */
export async function DatasetRowsPage({ projectId, datasetId, page }: { projectId: string; datasetId: string; page: number }) {
  const project = await getProjectHeader(projectId);
  const dataset = await getPrisma().dataset.findUnique({ where: { id: datasetId } });
  if (!dataset || dataset.projectId !== projectId) notFound();
  const pages = Math.max(1, Math.ceil(dataset.rowCount / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  // readRows, not readRowPage: the dataset (and its rowCount) is already read above.
  const rows = await readRows(getPrisma(), datasetId, current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const classNames = (dataset.classNames ?? []) as string[];
  const link = (p: number) => `/projects/${projectId}/datasets/${datasetId}?page=${p + 1}`;
  return (
    <article data-testid="dataset-rows-page" className="space-y-6">
      <ProjectHeader project={project} current="overview" title={`${dataset.name} · ${formatCount(dataset.rowCount)} rows`} />
      <DatasetRowsTable rows={rows.map((r) => ({ id: r.id, index: r.index, externalId: r.externalId, split: r.split, gold: r.gold, fields: r.fields }))} classNames={classNames} />
      <nav className="flex items-center gap-3 text-sm" aria-label="Pages">
        {current > 0 && <Link href={link(current - 1)} className="btn-secondary">← Previous</Link>}
        <span data-testid="page-indicator" className="text-slate-500">Page {current + 1} of {formatCount(pages)}</span>
        {current < pages - 1 && <Link href={link(current + 1)} className="btn-secondary">Next →</Link>}
      </nav>
    </article>
  );
}
