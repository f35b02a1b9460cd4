import type { Db } from "../client";
import { readRows } from "./datasets";

/**
 * One page of rows (`page` is 0-based) in index order plus the dataset's row count; reads only
 * that page, so it stays fast on large datasets.
 *
 * @example
 * const { rows, total } = await readRowPage(prisma, datasetId, 2, 50);
 */
export async function readRowPage(db: Db, datasetId: string, page: number, pageSize: number) {
  if (!Number.isInteger(page) || page < 0) throw new Error(`page must be a non-negative integer, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw new Error(`pageSize must be 1..500, got ${pageSize}`);
  const dataset = await db.dataset.findUnique({ where: { id: datasetId }, select: { rowCount: true } });
  const rows = await readRows(db, datasetId, page * pageSize, (page + 1) * pageSize);
  return { rows, total: dataset?.rowCount ?? 0 };
}

/**
 * Up to `limit` rows for trying a program, DEV rows with gold first (so outputs can be judged),
 * then the first rows of the dataset; index order.
 *
 * @example
 * const sample = await readSampleRows(prisma, datasetId, 20);
 */
export async function readSampleRows(db: Db, datasetId: string, limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`limit must be 1..1000, got ${limit}`);
  const dev = await db.row.findMany({ where: { datasetId, split: "DEV", gold: { not: null } }, orderBy: { index: "asc" }, take: limit });
  if (dev.length >= limit) return dev;
  const more = await db.row.findMany({ where: { datasetId, index: { notIn: dev.map((r) => r.index) } }, orderBy: { index: "asc" }, take: limit - dev.length });
  return [...dev, ...more].sort((a, b) => a.index - b.index);
}

/** The project's newest dataset, or null. */
export async function getLatestDataset(db: Db, projectId: string) {
  return db.dataset.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
}
