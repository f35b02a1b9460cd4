import type { RunAnalysis } from "@alchemist/engine";
import type { Db } from "../client";
import { DomainError } from "../domain-error";
import type { JobStatus } from "../generated/prisma/enums";
import { listPrograms } from "./programs";

/** A program version frozen into a run when it starts. */
export interface RunProgram {
  readonly programId: string;
  readonly programVersionId: string;
  readonly name: string;
  readonly codeHash: string;
}

/**
 * Creates a QUEUED run over a dataset, freezing the project's enabled programs at their latest
 * versions (or the given version ids, in that order).
 *
 * @example
 * const run = await createRun(prisma, { projectId, datasetId });
 */
export async function createRun(db: Db, input: { projectId: string; datasetId: string; programVersionIds?: readonly string[] }) {
  const dataset = await db.dataset.findUnique({ where: { id: input.datasetId } });
  if (!dataset || dataset.projectId !== input.projectId)
    throw new DomainError("NOT_FOUND", `dataset ${input.datasetId} is not in project ${input.projectId}: pick one of the project's datasets`);
  const programs = input.programVersionIds ? await pickVersions(db, input.projectId, input.programVersionIds) : await latestEnabled(db, input.projectId);
  if (programs.length === 0) throw new DomainError("CONFLICT", `project ${input.projectId} has no enabled programs to run: enable or write a program first`);
  // The run keeps the project's settings of the moment: changing them later never changes its numbers.
  const project = await db.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { runSettings: true } });
  return db.run.create({
    data: {
      projectId: input.projectId,
      datasetId: input.datasetId,
      programs: programs as unknown as object[],
      ...(project.runSettings === null ? {} : { settings: project.runSettings }),
    },
  });
}

async function latestEnabled(db: Db, projectId: string): Promise<RunProgram[]> {
  const programs = await listPrograms(db, projectId, { enabledOnly: true });
  return programs.map((p) => ({ programId: p.id, programVersionId: p.latest.id, name: p.name, codeHash: p.latest.codeHash }));
}

async function pickVersions(db: Db, projectId: string, ids: readonly string[]): Promise<RunProgram[]> {
  const versions = await db.programVersion.findMany({ where: { id: { in: [...ids] } }, include: { program: true } });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return ids.map((id) => {
    const v = byId.get(id);
    if (!v || v.program.projectId !== projectId)
      throw new DomainError("NOT_FOUND", `program version ${id} is not in project ${projectId}: pick versions from the project's programs`);
    return { programId: v.programId, programVersionId: v.id, name: v.program.name, codeHash: v.codeHash };
  });
}

/** A run's frozen program list. */
export function runPrograms(run: { programs: unknown }): RunProgram[] {
  if (!Array.isArray(run.programs)) throw new Error("run.programs is not a list");
  return run.programs as RunProgram[];
}

/** One run or null. */
export async function getRun(db: Db, id: string) {
  return db.run.findUnique({ where: { id } });
}

/** Runs of a project, newest first. */
export async function listRuns(db: Db, projectId: string) {
  return db.run.findMany({ where: { projectId }, orderBy: { createdAt: "desc" } });
}

/**
 * Sets a run's status; terminal statuses stamp `finishedAt`.
 *
 * @example
 * await setRunStatus(prisma, run.id, "RUNNING");
 */
export async function setRunStatus(db: Db, id: string, status: JobStatus) {
  const terminal = status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
  return db.run.update({ where: { id }, data: { status, finishedAt: terminal ? new Date() : null } });
}

/**
 * Stores the LF analysis snapshot of a run (the engine's `runAnalysisSchema`, built by `buildRunAnalysis`).
 *
 * @example
 * await setRunAnalysis(prisma, run.id, buildRunAnalysis(lfAnalysis(L, { k, gold }), programs, columns));
 */
export async function setRunAnalysis(db: Db, id: string, analysis: RunAnalysis) {
  return db.run.update({ where: { id }, data: { analysis: analysis as unknown as object } });
}

/** The stored analysis of a run, or null when it has none yet (typed, not validated: pages parse it with `runAnalysisSchema`). */
export function runAnalysis(run: { analysis: unknown }): RunAnalysis | null {
  return (run.analysis ?? null) as RunAnalysis | null;
}
