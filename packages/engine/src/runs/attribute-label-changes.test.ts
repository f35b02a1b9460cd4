import { describe, expect, it } from "vitest";
import { attributeLabelChanges, emptyLabelChangeCounts, mergeLabelChangeCounts } from "./attribute-label-changes";

describe("attributeLabelChanges", () => {
  it("attributes each changed row to the programs whose votes differ, and label-model-only changes apart", () => {
    const counts = attributeLabelChanges({
      labelsA: [0, 0, 1, 1, 0, 1],
      labelsB: [1, 0, 0, 1, 1, 0],
      programs: [
        // p17 changed version: its votes differ on rows 0, 1 (unchanged label) and 2.
        { key: "p17", votesA: [-1, 0, 1, 1, 0, 1], votesB: [1, 1, 0, 1, 0, 1] },
        // p3 only exists in run B and votes on rows 0 and 4.
        { key: "p3", votesA: null, votesB: [1, -1, -1, -1, 1, -1] },
        // removed in B; abstained everywhere in A, so it never drives anything.
        { key: "gone", votesA: [-1, -1, -1, -1, -1, -1], votesB: null },
      ],
      offset: 100,
    });
    expect(counts.rows).toBe(6);
    expect(counts.changed).toBe(4);
    expect(counts.byProgram).toEqual({ p17: 2, p3: 2 });
    // Row 5 changed with identical votes: the label model moved it.
    expect(counts.labelModelOnly).toBe(1);
    expect(counts.transitions).toEqual({ "0>1": 2, "1>0": 2 });
    expect(counts.samples).toEqual([
      { index: 100, from: 0, to: 1, programs: ["p17", "p3"] },
      { index: 102, from: 1, to: 0, programs: ["p17"] },
      { index: 104, from: 0, to: 1, programs: ["p3"] },
      { index: 105, from: 1, to: 0, programs: [] },
    ]);
  });

  it("merges chunk counts into the same totals as one pass", () => {
    const labelsA = [0, 1, 1, 0, 1, 0, 0];
    const labelsB = [1, 1, 0, 0, 0, 1, 0];
    const votesA = [0, 1, 1, -1, 1, 0, 0];
    const votesB = [1, 1, 0, -1, 1, 1, 0];
    const whole = attributeLabelChanges({ labelsA, labelsB, programs: [{ key: "p", votesA, votesB }], sampleLimit: 2 });
    let merged = emptyLabelChangeCounts();
    for (let from = 0; from < 7; from += 3) {
      const part = attributeLabelChanges({
        labelsA: labelsA.slice(from, from + 3),
        labelsB: labelsB.slice(from, from + 3),
        offset: from,
        sampleLimit: 2,
        programs: [{ key: "p", votesA: votesA.slice(from, from + 3), votesB: votesB.slice(from, from + 3) }],
      });
      merged = mergeLabelChangeCounts(merged, part, 2);
    }
    expect(merged).toEqual(whole);
    expect(whole).toMatchObject({ changed: 4, byProgram: { p: 3 }, labelModelOnly: 1 });
  });

  it("rejects runs or vote columns of different lengths, naming the numbers", () => {
    expect(() => attributeLabelChanges({ labelsA: [0, 1], labelsB: [0], programs: [] })).toThrow(/2 labels in run A, 1 in run B/);
    expect(() => attributeLabelChanges({ labelsA: [0, 1], labelsB: [0, 1], programs: [{ key: "p", votesA: [1], votesB: null }] })).toThrow(
      /program p has 1 votes in run A for 2 rows/,
    );
  });
});
