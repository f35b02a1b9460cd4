import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/**
 * Payload of an `apply-chunk` job: one chunk of a run's apply, a child of the run's
 * `apply-programs` job in a BullMQ flow. Ids and the chunk index only; any worker process
 * connected to the same Postgres and Redis loads the chunk's rows and the run's frozen programs,
 * runs the programs whose votes for this chunk are not stored yet and stores them. The actor
 * must hold "edit" (re-checked per chunk).
 */
export const ApplyChunkPayload = z
  .object({
    projectId: EntityId,
    runId: EntityId,
    datasetId: EntityId,
    actorId: ActorId,
    /** Dataset chunk (rows chunkIndex x chunkSize ..), 0-based. */
    chunkIndex: z.number().int().min(0).max(10_000_000),
  })
  .strict();
export type ApplyChunkPayload = z.infer<typeof ApplyChunkPayload>;

/**
 * Validates an `apply-chunk` payload, throwing an error that names the bad fields.
 *
 * @example
 * const { runId, chunkIndex } = parseApplyChunkPayload(job.data);
 */
export function parseApplyChunkPayload(data: unknown): ApplyChunkPayload {
  return parsePayload(ApplyChunkPayload, "apply-chunk", data);
}

/**
 * BullMQ id of one chunk job of an apply: the run, the apply's generation (the parent BullMQ
 * job's creation time: stable while that job lives, so a parent that resumes after a crash adds
 * the same children again and BullMQ keeps one of each) and the chunk.
 *
 * @example
 * applyChunkJobId("run1", 1733380000000, 7); // "run1-1733380000000-7"
 */
export function applyChunkJobId(runId: string, generation: number, chunkIndex: number): string {
  if (!runId || runId.includes(":")) throw new Error(`run id "${runId}" cannot be part of a BullMQ job id`);
  if (!Number.isInteger(generation) || generation < 0) throw new Error(`apply generation must be a non-negative integer, got ${generation}`);
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0) throw new Error(`chunk index must be a non-negative integer, got ${chunkIndex}`);
  return `${runId}-${generation}-${chunkIndex}`;
}

/** The prefix every chunk job id of one apply generation starts with. */
export function applyChunkJobPrefix(runId: string, generation: number): string {
  return `${runId}-${generation}-`;
}
