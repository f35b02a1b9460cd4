import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addProgramVersion,
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  runDiffState,
  saveChunkVotes,
  savePseudolabels,
} from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { computeRunDiff } from "./compute-run-diff";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

const src = (tag: string) => `def label_function(text):\n    return -1  # ${tag}\n`;
/** Two-class probabilities with the given argmax per row. */
const probs = (labels: number[]) => labels.flatMap((y) => (y === 1 ? [0.2, 0.8] : [0.9, 0.1]));

async function votes(datasetId: string, codeHash: string, all: number[]) {
  for (let c = 0; c * 4 < all.length; c++)
    await saveChunkVotes(db.prisma, { datasetId, codeHash, chunkIndex: c, votes: Int8Array.from(all.slice(c * 4, c * 4 + 4)) });
}

describe("run diffs", () => {
  it("lists program changes and attributes every changed row to the programs whose votes differ, chunk by chunk; pages then read the stored result", async () => {
    const project = await createProject(db.prisma, { name: "diff" });
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, fields: { text: `t${i}` }, split: "train" as const }));
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: 4 });
    const keep = await createProgram(db.prisma, { projectId: project.id, name: "keep", language: "PYTHON", source: src("keep") });
    const edit = await createProgram(db.prisma, { projectId: project.id, name: "edit", language: "PYTHON", source: src("edit v1") });
    const gone = await createProgram(db.prisma, { projectId: project.id, name: "gone", language: "PYTHON", source: src("gone") });
    await votes(dataset.id, keep.version.codeHash, [0, 0, 0, 0, 0, -1, -1, -1, -1, -1]);
    await votes(dataset.id, edit.version.codeHash, [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    await votes(dataset.id, gone.version.codeHash, [-1, -1, -1, -1, -1, -1, 0, -1, -1, -1]);
    const runA = await createRun(db.prisma, {
      projectId: project.id,
      datasetId: dataset.id,
      programVersionIds: [keep.version.id, edit.version.id, gone.version.id],
    });
    const edit2 = await addProgramVersion(db.prisma, edit.program.id, { language: "PYTHON", source: src("edit v2") });
    const added = await createProgram(db.prisma, { projectId: project.id, name: "added", language: "PYTHON", source: src("added") });
    await votes(dataset.id, edit2.codeHash, [1, 1, -1, -1, -1, -1, -1, -1, -1, 1]);
    await votes(dataset.id, added.version.codeHash, [1, -1, -1, -1, -1, -1, -1, -1, 1, -1]);
    const runB = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id, programVersionIds: [keep.version.id, edit2.id, added.version.id] });
    await db.prisma.run.update({ where: { id: runA.id }, data: { labelModel: "mv" } });
    await db.prisma.run.update({ where: { id: runB.id }, data: { labelModel: "dawid-skene" } });
    // Rows 0, 1, 9: edit v2 votes 1 (row 0 also "added"); row 6: "gone" stopped voting; row 8: "added"; row 4: nothing differs.
    await savePseudolabels(db.prisma, { runId: runA.id, chunkSize: 4, probs: { n: 10, k: 2, values: probs([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) } });
    await savePseudolabels(db.prisma, { runId: runB.id, chunkSize: 4, probs: { n: 10, k: 2, values: probs([1, 1, 0, 0, 1, 0, 1, 0, 1, 1]) } });

    const input = { projectId: project.id, runAId: runA.id, runBId: runB.id };
    // Nothing computed in a read: no stored diff yet, so a run-diff job is due.
    expect((await runDiffState(db.prisma, input)).result).toBeNull();
    const progress: string[] = [];
    const diff = await computeRunDiff(db.prisma, input, { onChunk: (done, total) => void progress.push(`${done}/${total}`) });
    expect(progress).toEqual(["1/3", "2/3", "3/3"]);
    expect(diff.programs.added.map((p) => p.name)).toEqual(["added"]);
    expect(diff.programs.removed.map((p) => p.name)).toEqual(["gone"]);
    expect(diff.programs.changed).toEqual([{ programId: edit.program.id, name: "edit", versionA: 1, versionB: 2 }]);
    expect(diff.programs.unchanged.map((p) => p.name)).toEqual(["keep"]);
    expect(diff.labelModelChanged).toBe(true);
    expect(diff.rows).toBe(10);
    expect(diff.changed).toBe(6);
    expect(diff.drivers).toEqual([
      { programId: edit.program.id, name: "edit", rows: 3 },
      { programId: added.program.id, name: "added", rows: 2 },
      { programId: gone.program.id, name: "gone", rows: 1 },
    ]);
    expect(diff.labelModelOnly).toBe(1);
    expect(diff.transitions).toEqual([{ from: 0, to: 1, rows: 6 }]);
    expect(diff.samples.map((s) => s.index)).toEqual([0, 1, 4, 6, 8, 9]);
    expect([...diff.samples[0]!.programs].sort()).toEqual([added.program.id, edit.program.id].sort());

    // Stored: reading it again returns the same result (same stamps) without recomputing.
    const stored = await db.prisma.runDiff.findUniqueOrThrow({ where: { runAId_runBId: { runAId: runA.id, runBId: runB.id } } });
    const state = await runDiffState(db.prisma, input);
    expect(state.result).toEqual(JSON.parse(JSON.stringify(diff)));
    expect(state.stamps.b.toISOString()).toBe(diff.stamps.b);
    expect((await db.prisma.runDiff.findUniqueOrThrow({ where: { id: stored.id } })).createdAt).toEqual(stored.createdAt);
    // A refit rewrites the pseudolabels: the stored diff is stale (a new job is due) until recomputed.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await savePseudolabels(db.prisma, { runId: runB.id, chunkSize: 4, probs: { n: 10, k: 2, values: probs([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]) } });
    expect((await runDiffState(db.prisma, input)).result).toBeNull();
    expect((await computeRunDiff(db.prisma, input)).changed).toBe(2);
    expect((await runDiffState(db.prisma, input)).result?.changed).toBe(2);
    const aborted = new AbortController();
    aborted.abort(new Error("cancelled by the user"));
    await expect(computeRunDiff(db.prisma, input, { signal: aborted.signal })).rejects.toThrow(/cancelled by the user/);
  });

  it("refuses runs without pseudolabels or over different datasets, naming them", async () => {
    const project = await createProject(db.prisma, { name: "diff-bad" });
    const rows = [{ id: "a", fields: { text: "x" }, split: "train" as const }];
    const d1 = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d1", rows });
    const d2 = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d2", rows });
    await createProgram(db.prisma, { projectId: project.id, name: "p", language: "PYTHON", source: src("p") });
    const a = await createRun(db.prisma, { projectId: project.id, datasetId: d1.id });
    const b = await createRun(db.prisma, { projectId: project.id, datasetId: d1.id });
    const c = await createRun(db.prisma, { projectId: project.id, datasetId: d2.id });
    await expect(runDiffState(db.prisma, { projectId: project.id, runAId: a.id, runBId: b.id })).rejects.toThrow(new RegExp(`run ${a.id} has no pseudolabels`));
    await expect(runDiffState(db.prisma, { projectId: project.id, runAId: a.id, runBId: c.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/label different datasets/),
    });
    await expect(computeRunDiff(db.prisma, { projectId: "other", runAId: a.id, runBId: b.id })).rejects.toMatchObject({
      name: "DomainError",
      code: "NOT_FOUND",
      message: expect.stringMatching(/is not in this project/),
    });
  });
});
