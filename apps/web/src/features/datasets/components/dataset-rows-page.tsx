import Link from "next/link";
import { notFound } from "next/navigation";
import { getPrisma, readRows } from "@alchemist/db";
import { getProjectHeader } from "@/features/projects/server/get-project-header";
import { ProjectHeader } from "@/features/projects/components/project-header";
import { formatCount } from "@/lib/format-count";

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
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.fields as object)))];
  const link = (p: number) => `/projects/${projectId}/datasets/${datasetId}?page=${p + 1}`;
  return (
    <article data-testid="dataset-rows-page" className="space-y-6">
      <ProjectHeader project={project} current="overview" title={`${dataset.name} · ${formatCount(dataset.rowCount)} rows`} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="rows-table" className="w-full text-xs">
          <thead className="bg-slate-50 text-left font-medium text-slate-500">
            <tr><th className="px-3 py-2">#</th><th className="px-3 py-2">id</th><th className="px-3 py-2">split</th><th className="px-3 py-2">gold</th>{columns.map((c) => <th key={c} className="px-3 py-2">{c}</th>)}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="data-row">
                <td className="px-3 py-1.5 tabular-nums text-slate-400">{row.index + 1}</td>
                <td className="px-3 py-1.5 font-mono">{row.externalId}</td>
                <td className="px-3 py-1.5">{row.split.toLowerCase()}</td>
                <td className="px-3 py-1.5">{row.gold === null ? "" : (classNames[row.gold] ?? row.gold)}</td>
                {columns.map((c) => <td key={c} className="max-w-lg truncate px-3 py-1.5">{String((row.fields as Record<string, unknown>)[c] ?? "")}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="flex items-center gap-3 text-sm" aria-label="Pages">
        {current > 0 && <Link href={link(current - 1)} className="btn-secondary">← Previous</Link>}
        <span data-testid="page-indicator" className="text-slate-500">Page {current + 1} of {formatCount(pages)}</span>
        {current < pages - 1 && <Link href={link(current + 1)} className="btn-secondary">Next →</Link>}
      </nav>
    </article>
  );
}
