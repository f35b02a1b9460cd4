import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

const id = EntityId;

/**
 * Payload of a `refine-program` job ("ask the LLM to change this program so that ..."). The
 * ProgramRefinement row holds provider, model and base version; the instruction travels too so
 * the job log shows what was asked. `actorId` is the user the new version is attributed to.
 * The BullMQ job id is the refinementId, so enqueueing twice runs it once.
 */
export const RefineProgramPayload = z
  .object({
    projectId: id,
    programId: id,
    refinementId: id,
    instruction: z.string().trim().min(3, "the instruction is shorter than 3 characters").max(4_000, "the instruction is over 4,000 characters"),
    actorId: ActorId,
  })
  .strict();
export type RefineProgramPayload = z.infer<typeof RefineProgramPayload>;

/** One version's figures on the dev split, next to the other enabled programs. */
export interface RefineSideMetrics {
  readonly version: number;
  /** Share of dev rows it votes on. */
  readonly coverage: number;
  /** Accuracy on the dev rows with gold it votes on; null when it votes on none. */
  readonly accuracy: number | null;
  /** Share of dev rows where it votes and another enabled program votes a different class. */
  readonly conflicts: number;
  /** Share of dev rows where it votes together with another enabled program. */
  readonly overlaps: number;
  readonly faults: number;
  readonly votes: number;
}

/** Before/after dev metrics a refinement stores. */
export interface RefineMetrics {
  readonly devRows: number;
  readonly goldRows: number;
  /** Names of the other enabled programs the conflicts are counted against. */
  readonly others: string[];
  readonly before: RefineSideMetrics;
  readonly after: RefineSideMetrics;
  /** Dev rows whose vote changed between the two versions. */
  readonly changedVotes: number;
}

/**
 * Validates a `refine-program` payload, naming the bad fields.
 *
 * @example
 * const { refinementId, instruction } = parseRefineProgramPayload(job.data);
 */
export function parseRefineProgramPayload(data: unknown): RefineProgramPayload {
  return parsePayload(RefineProgramPayload, "refine-program", data);
}
