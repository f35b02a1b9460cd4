import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";

const id = EntityId;

/**
 * How an `apply-programs` job treats its run: `apply` runs the frozen programs on every chunk
 * still missing votes, then analyses; `rescore` runs no program at all, it only re-analyses the
 * stored votes against the current gold and refits (what a reviewer's DEV labels call for).
 */
export const ApplyMode = z.enum(["apply", "rescore"]);
export type ApplyMode = z.infer<typeof ApplyMode>;

/**
 * Payload of an `apply-programs` job: ids only, the worker loads the data. The worker requires
 * the actor to hold "edit" for `apply` and "review" for `rescore`.
 */
export const ApplyProgramsPayload = z
  .object({
    projectId: id,
    runId: id,
    datasetId: id,
    /** The user who started it; the worker re-checks their role before writing. */
    actorId: ActorId,
    mode: ApplyMode.default("apply"),
  })
  .strict();
export type ApplyProgramsPayload = z.infer<typeof ApplyProgramsPayload>;
/** What producers pass: `mode` may be left out (it defaults to `apply`). */
export type ApplyProgramsInput = z.input<typeof ApplyProgramsPayload>;

/**
 * Validates an `apply-programs` payload, throwing an error that names the bad fields.
 *
 * @example
 * const { runId } = parseApplyProgramsPayload(job.data);
 */
export function parseApplyProgramsPayload(data: unknown): ApplyProgramsPayload {
  const parsed = ApplyProgramsPayload.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
    throw new Error(`invalid apply-programs payload: ${issues}`);
  }
  return parsed.data;
}
