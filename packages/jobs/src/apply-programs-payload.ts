import { z } from "zod";
import { EntityId } from "./entity-id";

const id = EntityId;

/** Payload of an `apply-programs` job: ids only, the worker loads the data. */
export const ApplyProgramsPayload = z.object({ projectId: id, runId: id, datasetId: id, /** The user who started it; the worker re-checks their role before writing. */ actorId: id.optional() }).strict();
export type ApplyProgramsPayload = z.infer<typeof ApplyProgramsPayload>;

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
