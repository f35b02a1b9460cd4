import "server-only";
import { getPrisma, recordAudit, setProgramEnabled } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

/**
 * Turns a program of a project on or off for future runs.
 *
 * @example
 * await setEnabled(projectId, programId, false, actor.userId);
 */
export async function setEnabled(projectId: string, programId: string, enabled: boolean, actorId: string) {
  getEnv();
  const program = await getPrisma().program.findUnique({ where: { id: programId }, select: { projectId: true } });
  if (!program || program.projectId !== projectId) throw new AppError("NOT_FOUND", `program ${programId} does not exist in this project`);
  const updated = await setProgramEnabled(getPrisma(), programId, enabled);
  await recordAudit(getPrisma(), { projectId, actorId, action: enabled ? "program.enable" : "program.disable", targetType: "program", targetId: programId });
  return updated;
}
