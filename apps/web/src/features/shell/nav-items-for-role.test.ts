import { describe, expect, it } from "vitest";
import { itemsFor, SETTINGS_GROUP, WORKFLOW_GROUPS } from "./project-nav-items";

const keys = (role: Parameters<typeof itemsFor>[1]) =>
  [...WORKFLOW_GROUPS.flatMap((g) => itemsFor(g.items, role)), ...itemsFor(SETTINGS_GROUP.items, role)].map((i) => i.key);

describe("navigation by role", () => {
  it("offers owners every page", () => {
    expect(keys("OWNER")).toEqual([...WORKFLOW_GROUPS.flatMap((g) => g.items), ...SETTINGS_GROUP.items].map((i) => i.key));
  });

  it("leaves out the pages a role would get a 403 from", () => {
    expect(keys("EDITOR")).not.toContain("settings");
    expect(keys("EDITOR")).not.toContain("audit");
    expect(keys("EDITOR")).toContain("programs");
    for (const role of ["REVIEWER", "VIEWER"] as const) {
      expect(keys(role)).not.toEqual(expect.arrayContaining(["data"]));
      expect(keys(role)).not.toContain("programs");
      expect(keys(role)).not.toContain("settings");
      expect(keys(role)).toEqual(expect.arrayContaining(["task", "generate", "analysis", "review", "exports", "jobs", "members"]));
    }
  });
});
