import { z } from "zod";
import type { AnalysisView } from "./analysis-view";

const index = z.coerce.number().int().nonnegative();

/** The click-through a URL asks for: `?view=fires&p=2`, `?view=pair-conflict&a=0&b=3`, `&page=N` (1-based). */
export const ClickThroughQuery = z.discriminatedUnion("view", [
  z.object({ view: z.enum(["fires", "conflicts", "wrong-on-dev"]), p: index }),
  z.object({ view: z.enum(["pair-overlap", "pair-conflict"]), a: index, b: index }),
]);
export type ClickThroughQuery = z.infer<typeof ClickThroughQuery>;

/** Rows per click-through page. */
export const CLICK_PAGE_SIZE = 25;

/**
 * The total number of rows a click-through matches, from the run's snapshot (no scan), or null
 * when the snapshot predates the counts.
 *
 * @example
 * clickThroughTotal(view, { view: "fires", p: 2 }); // 4210
 */
export function clickThroughTotal(view: AnalysisView, query: ClickThroughQuery): number | null {
  const m = view.programs.length;
  switch (query.view) {
    case "fires":
      return view.programs[query.p]?.votes ?? null;
    case "conflicts":
      return view.programs[query.p]?.conflictRows ?? null;
    case "wrong-on-dev":
      return view.programs[query.p]?.devIncorrect ?? null;
    case "pair-overlap":
      return view.pairs?.overlap[query.a * m + query.b] ?? null;
    case "pair-conflict":
      return view.pairs?.conflict[query.a * m + query.b] ?? null;
  }
}

/**
 * A sentence naming what the click-through shows.
 *
 * @example
 * describeClickThrough(view, { view: "pair-conflict", a: 0, b: 1 }); // "Rows where free_offer and greeting vote different classes"
 */
export function describeClickThrough(view: AnalysisView, query: ClickThroughQuery): string {
  const name = (j: number) => view.programs[j]?.name ?? `program ${j}`;
  switch (query.view) {
    case "fires":
      return `Rows where ${name(query.p)} votes`;
    case "conflicts":
      return `Rows where ${name(query.p)} conflicts with another program`;
    case "wrong-on-dev":
      return `Dev rows where ${name(query.p)} disagrees with the gold label`;
    case "pair-overlap":
      return `Rows where ${name(query.a)} and ${name(query.b)} both vote`;
    case "pair-conflict":
      return `Rows where ${name(query.a)} and ${name(query.b)} vote different classes`;
  }
}

/**
 * The query string of a click-through link (run id kept so the page stays on the same run).
 *
 * @example
 * clickThroughHref("p1", "r1", { view: "fires", p: 0 }); // "/projects/p1/analysis?run=r1&view=fires&p=0#rows"
 */
export function clickThroughHref(projectId: string, runId: string, query: ClickThroughQuery, page = 1): string {
  const params = new URLSearchParams({ run: runId, view: query.view });
  if ("p" in query) params.set("p", String(query.p));
  else {
    params.set("a", String(query.a));
    params.set("b", String(query.b));
  }
  if (page > 1) params.set("page", String(page));
  return `/projects/${projectId}/analysis?${params.toString()}#rows`;
}

/**
 * A click-through row's votes from the programs outside `focus` (the ones the link is about),
 * grouped by the class they voted, classes ascending, programs in index order: one line per class
 * instead of one chip per program keeps a page of rows at 20+ programs a few elements per row.
 *
 * @example
 * otherVotesByClass([1, -1, 0, 1], new Set([0])); // [[0, [2]], [1, [3]]]
 */
export function otherVotesByClass(votes: readonly number[], focus: ReadonlySet<number>): [number, number[]][] {
  const groups = new Map<number, number[]>();
  votes.forEach((v, j) => {
    if (v < 0 || focus.has(j)) return;
    const list = groups.get(v);
    if (list) list.push(j);
    else groups.set(v, [j]);
  });
  return [...groups].sort((a, b) => a[0] - b[0]);
}
