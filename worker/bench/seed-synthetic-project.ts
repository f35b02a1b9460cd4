import { createRng, type DataRow } from "@alchemist/engine";
import { createDatasetWithRows, createProgram, createProject, createRun, createTask, saveChunkVotes, type PrismaClient } from "@alchemist/db";

/** Rows per stored vote chunk of the synthetic dataset. */
export const SYNTHETIC_CHUNK = 1000;
/** Classes of the synthetic task (c0, c1, c2). */
export const SYNTHETIC_K = 3;

/**
 * Seeds the benches' synthetic project (seeded, so every bench run sees the same data): n rows
 * "message i about topic y ..." with a hidden label y (80/10/10 train/dev/test split, gold on
 * every row), and m programs whose stored votes cover 5-40% of rows and are 60-95% right.
 * The programs' source never runs; only their votes are stored. Returns the queued run over them.
 *
 * @example
 * const { project, dataset, run, programIds } = await seedSyntheticProject(db.prisma, { name: "bench", n: 100_000, m: 20, programSource: (j) => "..." });
 */
export async function seedSyntheticProject(db: PrismaClient, options: { name: string; n: number; m: number; programSource: (j: number) => string }) {
  const { n, m } = options;
  const rng = createRng(42);
  const truth = Int8Array.from({ length: n }, () => Math.floor(rng() * SYNTHETIC_K));
  const rows: DataRow[] = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    fields: { text: `message ${i} about topic ${truth[i]} with some filler words ${i % 97}` },
    split: i % 10 < 8 ? "train" : i % 10 === 8 ? "dev" : "test",
    gold: truth[i]!,
  }));
  const project = await createProject(db, { name: options.name });
  await createTask(db, project.id, {
    name: "topics",
    description: "",
    input: "text",
    language: "python",
    functionName: "label_function",
    classes: [0, 1, 2].map((c) => ({ name: `c${c}`, description: "" })),
  });
  const dataset = await createDatasetWithRows(db, { projectId: project.id, name: "bench", rows, chunkSize: SYNTHETIC_CHUNK });
  const programIds: string[] = [];
  for (let j = 0; j < m; j++) {
    const { program, version } = await createProgram(db, { projectId: project.id, name: `lf_${j}`, language: "PYTHON", source: options.programSource(j) });
    programIds.push(program.id);
    const coverage = 0.05 + 0.35 * rng();
    const accuracy = 0.6 + 0.35 * rng();
    for (let c = 0; c * SYNTHETIC_CHUNK < n; c++) {
      const size = Math.min(SYNTHETIC_CHUNK, n - c * SYNTHETIC_CHUNK);
      const votes = Int8Array.from({ length: size }, (_, r) => {
        if (rng() >= coverage) return -1;
        const y = truth[c * SYNTHETIC_CHUNK + r]!;
        return rng() < accuracy ? y : (y + 1 + Math.floor(rng() * (SYNTHETIC_K - 1))) % SYNTHETIC_K;
      });
      await saveChunkVotes(db, { datasetId: dataset.id, codeHash: version.codeHash, chunkIndex: c, votes });
    }
  }
  const run = await createRun(db, { projectId: project.id, datasetId: dataset.id });
  return { project, dataset, run, programIds };
}
