import { z } from "zod";
import type { ProgramTableRow } from "./merge-program-rows";

export const SORT_KEYS = ["name", "coverage", "overlaps", "conflicts", "accuracy", "faults"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZE = 50;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

/** The programs table's URL search params; bad values fall back to the default instead of failing the page. */
export const ProgramTableQuery = z.object({
  sort: oneOf(SORT_KEYS),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  q: z.string().trim().max(100).optional().catch(undefined),
  lang: oneOf(["python", "javascript"] as const),
  enabled: oneOf(["on", "off"] as const),
  faults: oneOf(["yes", "no"] as const),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ProgramTableQuery = z.infer<typeof ProgramTableQuery>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Parses Next's `searchParams` into a table query (unknown keys ignored, bad values dropped).
 *
 * @example
 * parseProgramTableQuery({ sort: "coverage", dir: "asc" }); // { sort: "coverage", dir: "asc", page: 1 }
 */
export function parseProgramTableQuery(params: Record<string, string | string[] | undefined>): ProgramTableQuery {
  const raw = Object.fromEntries(["sort", "dir", "q", "lang", "enabled", "faults", "page"].map((k) => [k, first(params[k]) || undefined]));
  return ProgramTableQuery.parse(raw);
}

function sortValue(row: ProgramTableRow, key: SortKey): number | string | null {
  if (key === "name") return row.name.toLowerCase();
  const a = row.analysis;
  if (!a) return null;
  if (key === "accuracy") return a.empiricalAccuracy ?? null;
  return a[key];
}

/**
 * Filters (name contains, language, enabled, has faults), sorts (any LF column; rows without a
 * value last in both directions; ties by name) and pages the merged programs table rows.
 *
 * @example
 * const { rows, total, pages } = applyProgramTableQuery(mergeProgramRows(programs, analysis.programs), query);
 */
export function applyProgramTableQuery(
  rows: readonly ProgramTableRow[],
  query: ProgramTableQuery,
): { rows: ProgramTableRow[]; total: number; pages: number; page: number } {
  const needle = query.q?.toLowerCase();
  const kept = rows.filter((r) => {
    if (needle && !r.name.toLowerCase().includes(needle)) return false;
    if (query.lang && r.program?.language?.toLowerCase() !== query.lang) return false;
    if (query.enabled && (!r.program || r.program.enabled !== (query.enabled === "on"))) return false;
    if (query.faults && (query.faults === "yes") !== (r.analysis !== undefined && r.analysis.faults > 0)) return false;
    return true;
  });
  const key = query.sort;
  const sorted = key
    ? kept
        .map((row, i) => ({ row, i, v: sortValue(row, key) }))
        .sort((x, y) => {
          if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
          const order = x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
          return (query.dir === "asc" ? order : -order) || x.row.name.localeCompare(y.row.name);
        })
        .map((x) => x.row)
    : kept;
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return { rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: sorted.length, pages, page };
}

/**
 * The URL of the table with some params changed (undefined removes one); page resets unless given.
 *
 * @example
 * tableHref("/projects/p1", query, { sort: "coverage", dir: "asc" }); // "/projects/p1?sort=coverage&dir=asc#programs"
 */
export function tableHref(path: string, query: ProgramTableQuery, change: Partial<Record<keyof ProgramTableQuery, string | number | undefined>>): string {
  const next: Record<string, string | number | undefined> = { ...query, page: undefined, ...change };
  const params = new URLSearchParams();
  for (const key of ["sort", "dir", "q", "lang", "enabled", "faults", "page"] as const) {
    const v = next[key];
    if (v === undefined || v === "" || (key === "page" && v === 1) || (key === "dir" && !next.sort)) continue;
    params.set(key, String(v));
  }
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ""}#programs`;
}
