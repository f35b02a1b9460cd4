import { describe, expect, it } from "vitest";
import { modelName, runName } from "./run-name";

const program = (id: string, hash: string) => ({ programId: id, programVersionId: `${id}-${hash}`, name: `p_${id}`, codeHash: hash });

describe("runName", () => {
  it("numbers the first run and counts its programs", () => {
    expect(runName(1, null, [program("a", "1"), program("b", "1")])).toBe("Run 1 · 2 programs");
    expect(runName(1, null, [program("a", "1")])).toBe("Run 1 · 1 program");
  });

  it("says what changed since the run before", () => {
    const before = [program("a", "1"), program("b", "1"), program("c", "1")];
    expect(runName(4, before, [program("a", "2"), program("b", "2"), program("c", "1")])).toBe("Run 4 · 2 programs edited");
    expect(runName(5, before, [program("a", "2"), program("b", "1"), program("c", "1"), program("d", "1")])).toBe("Run 5 · 1 program edited, 1 added");
    expect(runName(6, before, [program("a", "1")])).toBe("Run 6 · 2 programs removed");
    expect(runName(7, before, [...before, program("d", "1")])).toBe("Run 7 · 1 program added");
    expect(runName(8, before, before)).toBe("Run 8 · same programs");
  });
});

describe("modelName", () => {
  it("names the run it came from", () => {
    expect(modelName(3, "Run 4 · 2 programs edited")).toBe("Model 3 · from Run 4");
    expect(modelName(1, null)).toBe("Model 1");
  });
});
