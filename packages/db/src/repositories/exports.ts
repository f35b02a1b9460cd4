import type { Db } from "../client";

const EXPORT_QUEUE = "export";

/**
 * A project's export jobs (the Job table is their record: status, progress, and on success the
 * written file in `result`), newest first.
 *
 * @example
 * const exports = await listExportJobs(prisma, projectId);
 */
export async function listExportJobs(db: Db, projectId: string, take = 50) {
  return db.job.findMany({ where: { projectId, queue: EXPORT_QUEUE }, orderBy: { createdAt: "desc" }, take });
}

/**
 * The export job of a project by its export id (the BullMQ job id), or null when it belongs to
 * another project or does not exist.
 *
 * @example
 * const job = await findExportJob(prisma, projectId, exportId);
 */
export async function findExportJob(db: Db, projectId: string, exportId: string) {
  const job = await db.job.findFirst({ where: { queue: EXPORT_QUEUE, externalId: exportId } });
  return job && job.projectId === projectId ? job : null;
}

/**
 * Program versions with their program names, in the order of `ids` (for exporting a run's programs).
 *
 * @example
 * const versions = await readProgramVersions(prisma, runPrograms(run).map((p) => p.programVersionId));
 */
export async function readProgramVersions(db: Db, ids: readonly string[]) {
  const versions = await db.programVersion.findMany({ where: { id: { in: [...ids] } }, include: { program: { select: { name: true, projectId: true } } } });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return ids.map((id) => byId.get(id)).filter((v): v is NonNullable<typeof v> => v !== undefined);
}
