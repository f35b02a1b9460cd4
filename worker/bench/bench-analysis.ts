import { voteCounts } from "@alchemist/engine";
import { assembleLabelMatrix, getProjectTask, readVoteRowPage, runAnalysis, runPrograms, setRunStatus, toTaskSpec, type VoteRowFilter } from "@alchemist/db";
import { createTestDatabase } from "@alchemist/db/testing";
import { analyseRun } from "../src/apply-programs/analyse-run";
import { SYNTHETIC_CHUNK as CHUNK, SYNTHETIC_K as K, seedSyntheticProject } from "./seed-synthetic-project";

/**
 * `npm run bench:analysis [rows] [programs] [--fit]`: seeds a throwaway database with an N-row
 * dataset (default 100,000) and M programs (default 20) whose votes are synthetic (seeded: each
 * program covers 5-40% of rows, 60-95% right against a hidden label), runs the worker's analysis
 * stage (and the label-model fit with --fit), then times what the analysis page asks for per
 * request (the heatmap's stored snapshot, click-through pages) against the naive way a request
 * would do it (load every row and every vote, filter in memory), measured in the same run.
 */
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const n = Number(args[0] ?? 100_000);
const m = Number(args[1] ?? 20);
const fit = process.argv.includes("--fit");
// The click-through cases below name programs up to lf_5 (the pair 4, 5).
if (!Number.isInteger(n) || n < 1) throw new Error(`bench:analysis needs a positive whole number of rows, got ${args[0]}`);
if (!Number.isInteger(m) || m < 6) throw new Error(`bench:analysis needs at least 6 programs (its cases use lf_0..lf_5), got ${args[1]}`);

const median = async (runs: number, work: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const db = await createTestDatabase();
try {
  let t = performance.now();
  const { project, dataset, run } = await seedSyntheticProject(db.prisma, {
    name: "bench-analysis",
    n,
    m,
    programSource: (j) => `def label_function(x):\n    return ${j} and -1\n`,
  });
  await setRunStatus(db.prisma, run.id, "SUCCEEDED");
  console.log(`seeded ${n} rows x ${m} programs (${Math.ceil(n / CHUNK)} chunks each) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const task = toTaskSpec(await getProjectTask(db.prisma, project.id));
  const programs = runPrograms(run);
  t = performance.now();
  await analyseRun(db.prisma, { runId: run.id, dataset, task, programs, fit });
  console.log(`worker analysis stage${fit ? " + label-model fit" : ""}: ${ms(performance.now() - t)}`);

  const hashes = programs.map((p) => p.codeHash);
  // The naive request: every row and every vote, then the statistics or the filter in memory.
  const naiveAll = async () => {
    const [all, { L }] = await Promise.all([
      db.prisma.row.findMany({ where: { datasetId: dataset.id }, orderBy: { index: "asc" } }),
      assembleLabelMatrix(db.prisma, dataset, hashes),
    ]);
    return { all, L };
  };
  const heatmap = await median(5, async () => runAnalysis(await db.prisma.run.findUniqueOrThrow({ where: { id: run.id }, select: { analysis: true } }))!.pairs);
  const heatmapNaive = await median(3, async () => {
    const { L } = await naiveAll();
    return voteCounts(L, { k: K });
  });
  console.log(`heatmap data: stored snapshot ${ms(heatmap)} vs computed per request ${ms(heatmapNaive)} = ${(heatmapNaive / heatmap).toFixed(0)}x faster`);

  const cases: [string, VoteRowFilter, number][] = [
    ["fires (program 0), page 1", { kind: "fires", program: 0 }, 0],
    ["pair conflict (0, 1), page 1", { kind: "pair-conflict", a: 0, b: 1 }, 0],
    ["conflicts (program 3), page 1", { kind: "conflicts", program: 3 }, 0],
    ["wrong on dev (program 2), page 1", { kind: "wrong-on-dev", program: 2 }, 0],
    ["fires (program 0), page 40", { kind: "fires", program: 0 }, 39],
    ["pair overlap (4, 5), last page", { kind: "pair-overlap", a: 4, b: 5 }, -1],
  ];
  const naive = await median(3, async () => {
    const { all, L } = await naiveAll();
    return all.filter((row) => L.values[row.index * m] !== -1).slice(0, 25);
  });
  // As the page does: the total comes from the stored snapshot, which lets the scan stop early.
  const snapshot = runAnalysis(await db.prisma.run.findUniqueOrThrow({ where: { id: run.id }, select: { analysis: true } }))!;
  const totalOf = (f: VoteRowFilter): number => {
    if (f.kind === "fires") return snapshot.programs[f.program]!.votes!;
    if (f.kind === "conflicts") return snapshot.programs[f.program]!.conflictRows!;
    if (f.kind === "wrong-on-dev") return snapshot.programs[f.program]!.devIncorrect!;
    return (f.kind === "pair-overlap" ? snapshot.pairs!.overlap : snapshot.pairs!.conflict)[f.a * m + f.b]!;
  };
  for (const [label, filter, pageOrLast] of cases) {
    const page = pageOrLast >= 0 ? pageOrLast : Math.max(0, Math.ceil(totalOf(filter) / 25) - 1);
    const input = { dataset, codeHashes: hashes, filter, page, pageSize: 25, total: totalOf(filter) };
    const paged = await median(5, () => readVoteRowPage(db.prisma, input));
    const result = await readVoteRowPage(db.prisma, input);
    console.log(
      `click-through ${label}: ${ms(paged)} (${result.chunksScanned} chunks scanned) vs naive load-all ${ms(naive)} = ${(naive / paged).toFixed(1)}x faster`,
    );
  }
} finally {
  await db.drop();
}
