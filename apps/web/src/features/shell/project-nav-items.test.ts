import { describe, expect, it } from "vitest";
import { activeProjectNav, SETTINGS_GROUP, WORKFLOW_GROUPS } from "./project-nav-items";

describe("activeProjectNav", () => {
  it("marks the overview only on the project's own URL", () => {
    expect(activeProjectNav("/projects/p1", "p1")).toEqual({ group: "overview", item: "overview" });
    expect(activeProjectNav("/projects/p1/", "p1")).toEqual({ group: "overview", item: "overview" });
  });

  it("puts nested pages under their workflow step", () => {
    expect(activeProjectNav("/projects/p1/programs/abc", "p1")).toEqual({ group: "programs", item: null });
    expect(activeProjectNav("/projects/p1/programs/new", "p1")).toEqual({ group: "programs", item: "programs" });
    expect(activeProjectNav("/projects/p1/datasets/d9", "p1")).toEqual({ group: "data", item: null });
    expect(activeProjectNav("/projects/p1/datasets/new", "p1")).toEqual({ group: "data", item: "data" });
    expect(activeProjectNav("/projects/p1/review/batches/b1/stats", "p1")).toEqual({ group: "review", item: "review" });
    expect(activeProjectNav("/projects/p1/runs/diff", "p1")).toEqual({ group: "model", item: "runs" });
    expect(activeProjectNav("/projects/p1/costs", "p1")).toEqual({ group: "settings", item: "costs" });
  });

  it("does not match another project or a longer id", () => {
    expect(activeProjectNav("/projects/p10/train", "p1")).toEqual({ group: null, item: null });
    expect(activeProjectNav("/projects/p1/trainer", "p1")).toEqual({ group: null, item: null });
  });

  it("keeps every link key unique (they are the tabs' test ids)", () => {
    const keys = [...WORKFLOW_GROUPS, SETTINGS_GROUP].flatMap((group) => group.items.map((item) => item.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
