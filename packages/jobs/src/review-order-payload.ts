import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/**
 * The orders the review queue offers: programs' conflict, pseudolabel uncertainty (entropy), or
 * likely errors (the label-error audit: dev gold and train pseudolabels the evidence disputes).
 */
export const ReviewOrderKind = z.enum(["conflict", "uncertainty", "likely-errors"]);
export type ReviewOrderKind = z.infer<typeof ReviewOrderKind>;

/**
 * Payload of a `review-order` job: compute and store a run's rows in review order (`conflict`
 * from its stored votes, `uncertainty` from its pseudolabels' entropy, `likely-errors` from the
 * label-error audit of its votes and pseudolabels). The worker requires the actor to still read the project.
 */
export const ReviewOrderPayload = z.object({ projectId: EntityId, runId: EntityId, kind: ReviewOrderKind, actorId: ActorId }).strict();
export type ReviewOrderPayload = z.infer<typeof ReviewOrderPayload>;

/**
 * Validates a `review-order` payload, naming the bad fields.
 *
 * @example
 * const { runId, kind } = parseReviewOrderPayload(job.data);
 */
export function parseReviewOrderPayload(data: unknown): ReviewOrderPayload {
  return parsePayload(ReviewOrderPayload, "review-order", data);
}

/**
 * The BullMQ job id (and Job.externalId) of the review-order job for one version of a run's
 * inputs: `stamp` is the epoch ms of the pseudolabels it orders or audits (null for `conflict`, whose votes
 * never change), so asking twice for the same inputs queues one job and a refit queues a new one.
 *
 * @example
 * reviewOrderJobId("run1", "uncertainty", 1764900000000); // "review-order-run1-uncertainty-1764900000000"
 */
export function reviewOrderJobId(runId: string, kind: ReviewOrderKind, stamp: number | null): string {
  EntityId.parse(runId);
  ReviewOrderKind.parse(kind);
  if (stamp !== null && !(Number.isInteger(stamp) && stamp >= 0)) throw new Error(`review-order stamp must be epoch milliseconds, got ${stamp}`);
  return `review-order-${runId}-${kind}-${stamp ?? 0}`;
}
