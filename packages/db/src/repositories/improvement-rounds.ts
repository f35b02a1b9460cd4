import type { Db } from "../client";
import { DomainError } from "../domain-error";
import type { JobStatus } from "../generated/prisma/enums";
import { toEngineProgram } from "../mappers";
import { queryRows } from "../query-rows";
import { runPrograms } from "./runs";

/**
 * Records a QUEUED "Next round" on `baseRunId` with its generation request, numbered after the
 * project's rounds so far (the first is 2: round 1 is what the project had). The advisory lock
 * keeps two clicks from taking the same number or both starting.
 *
 * @example
 * const round = await createImprovementRound(prisma, { projectId, baseRunId: run.id, generationRequestId: request.id });
 */
export async function createImprovementRound(db: Db, input: { projectId: string; baseRunId: string; generationRequestId: string; prune?: boolean }) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`improvement-round:${input.projectId}`}))`;
    const active = await tx.improvementRound.findFirst({
      where: { projectId: input.projectId, status: { in: ["QUEUED", "RUNNING"] } },
      select: { round: true },
    });
    if (active) throw new DomainError("CONFLICT", `round ${active.round} of this project is still running; wait for it to finish before starting the next one`);
    const last = await tx.improvementRound.aggregate({ where: { projectId: input.projectId }, _max: { round: true } });
    return tx.improvementRound.create({ data: { ...input, round: (last._max.round ?? 1) + 1 } });
  });
}

/** One round or null. */
export async function getImprovementRound(db: Db, id: string) {
  return db.improvementRound.findUnique({ where: { id } });
}

/**
 * The number and report of the project's newest round that succeeded (its prune flags describe
 * the project's programs now), or null. The project page reads it on every view: one query
 * straight on the pool (`queryRows`).
 *
 * @example
 * const latest = await latestSucceededRound(prisma, projectId); // { round: 3, report: {...} } | null
 */
export async function latestSucceededRound(db: Db, projectId: string): Promise<{ round: number; report: unknown } | null> {
  const [row] = await queryRows<{ round: number; report: unknown }>(db)`
    SELECT "round", "report" FROM "ImprovementRound" WHERE "projectId" = ${projectId} AND "status" = 'SUCCEEDED' ORDER BY "round" DESC LIMIT 1`;
  return row ?? null;
}

/** The project's rounds, oldest first (the per-round chart). */
export async function listImprovementRounds(db: Db, projectId: string) {
  return db.improvementRound.findMany({ where: { projectId }, orderBy: { round: "asc" } });
}

/**
 * Ends a round: SUCCEEDED with its report (and the run started with its programs, if kept), or
 * FAILED / CANCELLED with the error.
 *
 * @example
 * await endImprovementRound(prisma, id, { status: "SUCCEEDED", report, nextRunId: run.id });
 */
export async function endImprovementRound(
  db: Db,
  id: string,
  outcome: { status: Extract<JobStatus, "SUCCEEDED" | "FAILED" | "CANCELLED" | "RUNNING">; report?: unknown; nextRunId?: string | null; error?: string },
) {
  const done = outcome.status !== "RUNNING";
  return db.improvementRound.update({
    where: { id },
    data: {
      status: outcome.status,
      ...(outcome.report === undefined ? {} : { report: outcome.report as object }),
      ...(outcome.nextRunId === undefined ? {} : { nextRunId: outcome.nextRunId }),
      ...(outcome.error === undefined ? {} : { error: outcome.error.slice(0, 2000) }),
      ...(done ? { finishedAt: new Date() } : {}),
    },
  });
}

/**
 * The engine programs a run froze (its versions' code, under the program names), in the run's order.
 *
 * @example
 * const programs = await runEnginePrograms(prisma, run);
 */
export async function runEnginePrograms(db: Db, run: { id: string; programs: unknown }) {
  const frozen = runPrograms(run);
  const versions = await db.programVersion.findMany({ where: { id: { in: frozen.map((p) => p.programVersionId) } } });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return frozen.map((p) => {
    const version = byId.get(p.programVersionId);
    if (!version)
      throw new DomainError("NOT_FOUND", `run ${run.id}: program version ${p.programVersionId} (${p.name}) no longer exists; apply the programs again`);
    return toEngineProgram(p.name, version);
  });
}
