import type { Db } from "../client";
import { queryRows } from "../query-rows";
import { APPLY_CHUNK_QUEUE } from "./jobs";

/** A project's run-data stamp and whether a job of it is queued or running. */
export interface RunDataStamp {
  /** Changes whenever a Run, TrainedModel, Task or Dataset row of the project is inserted, updated or deleted. */
  readonly stamp: string;
  /** As `hasActiveJobs` answers (an apply's chunk jobs left out): not part of the stamp, so job progress never invalidates it. */
  readonly hasActiveJobs: boolean;
}

/**
 * A cheap version of what a project's pages derive from its runs (analysis snapshots, run and
 * model names, the task's classes, dataset names): per table, the row count and
 * the sum of the rows' `xmin` (the id of the transaction that wrote each row version; every
 * UPDATE writes a new version with a new id, so any insert, update or delete changes the sum or
 * the count). One indexed query, read BEFORE the data it stamps: a cache keyed by it never
 * serves data older than the last committed write, whichever process or worker made it.
 *
 * @example
 * const { stamp } = await readRunDataStamp(prisma, projectId);
 * const names = await runNamesCache.get(projectId, stamp, () => loadNames(projectId));
 */
export async function readRunDataStamp(db: Db, projectId: string): Promise<RunDataStamp> {
  const [row] = await queryRows<{ stamp: string; active: boolean }>(db)`
    SELECT concat_ws('|',
      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Run" WHERE "projectId" = ${projectId}),
      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "TrainedModel" WHERE "projectId" = ${projectId}),
      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Task" WHERE "projectId" = ${projectId}),
      (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "Dataset" WHERE "projectId" = ${projectId})
    ) AS "stamp",
    EXISTS (SELECT 1 FROM "Job" WHERE "projectId" = ${projectId} AND "queue" <> ${APPLY_CHUNK_QUEUE} AND "status" IN ('QUEUED', 'RUNNING')) AS "active"`;
  return { stamp: row!.stamp, hasActiveJobs: row!.active };
}
