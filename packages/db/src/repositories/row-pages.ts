import type { Db } from "../client";
import { readRows } from "./datasets";
import { queryRows } from "../query-rows";
import { bytesToVotes } from "../votes";

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

/** Which rows the analysis page clicks through to; program indices are positions in the run's program list. */
export type VoteRowFilter =
  | { readonly kind: "fires"; readonly program: number }
  | { readonly kind: "conflicts"; readonly program: number }
  | { readonly kind: "pair-overlap"; readonly a: number; readonly b: number }
  | { readonly kind: "pair-conflict"; readonly a: number; readonly b: number }
  | { readonly kind: "wrong-on-dev"; readonly program: number };

/** One click-through row: its fields, every run program's vote, and gold only for DEV rows. */
export interface VoteRow {
  readonly index: number;
  readonly externalId: string;
  readonly fields: unknown;
  readonly split: "TRAIN" | "DEV" | "TEST";
  /** Gold class for DEV rows; null elsewhere (train and test gold are never shown). */
  readonly gold: number | null;
  /** One vote per run program (run order), -1 = abstain. */
  readonly votes: number[];
}

export interface VoteRowPage {
  readonly rows: VoteRow[];
  /** Matches counted so far: the exact total when `complete`, else a lower bound. */
  readonly matched: number;
  /** True when the scan reached the last chunk (so `matched` is the total). */
  readonly complete: boolean;
  readonly chunksScanned: number;
}

/** Chunks fetched per query while scanning: few round trips, bounded memory. */
const SCAN_BATCH = 8;

/**
 * One page of the rows matching `filter` (rows where a program fires, conflicts with another, a
 * pair overlaps or conflicts, or a program is wrong on DEV gold), for the analysis page's
 * click-through. Scans the stored vote chunks in row order, reading only the programs the filter
 * needs, and stops as soon as the page is full; then reads just that page's rows and every
 * program's votes on their chunks. Never loads all rows: the page's total comes from the run's
 * analysis snapshot.
 *
 * @example
 * const { rows } = await readVoteRowPage(prisma, { dataset, codeHashes, filter: { kind: "fires", program: 3 }, page: 0, pageSize: 25 });
 */
export async function readVoteRowPage(
  db: Db,
  input: {
    dataset: { id: string; chunkSize: number; rowCount: number };
    codeHashes: readonly string[];
    filter: VoteRowFilter;
    page: number;
    pageSize: number;
    /** The known number of matches (from the analysis snapshot): the scan stops once it has seen them all. */
    total?: number;
  },
): Promise<VoteRowPage> {
  const { dataset, codeHashes, filter, page, pageSize } = input;
  const m = codeHashes.length;
  if (!Number.isInteger(page) || page < 0) throw new Error(`page must be a non-negative integer, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new Error(`pageSize must be 1..200, got ${pageSize}`);
  const used = filter.kind === "conflicts" ? codeHashes.map((_, j) => j) : "program" in filter ? [filter.program] : [filter.a, filter.b];
  for (const j of used) if (!Number.isInteger(j) || j < 0 || j >= m) throw new Error(`program ${j} is outside 0..${m - 1} of this run`);
  if ("a" in filter && filter.a === filter.b && filter.kind === "pair-conflict") throw new Error(`a program never conflicts with itself (program ${filter.a})`);
  const chunkCount = Math.ceil(dataset.rowCount / dataset.chunkSize);
  const skip = page * pageSize;
  // Past the known total nothing can match, so the last pages need not scan the tail of the dataset.
  const want = Math.min(skip + pageSize, input.total ?? Number.POSITIVE_INFINITY);
  const hits: number[] = [];
  let matched = 0;
  let scanned = 0;
  for (let start = 0; start < chunkCount && matched < want; start += SCAN_BATCH) {
    const end = Math.min(chunkCount, start + SCAN_BATCH);
    const votes = await readChunkVotes(
      db,
      dataset,
      used.map((j) => codeHashes[j]!),
      start,
      end,
    );
    const gold = filter.kind === "wrong-on-dev" ? await readDevGoldRange(db, dataset.id, start * dataset.chunkSize, end * dataset.chunkSize) : null;
    for (let c = start; c < end && matched < want; c++) {
      scanned++;
      const rows = Math.min(dataset.chunkSize, dataset.rowCount - c * dataset.chunkSize);
      const column = (j: number) => votes.get(`${codeHashes[j]}:${c}`)!;
      for (let r = 0; r < rows && matched < want; r++) {
        const index = c * dataset.chunkSize + r;
        if (!matches(filter, column, r, m, gold?.get(index))) continue;
        if (matched >= skip) hits.push(index);
        matched++;
      }
    }
  }
  const complete = scanned === chunkCount || matched === input.total;
  if (hits.length === 0) return { rows: [], matched, complete, chunksScanned: scanned };
  const chunks = [...new Set(hits.map((i) => Math.floor(i / dataset.chunkSize)))];
  const [rows, all] = await Promise.all([
    queryRows<{ index: number; externalId: string; fields: unknown; split: VoteRow["split"]; gold: number | null }>(db)`
      SELECT "index", "externalId", "fields", "split"::text AS "split", "gold" FROM "Row"
      WHERE "datasetId" = ${dataset.id} AND "index" = ANY(${hits}::int[]) ORDER BY "index"`,
    readChunkVotes(db, dataset, codeHashes, chunks, null),
  ]);
  return {
    rows: rows.map((row) => {
      const c = Math.floor(row.index / dataset.chunkSize);
      const r = row.index - c * dataset.chunkSize;
      return { ...row, gold: row.split === "DEV" ? row.gold : null, votes: codeHashes.map((h) => all.get(`${h}:${c}`)![r]!) };
    }),
    matched,
    complete,
    chunksScanned: scanned,
  };
}

function matches(filter: VoteRowFilter, column: (j: number) => Int8Array, r: number, m: number, gold: number | undefined): boolean {
  switch (filter.kind) {
    case "fires":
      return column(filter.program)[r]! >= 0;
    case "wrong-on-dev": {
      const v = column(filter.program)[r]!;
      return v >= 0 && gold !== undefined && v !== gold;
    }
    case "pair-overlap":
      return column(filter.a)[r]! >= 0 && column(filter.b)[r]! >= 0;
    case "pair-conflict": {
      const a = column(filter.a)[r]!;
      const b = column(filter.b)[r]!;
      return a >= 0 && b >= 0 && a !== b;
    }
    case "conflicts": {
      const v = column(filter.program)[r]!;
      if (v < 0) return false;
      for (let j = 0; j < m; j++) {
        const w = column(j)[r]!;
        if (w >= 0 && w !== v) return true;
      }
      return false;
    }
  }
}

// Votes keyed `${codeHash}:${chunkIndex}`, for chunk range [start, end) or the listed chunks; throws naming a missing chunk.
async function readChunkVotes(
  db: Db,
  dataset: { id: string; chunkSize: number; rowCount: number },
  codeHashes: readonly string[],
  start: number | readonly number[],
  end: number | null,
): Promise<Map<string, Int8Array>> {
  const hashes = [...new Set(codeHashes)];
  const wanted = typeof start === "number" ? Array.from({ length: end! - start }, (_, i) => start + i) : start;
  // Straight on the pool (`queryRows`): every click-through page reads a few of these.
  const stored = await queryRows<{ codeHash: string; chunkIndex: number; votes: Uint8Array }>(db)`
    SELECT "codeHash", "chunkIndex", "votes" FROM "ProgramOutput"
    WHERE "datasetId" = ${dataset.id} AND "codeHash" = ANY(${hashes}::text[]) AND "chunkIndex" = ANY(${wanted}::int[])`;
  const map = new Map(stored.map((s) => [`${s.codeHash}:${s.chunkIndex}`, bytesToVotes(s.votes)]));
  for (const h of hashes) {
    for (const c of wanted) {
      const expected = Math.min(dataset.chunkSize, dataset.rowCount - c * dataset.chunkSize);
      const votes = map.get(`${h}:${c}`);
      if (!votes) throw new Error(`program ${h.slice(0, 12)} has no votes for chunk ${c} of dataset ${dataset.id}`);
      if (votes.length !== expected) throw new Error(`chunk ${c} of ${h.slice(0, 12)} holds ${votes.length} votes, expected ${expected}`);
    }
  }
  return map;
}

async function readDevGoldRange(db: Db, datasetId: string, start: number, end: number): Promise<Map<number, number>> {
  const rows = await db.row.findMany({
    where: { datasetId, split: "DEV", gold: { not: null }, index: { gte: start, lt: end } },
    select: { index: true, gold: true },
  });
  return new Map(rows.map((r) => [r.index, r.gold!]));
}
