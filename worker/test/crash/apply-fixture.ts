import {
  assembleLabelMatrix,
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  getRun,
  runPrograms,
  type PrismaClient,
} from "@alchemist/db";
import { createMember } from "../../src/testing/create-member";
import { textTask } from "../../src/testing/text-task";

/** Rows of the apply-programs fixture: `row <i> x..x` with i % 7 x's. */
export const applyRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, fields: { text: `row ${i} ${"x".repeat(i % 7)}` }, split: "train" as const }));

// A little work per row so that a kill, restart or shutdown lands between chunks, not after the last one.
const busy = (iterations: number) => `let s = 0; for (let i = 0; i < ${iterations}; i++) s += i % 7;`;
/** Three JavaScript programs (`work` loop iterations per row) and, for each, the vote it must store for a text. */
export const applyProgramsWith = (work: number) => [
  {
    name: "even_len",
    expect: (t: string) => (t.length % 2 === 0 ? 1 : -1),
    source: `function label_function(text) { ${busy(work)} return text.length % 2 === 0 ? "spam" : -1; }`,
  },
  {
    name: "has_xxx",
    expect: (t: string) => (t.includes("xxx") ? 0 : -1),
    source: `function label_function(text) { ${busy(work)} return text.includes("xxx") ? "ham" : -1; }`,
  },
  {
    name: "ends_1",
    expect: (t: string) => (/1\s*x*$/.test(t) ? 1 : 0),
    source: `function label_function(text) { ${busy(work)} return /1\\s*x*$/.test(text) ? "spam" : "ham"; }`,
  },
];
export const applyPrograms = applyProgramsWith(4000);

/**
 * A project with a task, an `n`-row dataset in chunks of `chunkSize`, the three programs and a
 * run ready for apply-programs; `total` is the number of (program, chunk) vote rows it must store.
 *
 * @example
 * const { run, dataset, payload, total } = await seedApplyRun(prisma, "crash", 3000, 100);
 */
export async function seedApplyRun(prisma: PrismaClient, name: string, n: number, chunkSize: number, options: { work?: number } = {}) {
  const project = await createProject(prisma, { name });
  await createTask(prisma, project.id, textTask("spam", "javascript", ["ham", "spam"]));
  const rows = applyRows(n);
  const dataset = await createDatasetWithRows(prisma, { projectId: project.id, name: "rows", rows, chunkSize });
  for (const p of applyProgramsWith(options.work ?? 4000))
    await createProgram(prisma, { projectId: project.id, name: p.name, language: "JAVASCRIPT", source: p.source });
  const run = await createRun(prisma, { projectId: project.id, datasetId: dataset.id });
  // Every job names a member it acts for; applying needs "edit".
  const actorId = await createMember(prisma, project.id, "EDITOR");
  return {
    project,
    dataset,
    run,
    rows,
    payload: { projectId: project.id, runId: run.id, datasetId: dataset.id, actorId },
    total: Math.ceil(n / chunkSize) * applyPrograms.length,
  };
}

/**
 * Checks a finished run stored exactly one vote row per (program, chunk) and that every vote is
 * what the program says about its row; returns a description of the first problem, or null.
 *
 * @example
 * expect(await checkApplyOutputs(prisma, seeded)).toBeNull();
 */
export async function checkApplyOutputs(prisma: PrismaClient, seeded: Awaited<ReturnType<typeof seedApplyRun>>): Promise<string | null> {
  const outputs = await prisma.programOutput.findMany({ where: { datasetId: seeded.dataset.id }, select: { codeHash: true, chunkIndex: true } });
  if (outputs.length !== seeded.total) return `${outputs.length} vote rows stored, expected ${seeded.total}`;
  if (new Set(outputs.map((o) => `${o.codeHash}:${o.chunkIndex}`)).size !== seeded.total) return "duplicate (program, chunk) vote rows";
  const run = await getRun(prisma, seeded.run.id);
  if (run?.status !== "SUCCEEDED") return `run is ${run?.status}`;
  const programs = runPrograms(run);
  const { L } = await assembleLabelMatrix(
    prisma,
    seeded.dataset,
    programs.map((p) => p.codeHash),
  );
  const byName = new Map(applyPrograms.map((p) => [p.name, p]));
  for (let i = 0; i < seeded.rows.length; i++) {
    for (let j = 0; j < programs.length; j++) {
      const want = byName.get(programs[j]!.name)!.expect(seeded.rows[i]!.fields.text);
      if (L.values[i * L.m + j] !== want) return `row ${i} program ${programs[j]!.name}: stored ${L.values[i * L.m + j]}, expected ${want}`;
    }
  }
  return null;
}
