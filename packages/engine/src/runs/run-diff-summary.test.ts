import { describe, expect, it } from "vitest";
import { attributeLabelChanges } from "./attribute-label-changes";
import { diffRunPrograms } from "./diff-run-programs";
import { summarizeRunDiff } from "./summarize-run-diff";

const p = (programId: string, version: string, codeHash: string, name = programId) => ({ programId, programVersionId: version, name, codeHash });

describe("diffRunPrograms", () => {
  it("sorts programs into added, removed, changed and unchanged, with the hashes whose votes can move a label", () => {
    const a = [p("keep", "k1", "hk"), p("edit", "e1", "he1"), p("gone", "g1", "hg")];
    const b = [p("keep", "k1", "hk"), p("edit", "e2", "he2", "edited"), p("new", "n1", "hn")];
    const versions = new Map([
      ["k1", 1],
      ["e1", 1],
      ["e2", 2],
      ["g1", 3],
      ["n1", 1],
    ]);
    const diff = diffRunPrograms(a, b, versions);
    expect(diff.added).toEqual([{ programId: "new", name: "new", versionA: null, versionB: 1 }]);
    expect(diff.removed).toEqual([{ programId: "gone", name: "gone", versionA: 3, versionB: null }]);
    expect(diff.changed).toEqual([{ programId: "edit", name: "edited", versionA: 1, versionB: 2 }]);
    expect(diff.unchanged.map((x) => x.programId)).toEqual(["keep"]);
    expect(diff.moving).toEqual([
      { programId: "new", hashA: null, hashB: "hn" },
      { programId: "gone", hashA: "hg", hashB: null },
      { programId: "edit", hashA: "he1", hashB: "he2" },
    ]);
    expect(diff.hashes.sort()).toEqual(["he1", "he2", "hg", "hn"]);
  });
});

describe("summarizeRunDiff", () => {
  it("orders drivers by rows then name and transitions by rows, and keeps the stamps", () => {
    const programs = diffRunPrograms([p("x", "x1", "hx")], [p("y", "y1", "hy"), p("z", "z1", "hz")], new Map());
    const counts = attributeLabelChanges({
      labelsA: [0, 0, 1, 1, 0],
      labelsB: [1, 1, 1, 0, 0],
      programs: [
        { key: "x", votesA: [0, 0, 1, 1, 0], votesB: null },
        { key: "y", votesA: null, votesB: [1, -1, -1, -1, -1] },
        { key: "z", votesA: null, votesB: [1, -1, -1, -1, -1] },
      ],
    });
    const at = new Date("2026-01-01T00:00:00Z");
    const result = summarizeRunDiff({
      runA: { id: "A", createdAt: at, labelModel: "mv" },
      runB: { id: "B", createdAt: at, labelModel: "ds" },
      programs,
      counts,
      stamps: { a: "sa", b: "sb" },
    });
    expect(result).toMatchObject({
      version: 1,
      rows: 5,
      changed: 3,
      labelModelChanged: true,
      stamps: { a: "sa", b: "sb" },
      runA: { id: "A", createdAt: at.toISOString() },
    });
    expect(result.drivers).toEqual([
      { programId: "x", name: "x", rows: 3 },
      { programId: "y", name: "y", rows: 1 },
      { programId: "z", name: "z", rows: 1 },
    ]);
    expect(result.transitions).toEqual([
      { from: 0, to: 1, rows: 2 },
      { from: 1, to: 0, rows: 1 },
    ]);
    expect(result.programs.added.map((x) => x.programId)).toEqual(["y", "z"]);
  });
});
