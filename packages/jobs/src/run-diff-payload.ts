import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/**
 * Payload of a `run-diff` job: compute and store what changed from run A to run B (same dataset):
 * programs, rows whose pseudolabel changed and the programs that drove them. The worker requires
 * the actor (who first asked for the diff) to still read the project.
 */
export const RunDiffPayload = z.object({ projectId: EntityId, runAId: EntityId, runBId: EntityId, actorId: ActorId }).strict();
export type RunDiffPayload = z.infer<typeof RunDiffPayload>;

/**
 * Validates a `run-diff` payload, naming the bad fields.
 *
 * @example
 * const { runAId, runBId } = parseRunDiffPayload(job.data);
 */
export function parseRunDiffPayload(data: unknown): RunDiffPayload {
  return parsePayload(RunDiffPayload, "run-diff", data);
}

/**
 * The BullMQ job id (and Job.externalId) of the diff of runs A and B for the given versions of
 * their pseudolabels (epoch ms): one job per inputs, a new one after either run is refitted.
 *
 * @example
 * runDiffJobId("runA", "runB", 1764900000000, 1764900500000); // "run-diff-runA-runB-1764900000000-1764900500000"
 */
export function runDiffJobId(runAId: string, runBId: string, stampA: number, stampB: number): string {
  EntityId.parse(runAId);
  EntityId.parse(runBId);
  for (const stamp of [stampA, stampB])
    if (!(Number.isInteger(stamp) && stamp >= 0)) throw new Error(`run-diff stamp must be epoch milliseconds, got ${stamp}`);
  return `run-diff-${runAId}-${runBId}-${stampA}-${stampB}`;
}
