import type { FlowProducer, Job } from "bullmq";
import { APPLY_CHUNK_QUEUE, createChunkJobs, type Db } from "@alchemist/db";
import { QUEUES, applyChunkJobId, jobOptions, parseJobPayload, type ApplyChunkPayload, type ApplyProgramsPayload } from "@alchemist/jobs";

/** Children added per Redis transaction. */
const BATCH = 500;

/**
 * Adds chunk jobs as children of the run's apply-programs job, the registry's way: each chunk's
 * Job row (QUEUED, with its payload) first, in bulk, then the BullMQ jobs through the
 * FlowProducer with the registry's `apply-chunk` options, ids per (run, generation, chunk). A
 * failed child does not fail the parent in BullMQ (`ignoreDependencyOnFailure`): the parent runs
 * when every child has ended and decides from the Job rows. Safe to repeat: existing rows are kept and BullMQ keeps one job per id.
 *
 * @example
 * await enqueueApplyChunks(prisma, flow, job, payload, [0, 1, 2]);
 */
export async function enqueueApplyChunks(
  db: Db,
  flow: FlowProducer,
  parent: Job,
  payload: ApplyProgramsPayload,
  chunkIndices: readonly number[],
): Promise<void> {
  if (chunkIndices.length === 0) return;
  const children = chunkIndices.map((chunkIndex) => {
    const data = parseJobPayload(QUEUES.applyChunk, {
      projectId: payload.projectId,
      runId: payload.runId,
      datasetId: payload.datasetId,
      actorId: payload.actorId,
      chunkIndex,
    });
    return { jobId: applyChunkJobId(payload.runId, parent.timestamp, chunkIndex), data };
  });
  await createChunkJobs(
    db,
    { projectId: payload.projectId, runId: payload.runId },
    children.map((c) => ({ externalId: c.jobId, payload: c.data })),
  );
  for (let i = 0; i < children.length; i += BATCH) {
    await flow.addBulk(
      children.slice(i, i + BATCH).map((c) => ({
        name: QUEUES.applyChunk,
        queueName: QUEUES.applyChunk,
        data: c.data,
        opts: {
          ...jobOptions(QUEUES.applyChunk, c.jobId),
          parent: { id: String(parent.id), queue: parent.queueQualifiedName },
          ignoreDependencyOnFailure: true,
        },
      })),
    );
  }
}

/** The chunk indices of a generation whose rows are still QUEUED or RUNNING. */
export async function unfinishedChunkPayloads(db: Db, runId: string, prefix: string): Promise<number[]> {
  const rows = await db.job.findMany({
    where: { runId, queue: APPLY_CHUNK_QUEUE, externalId: { startsWith: prefix }, status: { in: ["QUEUED", "RUNNING"] } },
    select: { payload: true },
  });
  return rows.map((r) => (r.payload as ApplyChunkPayload).chunkIndex).sort((a, b) => a - b);
}

export interface ChunkOutcome {
  readonly chunkIndex: number;
  readonly status: string;
  readonly error: string | null;
  readonly computed: number;
}

/** How each chunk job of a generation ended (from the Job rows), in chunk order. */
export async function chunkOutcomes(db: Db, runId: string, prefix: string): Promise<ChunkOutcome[]> {
  const rows = await db.job.findMany({
    where: { runId, queue: APPLY_CHUNK_QUEUE, externalId: { startsWith: prefix } },
    select: { status: true, error: true, payload: true, result: true },
  });
  return rows
    .map((r) => ({
      chunkIndex: (r.payload as ApplyChunkPayload).chunkIndex,
      status: r.status,
      error: r.error,
      computed: Number((r.result as { computed?: number } | null)?.computed ?? 0),
    }))
    .sort((a, b) => a.chunkIndex - b.chunkIndex);
}
