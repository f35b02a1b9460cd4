import { describe, expect, it } from "vitest";
import { hasFilters, parseRowsQuery, rowsHref } from "./rows-query";

describe("parseRowsQuery", () => {
  it("reads every filter from the URL and drops bad or empty values", () => {
    expect(
      parseRowsQuery({
        q: " free ",
        split: "dev",
        gold: "1",
        pl: "0",
        cmin: "0.2",
        cmax: "0.9",
        prog: "p1",
        vote: "abstain",
        conflict: "yes",
        sort: "-confidence",
        page: "3",
        row: "41",
      }),
    ).toEqual({
      q: "free",
      split: "dev",
      gold: 1,
      pl: 0,
      cmin: 0.2,
      cmax: 0.9,
      prog: "p1",
      vote: "abstain",
      conflict: "yes",
      sort: "-confidence",
      page: 3,
      row: 41,
    });
    expect(parseRowsQuery({ q: "", split: "nope", gold: "-1", cmin: "2", sort: "x", page: "0", row: "a" })).toEqual({ page: 1 });
    expect(parseRowsQuery({ gold: "none", page: ["2", "5"] })).toEqual({ gold: "none", page: 2 });
  });
});

describe("rowsHref", () => {
  it("round-trips a query through the URL, leaving defaults out", () => {
    const query = parseRowsQuery({ q: "free entry", gold: "has", sort: "id", page: "4" });
    const href = rowsHref("/projects/p/datasets/d", query, { row: 7 });
    expect(href).toBe("/projects/p/datasets/d?q=free+entry&gold=has&sort=id&page=4&row=7");
    expect(parseRowsQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual({ ...query, row: 7 });
    expect(rowsHref("/b", { page: 1, sort: "index" })).toBe("/b");
    expect(rowsHref("/b", query, { q: undefined, page: 1 })).toBe("/b?gold=has&sort=id");
  });

  it("says whether a search or filter is set", () => {
    expect(hasFilters(parseRowsQuery({ sort: "id", page: "2" }))).toBe(false);
    expect(hasFilters(parseRowsQuery({ conflict: "no" }))).toBe(true);
  });
});
