import type { Db } from "../client";
import { DomainError } from "../domain-error";
import type { JobStatus } from "../generated/prisma/enums";

/**
 * Records a QUEUED sweep with its generation request and grid. The advisory lock keeps two clicks
 * from starting two sweeps of one project (they would share the LLM budget and the cache).
 *
 * @example
 * const sweep = await createSweep(prisma, { projectId, generationRequestId: request.id, grid });
 */
export async function createSweep(db: Db, input: { projectId: string; generationRequestId: string; grid: object }) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sweep:${input.projectId}`}))`;
    const active = await tx.sweep.findFirst({ where: { projectId: input.projectId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (active)
      throw new DomainError("CONFLICT", `a sweep of this project (${active.id}) is still running; wait for it to finish or cancel it before starting another`);
    return tx.sweep.create({ data: input });
  });
}

/** One sweep or null. */
export async function getSweep(db: Db, id: string) {
  return db.sweep.findUnique({ where: { id } });
}

/** The project's newest sweep (the sweep panel shows it), or null. */
export async function latestSweep(db: Db, projectId: string) {
  return db.sweep.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
}

/**
 * Moves a sweep on: RUNNING, SUCCEEDED with its result, or FAILED / CANCELLED with the error.
 *
 * @example
 * await endSweep(prisma, id, { status: "SUCCEEDED", result });
 */
export async function endSweep(
  db: Db,
  id: string,
  outcome: { status: Extract<JobStatus, "SUCCEEDED" | "FAILED" | "CANCELLED" | "RUNNING">; result?: unknown; error?: string },
) {
  const done = outcome.status !== "RUNNING";
  return db.sweep.update({
    where: { id },
    data: {
      status: outcome.status,
      ...(outcome.result === undefined ? {} : { result: outcome.result as object }),
      ...(outcome.error === undefined ? {} : { error: outcome.error.slice(0, 2000) }),
      ...(done ? { finishedAt: new Date() } : {}),
    },
  });
}
