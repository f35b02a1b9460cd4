import { buildRunAnalysis, lfAnalysis, type DataRow } from "@alchemist/engine";
import type { Db } from "../client";
import { DEMO_PROGRAMS, demoProgramSource, demoProgramVote } from "./demo/demo-programs";
import { demoMessages } from "./demo/demo-messages";
import { createDatasetWithRows, readDevGold } from "../repositories/datasets";
import { createJob, updateJob } from "../repositories/jobs";
import { saveChunkVotes, assembleLabelMatrix } from "../repositories/program-outputs";
import { createProgram } from "../repositories/programs";
import { createProject } from "../repositories/projects";
import { addMember } from "../repositories/memberships";
import { upsertPasswordUser } from "../repositories/users";
import { createRun, runPrograms, setRunAnalysis, setRunStatus } from "../repositories/runs";
import { createTask } from "../repositories/tasks";

export const DEMO_PROJECT_NAME = "SMS spam (demo)";
/** The demo project's owner (README lists these; local demo data only, never a real account). */
export const DEMO_USER = { email: "demo@alchemist.local", password: "alchemist-demo-2026", name: "Demo" } as const;
const CLASS_NAMES = ["ham", "spam"] as const;

/**
 * Test and demo fixture (`@alchemist/db/testing`, `npm run seed -w @alchemist/db`, e2e set-up):
 * replaces the demo project: 200 synthetic SMS rows (70/10/20 train/dev/test), a ham/spam task,
 * 4 readable Python keyword programs, their stored votes and a SUCCEEDED run with its LF analysis.
 * Its owner is DEMO_USER (created, or its password reset). Idempotent: any project named
 * "SMS spam (demo)" is deleted first.
 *
 * @example
 * const { projectId, runId } = await seedDemo(getPrisma());
 */
export async function seedDemo(db: Db): Promise<{ projectId: string; datasetId: string; runId: string; userId: string }> {
  await db.project.deleteMany({ where: { name: DEMO_PROJECT_NAME } });
  const project = await createProject(db, { name: DEMO_PROJECT_NAME, description: "Synthetic text messages labelled ham or spam by four keyword programs." });
  const owner = await upsertPasswordUser(db, DEMO_USER);
  await addMember(db, project.id, owner.id, "OWNER");
  await createTask(db, project.id, {
    name: "SMS spam",
    description: "Is this text message spam (unsolicited advertising, scams) or ham (a normal personal message)?",
    input: "text",
    language: "python",
    functionName: "label_function",
    classes: [
      { name: "ham", description: "A normal message between people." },
      { name: "spam", description: "Unsolicited advertising, prizes, scams." },
    ],
  });
  const messages = demoMessages();
  const rows: DataRow[] = messages.map((m, i) => ({
    id: `sms-${String(i + 1).padStart(3, "0")}`,
    fields: { text: m.text },
    split: i % 10 < 7 ? "train" : i % 10 === 7 ? "dev" : "test",
    gold: m.label,
  }));
  const dataset = await createDatasetWithRows(db, { projectId: project.id, name: "sms-demo", rows, chunkSize: 100 });
  for (const spec of DEMO_PROGRAMS) {
    const { version } = await createProgram(db, {
      projectId: project.id,
      name: spec.name,
      language: "PYTHON",
      source: demoProgramSource(spec),
      provenance: { kind: "builtin", description: spec.description },
    });
    for (let start = 0, chunkIndex = 0; start < rows.length; start += dataset.chunkSize, chunkIndex++) {
      const chunk = rows.slice(start, start + dataset.chunkSize);
      const votes = Int8Array.from(chunk, (row) => demoProgramVote(spec, String(row.fields.text), CLASS_NAMES));
      await saveChunkVotes(db, { datasetId: dataset.id, codeHash: version.codeHash, chunkIndex, votes });
    }
  }
  const run = await createRun(db, { projectId: project.id, datasetId: dataset.id });
  const programs = runPrograms(run);
  const { L, columns } = await assembleLabelMatrix(
    db,
    dataset,
    programs.map((p) => p.codeHash),
  );
  const gold = await readDevGold(db, dataset.id, dataset.rowCount);
  const lf = lfAnalysis(L, { k: CLASS_NAMES.length, names: programs.map((p) => p.name), gold });
  await setRunAnalysis(db, run.id, buildRunAnalysis(lf, programs, columns));
  await setRunStatus(db, run.id, "SUCCEEDED");
  const job = await createJob(db, { projectId: project.id, runId: run.id, queue: "apply-programs", externalId: null });
  await updateJob(db, job.id, { status: "SUCCEEDED", progress: 100, stage: "seeded" });
  return { projectId: project.id, datasetId: dataset.id, runId: run.id, userId: owner.id };
}
