import { describe, expect, it } from "vitest";
import { refusalMessage, rolesThatMay } from "./role-refusal";

describe("role refusal wording", () => {
  it("names the roles the engine's matrix grants each permission", () => {
    expect(rolesThatMay("read")).toBe("viewer, reviewer, editor or owner");
    expect(rolesThatMay("review")).toBe("reviewer, editor or owner");
    expect(rolesThatMay("edit")).toBe("editor or owner");
    expect(rolesThatMay("manage")).toBe("owner");
  });

  it("tells the member their role, what it cannot do and who can", () => {
    expect(refusalMessage("REVIEWER", "edit")).toBe(
      "your role (reviewer) cannot edit (data, task, programs, runs and models) in this project: that needs the editor or owner role; ask a project owner to change your role",
    );
    expect(refusalMessage("EDITOR", "manage")).toMatch(/^your role \(editor\) cannot manage .* that needs the owner role;/);
  });
});
