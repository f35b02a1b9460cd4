import { randomBytes } from "node:crypto";
import { createRng, type DataRow, type Program, type TaskSpec } from "@alchemist/engine";
import { runPipeline } from "@alchemist/engine/node";
import {
  assembleLabelMatrix,
  createDatasetWithRows,
  createProgram,
  createProject,
  createRun,
  createTask,
  getRun,
  readPseudolabels,
  runPrograms,
} from "@alchemist/db";
import { describe, expect, it } from "vitest";
import { enqueueApply } from "../testing/enqueue-apply";
import { createMember } from "../testing/create-member";
import { useApplyStack } from "../testing/use-apply-stack";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

// Issue 13: one pipeline, two sets of adapters. The CLI's in-memory pipeline and the studio's
// queue-driven apply (chunk jobs, Postgres votes, the fit job) on the same rows, programs and seed
// must give the same label matrix, the same chosen label model and the same pseudolabels.
const SEED = 0; // the studio's label-model seed
const classes = [
  { name: "ham", description: "" },
  { name: "spam", description: "" },
];
const task: TaskSpec = { name: "spam", description: "", input: "text", language: "python", functionName: "label_function", classes };

/** 600 rows of spam-ish and ham-ish texts with gold on dev and test, splits 70/10/20, deterministic. */
function makeRows(): DataRow[] {
  const rng = createRng(11);
  const spam = ["free", "win", "prize", "call", "now", "cash", "txt", "claim"];
  const ham = ["hi", "lunch", "home", "see", "you", "later", "ok", "mom"];
  return Array.from({ length: 600 }, (_, i) => {
    const isSpam = rng() < 0.35;
    const words = Array.from({ length: 3 + Math.floor(rng() * 6) }, () => {
      const pool = rng() < 0.75 ? (isSpam ? spam : ham) : isSpam ? ham : spam;
      return pool[Math.floor(rng() * pool.length)]!;
    });
    const split = i % 10 < 7 ? "train" : i % 10 < 8 ? "dev" : "test";
    return { id: `r${i}`, fields: { text: words.join(" ") }, split, gold: isSpam ? 1 : 0 } as DataRow;
  });
}

const PROGRAMS: { name: string; language: "PYTHON" | "JAVASCRIPT"; source: string }[] = [
  { name: "kw_free", language: "PYTHON", source: "def label_function(text):\n    return 1 if 'free' in text.split() else -1\n" },
  { name: "kw_prize", language: "JAVASCRIPT", source: "function label_function(text) { return /\\b(prize|cash|claim)\\b/.test(text) ? 'spam' : -1; }" },
  {
    name: "kw_home",
    language: "PYTHON",
    source: "def label_function(text):\n    words = text.split()\n    return 0 if 'home' in words or 'mom' in words else -1\n",
  },
  { name: "short", language: "JAVASCRIPT", source: "function label_function(text) { return text.split(' ').length <= 3 ? 0 : -1; }" },
];

const stack = useApplyStack({ poolSize: 2, rowTimeoutMs: 2000 });

describe("the CLI's pipeline and the studio's apply", () => {
  it(
    "give the same label matrix, the same chosen label model and the same pseudolabels",
    async () => {
      const rows = makeRows();
      const programs: Program[] = PROGRAMS.map((p) => ({
        name: p.name,
        language: p.language === "PYTHON" ? "python" : "javascript",
        functionName: "label_function",
        source: p.source,
      }));
      const cli = await runPipeline({ dataset: { name: "synthetic", rows }, task, programs, runner: stack.runner, seed: SEED, epochs: 2 });

      const project = await createProject(stack.db.prisma, { name: `p-${randomBytes(3).toString("hex")}` });
      await createTask(stack.db.prisma, project.id, { ...task, input: "text" });
      const dataset = await createDatasetWithRows(stack.db.prisma, { projectId: project.id, name: "synthetic", rows, chunkSize: 64 });
      for (const p of PROGRAMS) await createProgram(stack.db.prisma, { projectId: project.id, ...p });
      const run = await createRun(stack.db.prisma, { projectId: project.id, datasetId: dataset.id });
      const actorId = await createMember(stack.db.prisma, project.id, "EDITOR");
      const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, { projectId: project.id, runId: run.id, datasetId: dataset.id, actorId });
      await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(120_000));

      const stored = (await getRun(stack.db.prisma, run.id))!;
      const byName = new Map(runPrograms(stored).map((p) => [p.name, p.codeHash]));
      const { L } = await assembleLabelMatrix(
        stack.db.prisma,
        { id: dataset.id, chunkSize: 64, rowCount: rows.length },
        programs.map((p) => byName.get(p.name)!),
      );
      expect(L.n).toBe(cli.L.n);
      expect(Array.from(L.values)).toEqual(Array.from(cli.L.values));
      // Not a vacuous match: the programs vote, and disagree somewhere.
      expect(Array.from(cli.L.values).filter((v) => v >= 0).length).toBeGreaterThan(300);

      expect(stored.labelModel).toBe(cli.report.labelModel.name);
      const pseudo = await readPseudolabels(stack.db.prisma, run.id);
      expect(pseudo.k).toBe(2);
      // The studio stores pseudolabels as Float32: the CLI's, rounded the same way, must match exactly.
      expect(Array.from(pseudo.probs)).toEqual(Array.from(cli.pseudolabels.values, (p) => Math.fround(p)));
    },
    testBudget(240_000),
  );
});
