import type { DataRow, TaskSpec } from "@alchemist/engine";
import { getLatestDataset, getProjectTask, readRows, toDataRow, toTaskSpec, type Db } from "@alchemist/db";

const PAGE = 5000;

/**
 * The project's task and every row of its newest dataset (validation samples and exemplars come
 * from the rows; the zero-shot estimate needs all of them).
 *
 * @example
 * const { task, datasetId, rows } = await loadGenerationInputs(prisma, projectId);
 */
export async function loadGenerationInputs(db: Db, projectId: string, signal?: AbortSignal): Promise<{ task: TaskSpec; datasetId: string; rows: DataRow[] }> {
  const task = toTaskSpec(await getProjectTask(db, projectId));
  const dataset = await getLatestDataset(db, projectId);
  if (!dataset || dataset.rowCount === 0) throw new Error(`project ${projectId} has no dataset rows to generate programs for; import a dataset first`);
  const rows: DataRow[] = [];
  for (let start = 0; start < dataset.rowCount; start += PAGE) {
    signal?.throwIfAborted();
    for (const row of await readRows(db, dataset.id, start, Math.min(start + PAGE, dataset.rowCount))) rows.push(toDataRow(row));
  }
  return { task, datasetId: dataset.id, rows };
}
