import { describe, expect, it } from "vitest";
import type { ProgramTableRow } from "./merge-program-rows";
import { PAGE_SIZE, applyProgramTableQuery, parseProgramTableQuery, tableHref } from "./program-table-query";

const row = (
  name: string,
  o: { language?: string; enabled?: boolean; coverage?: number; accuracy?: number; faults?: number; analysed?: boolean; deleted?: boolean } = {},
): ProgramTableRow => ({
  key: name,
  name,
  program: o.deleted ? undefined : { id: name, name, enabled: o.enabled ?? true, language: o.language ?? "PYTHON" },
  analysis:
    o.analysed === false
      ? undefined
      : {
          name,
          programId: name,
          polarity: [1],
          coverage: o.coverage ?? 0.5,
          overlaps: 0.1,
          conflicts: 0.05,
          empiricalAccuracy: o.accuracy,
          faults: o.faults ?? 0,
          faultKinds: {},
        },
});

const rows = [
  row("free_words", { coverage: 0.3, accuracy: 0.9 }),
  row("short_msgs", { coverage: 0.7, accuracy: 0.6, language: "JAVASCRIPT" }),
  row("urls", { coverage: 0.1, faults: 4, enabled: false }),
  row("new_one", { analysed: false }),
  row("gone", { coverage: 0.2, accuracy: 0.5, deleted: true }),
];
const names = (q: Record<string, string>) => applyProgramTableQuery(rows, parseProgramTableQuery(q)).rows.map((r) => r.name);

describe("programs table query", () => {
  it("sorts by any LF column both ways, rows without a value last, and by name", () => {
    expect(names({ sort: "coverage" })).toEqual(["short_msgs", "free_words", "gone", "urls", "new_one"]);
    expect(names({ sort: "coverage", dir: "asc" })).toEqual(["urls", "gone", "free_words", "short_msgs", "new_one"]);
    expect(names({ sort: "accuracy", dir: "asc" })).toEqual(["gone", "short_msgs", "free_words", "urls", "new_one"]);
    expect(names({ sort: "faults" })[0]).toBe("urls");
    expect(names({ sort: "name", dir: "asc" })).toEqual(["free_words", "gone", "new_one", "short_msgs", "urls"]);
    expect(names({})).toEqual(rows.map((r) => r.name));
  });

  it("filters by name, language, enabled and faults; bad params fall back to defaults", () => {
    expect(names({ q: "S" })).toEqual(["free_words", "short_msgs", "urls"]);
    expect(names({ lang: "javascript" })).toEqual(["short_msgs"]);
    expect(names({ enabled: "off" })).toEqual(["urls"]);
    expect(names({ enabled: "on" })).toEqual(["free_words", "short_msgs", "new_one"]);
    expect(names({ faults: "yes" })).toEqual(["urls"]);
    expect(names({ faults: "no", lang: "python", sort: "coverage" })).toEqual(["free_words", "new_one"]);
    expect(parseProgramTableQuery({ sort: "evil", dir: "sideways", lang: "cobol", page: "-3" })).toEqual({ dir: "desc", page: 1 });
  });

  it("pages 50 rows at a time and clamps the page", () => {
    const many = Array.from({ length: 120 }, (_, i) => row(`p${String(i).padStart(3, "0")}`, { coverage: i / 120 }));
    const third = applyProgramTableQuery(many, parseProgramTableQuery({ sort: "coverage", dir: "asc", page: "3" }));
    expect(third).toMatchObject({ total: 120, pages: 3, page: 3 });
    expect(third.rows.map((r) => r.name)).toEqual(many.slice(2 * PAGE_SIZE).map((r) => r.name));
    expect(applyProgramTableQuery(many, parseProgramTableQuery({ page: "99" })).page).toBe(3);
  });

  it("builds links that keep the other params and reset the page", () => {
    const q = parseProgramTableQuery({ sort: "coverage", dir: "asc", q: "free", page: "2" });
    expect(tableHref("/projects/p1", q, { sort: "faults", dir: "desc" })).toBe("/projects/p1?sort=faults&dir=desc&q=free#programs");
    expect(tableHref("/projects/p1", q, { page: 3 })).toBe("/projects/p1?sort=coverage&dir=asc&q=free&page=3#programs");
    expect(tableHref("/projects/p1", parseProgramTableQuery({}), {})).toBe("/projects/p1#programs");
  });
});
