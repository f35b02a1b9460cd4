import type { Db } from "../client";
import { DomainError } from "../domain-error";
import { Prisma } from "../generated/prisma/client";
import { queryRows } from "../query-rows";
import type { GoldSource, Split } from "../generated/prisma/enums";
import { readPseudolabelsForRows, type DatasetShape } from "./review-rows";
import { runPrograms } from "./runs";
import { readRunArgmax, readVoteColumns } from "./row-run-columns";

/**
 * The rows page's queries: full-text search, filters on the row (split, gold) and on a run's
 * derived data (pseudolabel, confidence, one program's vote, conflict), sort and numbered pages.
 * Row filters and the search run in Postgres (the search on the stored, GIN-indexed `searchText`
 * tsvector of migration `row_search_column`); run filters read the run's vote and pseudolabel chunks, never a row's
 * fields, and only the page's rows are fetched whole.
 */

/** Sorts the rows page offers; `-` = descending. */
export const ROW_SORTS = ["index", "-index", "id", "confidence", "-confidence"] as const;
export type RowSort = (typeof ROW_SORTS)[number];

export interface RowBrowseQuery {
  /** Words to find in the row's string fields (each a prefix, all required). */
  readonly q?: string;
  readonly split?: Split;
  /** "none": rows without gold, "has": with gold, a number: gold of that class. */
  readonly gold?: "none" | "has" | number;
  /** Rows whose pseudolabel (argmax) is this class. */
  readonly pseudolabel?: number;
  /** Pseudolabel confidence (highest class probability) range, inclusive, 0..1. */
  readonly confidenceMin?: number;
  readonly confidenceMax?: number;
  /** Rows where the run's program at position `program` voted `value` ("fires" = any class). */
  readonly vote?: { readonly program: number; readonly value: number | "abstain" | "fires" };
  /** true: at least two programs voted different classes; false: none disagree. */
  readonly conflict?: boolean;
  readonly sort?: RowSort;
  /** 0-based; past the last page it is clamped to the last page. */
  readonly page: number;
  readonly pageSize: number;
}

export interface BrowsedRow {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly split: Split;
  readonly gold: number | null;
  readonly goldSource: GoldSource;
  readonly fields: unknown;
  readonly pseudolabel: { label: number; confidence: number } | null;
}

export interface RowBrowsePage {
  readonly rows: BrowsedRow[];
  readonly total: number;
  /** The page served (the asked page clamped to 0..pages-1). */
  readonly page: number;
  readonly pages: number;
}

/** The row's string fields as a stored tsvector ('simple': no stemming, any language), GIN-indexed (migration `row_search_column`). */
const ROW_TSVECTOR = Prisma.raw(`"searchText"`);

/**
 * A search box's text as a `to_tsquery` string: its words (letters and digits), lower-cased, each
 * a prefix, all required; null when it holds no word. Only word characters reach the tsquery, so
 * no input can be a tsquery syntax error.
 *
 * @example
 * searchQuery("Free  entry!") // "'free':* & 'entry':*"
 */
export function searchQuery(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  return words.length ? words.map((w) => `'${w}':*`).join(" & ") : null;
}

/**
 * One page of a dataset's rows matching `query`, with the run's pseudolabel of each (null
 * without a run or pseudolabels). Throws a DomainError for a run filter or sort the run cannot
 * answer (no run, no pseudolabels, a program position outside the run).
 *
 * @example
 * const page = await browseRows(prisma, { dataset, run, query: { q: "free", split: "DEV", page: 0, pageSize: 50 } });
 */
export async function browseRows(
  db: Db,
  input: { dataset: DatasetShape; run: { id: string; codeHashes: readonly string[] } | null; query: RowBrowseQuery },
): Promise<RowBrowsePage> {
  const { dataset, run, query } = input;
  if (!Number.isInteger(query.page) || query.page < 0) throw new DomainError("INVALID", `page must be a whole number from 1, got ${query.page + 1}`);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > 500) throw new Error(`pageSize must be 1..500, got ${query.pageSize}`);
  const where = sqlFilters(dataset.id, query);
  const needsRun =
    query.pseudolabel !== undefined ||
    query.confidenceMin !== undefined ||
    query.confidenceMax !== undefined ||
    query.vote !== undefined ||
    query.conflict !== undefined ||
    query.sort === "confidence" ||
    query.sort === "-confidence";
  let indices: number[];
  let total: number;
  let page: number;
  if (!needsRun) {
    total =
      where.length > 1
        ? (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Row" WHERE ${Prisma.join(where, " AND ")}`)[0]!.n
        : dataset.rowCount;
    page = clampPage(query.page, total, query.pageSize);
    const offset = page * query.pageSize;
    if (where.length === 1 && query.sort !== "id") {
      // Unfiltered, in row order: a dataset's indices are 0..rowCount-1 (the vote chunks rely on
      // it too), so the page is a range; OFFSET made Postgres walk every row before the page
      // (tens of ms for a deep page of 100k rows, on every view).
      const count = Math.max(0, Math.min(query.pageSize, total - offset));
      indices = Array.from({ length: count }, (_, i) => (query.sort === "-index" ? total - 1 - offset - i : offset + i));
    } else {
      const order = query.sort === "-index" ? Prisma.sql`"index" DESC` : query.sort === "id" ? Prisma.sql`"externalId" ASC` : Prisma.sql`"index" ASC`;
      const found = await db.$queryRaw<
        { index: number }[]
      >`SELECT "index" FROM "Row" WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}`;
      indices = found.map((r) => r.index);
    }
  } else {
    if (!run) throw new DomainError("CONFLICT", "this dataset has no analysed run yet: apply programs first, then filter by votes, pseudolabels or conflict");
    const matched = await matchRunFilters(db, dataset, run, query);
    const inSql =
      where.length > 1
        ? new Set((await db.$queryRaw<{ index: number }[]>`SELECT "index" FROM "Row" WHERE ${Prisma.join(where, " AND ")}`).map((r) => r.index))
        : null;
    const all = inSql ? matched.indices.filter((i) => inSql.has(i)) : matched.indices;
    if (query.sort === "confidence" || query.sort === "-confidence") {
      const sign = query.sort === "confidence" ? 1 : -1;
      const conf = matched.confidence!;
      all.sort((a, b) => sign * (conf[a]! - conf[b]!) || a - b);
    } else if (query.sort === "-index") all.reverse();
    else if (query.sort === "id")
      throw new DomainError("INVALID", "sorting by id works without vote, pseudolabel or conflict filters: sort by row or confidence instead");
    total = all.length;
    page = clampPage(query.page, total, query.pageSize);
    indices = all.slice(page * query.pageSize, (page + 1) * query.pageSize);
  }
  // Straight on the pool (`queryRows`): a page of 50 rows with their fields is read on every view.
  const rows = indices.length
    ? await queryRows<{ id: string; index: number; externalId: string; split: Split; gold: number | null; goldSource: GoldSource; fields: Prisma.JsonValue }>(
        db,
      )`
        SELECT "id", "index", "externalId", "split"::text AS "split", "gold", "goldSource"::text AS "goldSource", "fields"
        FROM "Row" WHERE "datasetId" = ${dataset.id} AND "index" = ANY(${indices}::int[])`
    : [];
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const pseudo = run ? await readPseudolabelsForRows(db, run.id, dataset, indices) : indices.map(() => null);
  return {
    rows: indices.flatMap((index, i) => (byIndex.has(index) ? [{ ...byIndex.get(index)!, pseudolabel: pseudo[i] ?? null }] : [])),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1));
}

function sqlFilters(datasetId: string, query: RowBrowseQuery): Prisma.Sql[] {
  const where = [Prisma.sql`"datasetId" = ${datasetId}`];
  const ts = query.q ? searchQuery(query.q) : null;
  if (ts) where.push(Prisma.sql`${ROW_TSVECTOR} @@ to_tsquery('simple'::regconfig, ${ts})`);
  if (query.split) where.push(Prisma.sql`"split" = ${query.split}::"Split"`);
  if (query.gold === "none") where.push(Prisma.sql`"gold" IS NULL`);
  else if (query.gold === "has") where.push(Prisma.sql`"gold" IS NOT NULL`);
  else if (typeof query.gold === "number") where.push(Prisma.sql`"gold" = ${query.gold}`);
  return where;
}

/** Row indices (ascending) passing the run filters, and every row's confidence when a filter or sort needs it. */
async function matchRunFilters(db: Db, dataset: DatasetShape, run: { id: string; codeHashes: readonly string[] }, query: RowBrowseQuery) {
  const n = dataset.rowCount;
  const keep = new Uint8Array(n).fill(1);
  if (query.vote) {
    const { program, value } = query.vote;
    const hash = run.codeHashes[program];
    if (hash === undefined)
      throw new DomainError("INVALID", `program ${program + 1} is not in this run (it has ${run.codeHashes.length}): pick one of the run's programs`);
    const votes = await readVoteColumns(db, dataset, [hash]);
    for (let i = 0; i < n; i++) {
      const v = votes[0]![i]!;
      if (value === "abstain" ? v >= 0 : value === "fires" ? v < 0 : v !== value) keep[i] = 0;
    }
  }
  if (query.conflict !== undefined) {
    const columns = await readVoteColumns(db, dataset, run.codeHashes);
    const first = new Int8Array(n).fill(-1);
    const conflict = new Uint8Array(n);
    for (const column of columns) {
      for (let i = 0; i < n; i++) {
        const v = column[i]!;
        if (v < 0) continue;
        if (first[i]! < 0) first[i] = v;
        else if (first[i] !== v) conflict[i] = 1;
      }
    }
    for (let i = 0; i < n; i++) if ((conflict[i] === 1) !== query.conflict) keep[i] = 0;
  }
  let confidence: Float32Array | null = null;
  const wantsPseudo =
    query.pseudolabel !== undefined ||
    query.confidenceMin !== undefined ||
    query.confidenceMax !== undefined ||
    query.sort === "confidence" ||
    query.sort === "-confidence";
  if (wantsPseudo) {
    const pseudo = await readRunArgmax(db, run.id, dataset);
    confidence = pseudo.confidence;
    const lo = query.confidenceMin ?? -Infinity;
    const hi = query.confidenceMax ?? Infinity;
    for (let i = 0; i < n; i++) {
      if (query.pseudolabel !== undefined && pseudo.label[i] !== query.pseudolabel) keep[i] = 0;
      // Float32 storage: compare at that precision so "confidence = 1" rows pass a max of 1.
      else if (confidence[i]! < Math.fround(lo) || confidence[i]! > Math.fround(hi)) keep[i] = 0;
    }
  }
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) indices.push(i);
  return { indices, confidence };
}

/**
 * The dataset's newest analysed run (id, programs, whether it has pseudolabels), the one the rows
 * page filters by; null before any run was analysed.
 *
 * @example
 * const run = await latestAnalysedRun(prisma, datasetId);
 */
export async function latestAnalysedRun(db: Db, datasetId: string) {
  const run = await db.run.findFirst({
    where: { datasetId, analysis: { not: Prisma.DbNull } },
    orderBy: { createdAt: "desc" },
    select: { id: true, programs: true, createdAt: true },
  });
  if (!run) return null;
  const pseudo = await db.pseudolabel.findFirst({ where: { runId: run.id }, select: { id: true } });
  return { id: run.id, createdAt: run.createdAt, programs: runPrograms(run), hasPseudolabels: pseudo !== null };
}
