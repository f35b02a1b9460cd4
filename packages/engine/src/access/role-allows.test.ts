import { describe, expect, it } from "vitest";
import { roleAllows, type Permission, type ProjectRole } from "./role-allows";

describe("roleAllows", () => {
  it("is the permission matrix: each role grants its own permission and every lower one", () => {
    const permissions: Permission[] = ["read", "review", "edit", "manage"];
    const grants: Record<ProjectRole, number> = { VIEWER: 1, REVIEWER: 2, EDITOR: 3, OWNER: 4 };
    for (const [role, count] of Object.entries(grants) as [ProjectRole, number][]) {
      expect(permissions.filter((p) => roleAllows(role, p))).toEqual(permissions.slice(0, count));
    }
  });
});
