import type { DataRow } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeHash } from "./code-hash";
import { addProgramVersion, createProgram, freeProgramNames, listPrograms } from "./repositories/programs";
import { assembleLabelMatrix, chunksMissingVotes, readVoteColumn, saveChunkVotes } from "./repositories/program-outputs";
import { createDatasetWithRows, readChunkRows, readDevGold, readRows } from "./repositories/datasets";
import { createProject } from "./repositories/projects";
import { createRun, runPrograms, setRunStatus } from "./repositories/runs";
import { createJob, updateJob } from "./repositories/jobs";
import { createTask, getProjectTask } from "./repositories/tasks";
import { toTaskSpec } from "./mappers";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const rows: DataRow[] = Array.from({ length: 7 }, (_, i) => ({
  id: `r${i}`,
  fields: { text: `message ${i}` },
  split: i < 3 ? "train" : i < 5 ? "dev" : "test",
  ...(i % 2 === 0 ? { gold: i % 3 === 0 ? 1 : 0 } : {}),
}));

describe("projects, datasets, tasks", () => {
  it("stores rows in batches, reads chunks and dev-only gold", async () => {
    const project = await createProject(db.prisma, { name: "p1" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: 3, batchSize: 2 });
    expect(dataset.rowCount).toBe(7);
    expect(await db.prisma.row.count({ where: { datasetId: dataset.id } })).toBe(7);
    expect((await readRows(db.prisma, dataset.id, 2, 4)).map((r) => r.externalId)).toEqual(["r2", "r3"]);
    const last = await readChunkRows(db.prisma, dataset, 2);
    expect(last).toEqual([{ id: "r6", fields: { text: "message 6" }, split: "test", gold: 1 }]);
    await expect(readChunkRows(db.prisma, dataset, 3)).rejects.toThrow(/chunk 3 is outside 0..2/);
    expect(Array.from(await readDevGold(db.prisma, dataset.id, 7))).toEqual([-1, -1, -1, -1, 0, -1, -1]);
    const task = await createTask(db.prisma, project.id, {
      name: "t",
      description: "",
      input: "text",
      language: "python",
      functionName: "label_function",
      classes: [
        { name: "ham", description: "" },
        { name: "spam", description: "" },
      ],
    });
    expect(toTaskSpec(await getProjectTask(db.prisma, project.id))).toMatchObject({
      language: "python",
      input: "text",
      classes: [{ name: "ham" }, { name: "spam" }],
    });
    expect((await getProjectTask(db.prisma, project.id)).id).toBe(task.id);
  });

  it("leaves nothing behind when a row is invalid", async () => {
    const project = await createProject(db.prisma, { name: "p2" });
    const dup = [rows[0]!, rows[0]!];
    await expect(createDatasetWithRows(db.prisma, { projectId: project.id, name: "bad", rows: dup })).rejects.toThrow();
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("programs and votes", () => {
  it("versions programs by code hash and skips unchanged code", async () => {
    const project = await createProject(db.prisma, { name: "p3" });
    const source = "def label_function(x):\n    return -1\n";
    const { program, version } = await createProgram(db.prisma, { projectId: project.id, name: "abstain", language: "PYTHON", source });
    expect(version.version).toBe(1);
    expect(version.codeHash).toBe(codeHash("PYTHON", "label_function", source));
    expect(version.codeHash).not.toBe(codeHash("JAVASCRIPT", "label_function", source));
    expect((await addProgramVersion(db.prisma, program.id, { language: "PYTHON", source })).id).toBe(version.id);
    const v2 = await addProgramVersion(db.prisma, program.id, { language: "PYTHON", source: source.replace("-1", "0") });
    expect(v2.version).toBe(2);
    const [listed] = await listPrograms(db.prisma, project.id);
    expect(listed?.latest.id).toBe(v2.id);
  });

  it("stores LF line endings: CRLF and lone CR code is the same version as its LF form", async () => {
    const project = await createProject(db.prisma, { name: "p3-eol" });
    const lf = "def label_function(x):\n    return -1\n";
    const { program, version } = await createProgram(db.prisma, { projectId: project.id, name: "crlf", language: "PYTHON", source: lf.replace(/\n/g, "\r\n") });
    expect(version.source).toBe(lf);
    expect(version.codeHash).toBe(codeHash("PYTHON", "label_function", lf));
    expect((await addProgramVersion(db.prisma, program.id, { language: "PYTHON", source: lf.replace(/\n/g, "\r") })).id).toBe(version.id);
    const v2 = await addProgramVersion(db.prisma, program.id, { language: "PYTHON", source: "def label_function(x):\r\n    return 0\r\n" });
    expect(v2.source).toBe("def label_function(x):\n    return 0\n");
  });

  it("names new programs readably: the base name when free, else the first free counter", async () => {
    const project = await createProject(db.prisma, { name: "p3-names" });
    const source = "def label_function(x):\n    return -1\n";
    for (const name of ["gen_01_keywords", "gen_01_keywords_2", "gen_01_keywords_x"])
      await createProgram(db.prisma, { projectId: project.id, name, language: "PYTHON", source });
    const names = await freeProgramNames(db.prisma, project.id, ["gen_01_keywords", "gen_02_keywords", "gen_02_keywords"]);
    expect(Object.fromEntries(names)).toEqual({ gen_01_keywords: "gen_01_keywords_3", gen_02_keywords: "gen_02_keywords" });
    expect((await freeProgramNames(db.prisma, project.id, [])).size).toBe(0);
  });

  it("round-trips vote bytes, reports missing chunks and assembles L", async () => {
    const project = await createProject(db.prisma, { name: "p4" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: 3 });
    const a = "a".repeat(64);
    const b = "b".repeat(64);
    expect(await chunksMissingVotes(db.prisma, dataset.id, [a], 3)).toEqual([0, 1, 2]);
    await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: a, chunkIndex: 1, votes: Int8Array.of(-1, 1, 0), faults: { exception: 2 } });
    await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: a, chunkIndex: 0, votes: Int8Array.of(1, 1, 1) });
    expect(await chunksMissingVotes(db.prisma, dataset.id, [a], 3)).toEqual([2]);
    await expect(readVoteColumn(db.prisma, dataset, a)).rejects.toThrow(/chunk\(s\) 2/);
    await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: a, chunkIndex: 2, votes: Int8Array.of(0), faults: { exception: 1, timeout: 1 } });
    const column = await readVoteColumn(db.prisma, dataset, a);
    expect(Array.from(column.votes)).toEqual([1, 1, 1, -1, 1, 0, 0]);
    expect(column.faults).toEqual({ exception: 3, timeout: 1 });
    for (const chunkIndex of [0, 1, 2]) {
      const n = chunkIndex === 2 ? 1 : 3;
      await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: b, chunkIndex, votes: new Int8Array(n).fill(-1) });
    }
    await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: b, chunkIndex: 0, votes: Int8Array.of(0, -1, 1) });
    expect(await db.prisma.programOutput.count({ where: { datasetId: dataset.id, codeHash: b } })).toBe(3);
    const { L } = await assembleLabelMatrix(db.prisma, dataset, [a, b]);
    expect([L.n, L.m]).toEqual([7, 2]);
    expect(Array.from(L.values.subarray(0, 6))).toEqual([1, 0, 1, -1, 1, 1]);
  });

  it("freezes enabled programs into a run and tracks job progress", async () => {
    const project = await createProject(db.prisma, { name: "p5" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows });
    const { version } = await createProgram(db.prisma, {
      projectId: project.id,
      name: "one",
      language: "JAVASCRIPT",
      source: "function label_function(x) { return 1; }",
    });
    const run = await createRun(db.prisma, { projectId: project.id, datasetId: dataset.id });
    expect(runPrograms(run)).toEqual([{ programId: version.programId, programVersionId: version.id, name: "one", codeHash: version.codeHash }]);
    expect((await setRunStatus(db.prisma, run.id, "SUCCEEDED")).finishedAt).toBeInstanceOf(Date);
    const job = await createJob(db.prisma, { projectId: project.id, runId: run.id, queue: "apply-programs", externalId: run.id });
    const running = await updateJob(db.prisma, job.id, { status: "RUNNING", progress: 50, stage: "applying" });
    expect(running.startedAt).toBeInstanceOf(Date);
    await expect(updateJob(db.prisma, job.id, { progress: 101 })).rejects.toThrow(/101/);
  });
});
