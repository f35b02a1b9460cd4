import Link from "next/link";
import { formatCount } from "@/lib/format-count";
import type { ProjectOverview } from "../server/get-project-overview";
import { Card } from "./card";

const SPLITS = [
  ["TRAIN", "Train"],
  ["DEV", "Dev"],
  ["TEST", "Test"],
] as const;

/**
 * Each dataset's size and rows per split; `canImport` (editors, owners) offers the import link.
 *
 * @example
 * <DatasetSummary datasets={project.datasets} projectId={id} canImport />
 */
export function DatasetSummary({ datasets, projectId, canImport = false }: { datasets: ProjectOverview["datasets"]; projectId?: string; canImport?: boolean }) {
  return (
    <Card title="Dataset" testId="dataset-summary">
      {datasets.length === 0 && (
        <p className="text-sm text-slate-500">
          No dataset imported yet.{" "}
          {projectId && canImport && (
            <Link
              prefetch={false}
              href={`/projects/${projectId}/datasets/new`}
              data-testid="import-data"
              className="font-medium text-indigo-700 hover:underline"
            >
              Import a CSV, TSV or JSONL file
            </Link>
          )}
        </p>
      )}
      {datasets.map((dataset) => (
        <div key={dataset.id} className="space-y-3">
          <p className="flex items-baseline justify-between">
            {projectId ? (
              <Link
                prefetch={false}
                href={`/projects/${projectId}/datasets/${dataset.id}`}
                data-testid="dataset-link"
                className="font-medium text-indigo-700 hover:underline"
              >
                {dataset.name}
              </Link>
            ) : (
              <span className="font-medium">{dataset.name}</span>
            )}
            <span className="text-sm text-slate-500 tabular-nums">{formatCount(dataset.rowCount)} rows</span>
          </p>
          <dl className="grid grid-cols-3 gap-2 text-center">
            {SPLITS.map(([split, label]) => (
              <div key={split} className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd data-testid={`split-${split.toLowerCase()}`} className="text-lg font-semibold tabular-nums">
                  {formatCount(dataset.splits[split] ?? 0)}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </Card>
  );
}
