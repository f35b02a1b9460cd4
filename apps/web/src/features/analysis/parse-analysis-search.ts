import { ClickThroughQuery } from "./click-through";

/**
 * Reads the analysis page's query string: `run`, the click-through (`view` with `p` or `a`/`b`)
 * and `page` (1-based in the URL, 0-based out). A malformed click-through is dropped rather than
 * failing the page; ids are passed on and checked against the project by the service.
 *
 * @example
 * parseAnalysisSearch({ run: "r1", view: "fires", p: "2", page: "3" }); // { runId: "r1", click: { view: "fires", p: 2 }, page: 2 }
 */
export function parseAnalysisSearch(search: Record<string, string | string[] | undefined>): {
  runId: string | undefined;
  click: ClickThroughQuery | null;
  page: number;
} {
  const one = (key: string) => {
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const run = one("run");
  const parsed = ClickThroughQuery.safeParse({ view: one("view"), p: one("p"), a: one("a"), b: one("b") });
  const page = Number.parseInt(one("page") ?? "1", 10);
  return {
    runId: run && /^[A-Za-z0-9_-]{1,64}$/.test(run) ? run : undefined,
    click: parsed.success ? parsed.data : null,
    page: Number.isFinite(page) && page >= 1 ? Math.min(page - 1, 1_000_000) : 0,
  };
}
