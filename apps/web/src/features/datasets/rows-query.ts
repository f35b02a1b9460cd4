import { z } from "zod";

export const ROWS_PAGE_SIZE = 50;
export const ROW_SORT_KEYS = ["index", "-index", "id", "confidence", "-confidence"] as const;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const classIndex = z.coerce.number().int().min(0).max(127);
const fraction = z.coerce.number().min(0).max(1);

/**
 * The rows page's URL (`?q=&split=&gold=&pl=&cmin=&cmax=&prog=&vote=&conflict=&sort=&page=&row=`),
 * so a filtered view can be shared as a link. Bad values are dropped (the page falls back to
 * "no filter") rather than failing the page.
 */
export const RowsQuery = z.object({
  q: optional(z.string().trim().min(1).max(200)),
  split: optional(z.enum(["train", "dev", "test"])),
  /** none | has | a class index */
  gold: optional(z.union([z.enum(["none", "has"]), classIndex])),
  pl: optional(classIndex),
  cmin: optional(fraction),
  cmax: optional(fraction),
  /** A program id of the run; with `vote`. */
  prog: optional(z.string().min(1).max(100)),
  /** fires | abstain | a class index */
  vote: optional(z.union([z.enum(["fires", "abstain"]), classIndex])),
  conflict: optional(z.enum(["yes", "no"])),
  sort: optional(z.enum(ROW_SORT_KEYS)),
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1).default(1),
  /** The row index whose drawer is open. */
  row: optional(z.coerce.number().int().min(0)),
});
export type RowsQuery = z.infer<typeof RowsQuery>;

const KEYS = ["q", "split", "gold", "pl", "cmin", "cmax", "prog", "vote", "conflict", "sort", "page", "row"] as const;

/**
 * Parses Next's `searchParams` (empty values count as absent).
 *
 * @example
 * parseRowsQuery({ q: "free", split: "dev", page: "3" }); // { q: "free", split: "dev", page: 3 }
 */
export function parseRowsQuery(params: Record<string, string | string[] | undefined>): RowsQuery {
  return RowsQuery.parse(Object.fromEntries(KEYS.map((k) => [k, first(params[k]) || undefined])));
}

/**
 * The URL of the rows page with `query` changed by `patch` (undefined removes a key; page 1 and
 * the default sort are left out).
 *
 * @example
 * rowsHref("/projects/p/datasets/d", { q: "free", page: 2 }, { page: 3 }); // "/projects/p/datasets/d?q=free&page=3"
 */
export function rowsHref(base: string, query: Partial<RowsQuery>, patch: Partial<Record<keyof RowsQuery, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...query, ...patch };
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = merged[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    if (key === "sort" && value === "index") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** Whether any search or filter is set (the page says "matching" and offers "Clear"). */
export function hasFilters(query: RowsQuery): boolean {
  return [query.q, query.split, query.gold, query.pl, query.cmin, query.cmax, query.prog, query.conflict].some((v) => v !== undefined);
}
