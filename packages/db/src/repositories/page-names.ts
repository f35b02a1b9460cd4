import type { Db } from "../client";
import { queryRows } from "../query-rows";

/**
 * A dataset's name when it belongs to the project, else null: the rows page's title, read on
 * every view (straight on the pool, `queryRows`).
 *
 * @example
 * const name = await findProjectDatasetName(prisma, projectId, datasetId); // "sms" | null
 */
export async function findProjectDatasetName(db: Db, projectId: string, datasetId: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(db)`SELECT "name" FROM "Dataset" WHERE "id" = ${datasetId} AND "projectId" = ${projectId}`;
  return row?.name ?? null;
}

/**
 * A program's name when it belongs to the project, else null: the program page's title, read on
 * every view and after every save.
 *
 * @example
 * const name = await findProjectProgramName(prisma, projectId, programId); // "has_url" | null
 */
export async function findProjectProgramName(db: Db, projectId: string, programId: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(db)`SELECT "name" FROM "Program" WHERE "id" = ${programId} AND "projectId" = ${projectId}`;
  return row?.name ?? null;
}
