import "server-only";
import { getPrisma, setProgramEnabled } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

/**
 * Turns a program of a project on or off for future runs.
 *
 * @example
 * await setEnabled(projectId, programId, false);
 */
export async function setEnabled(projectId: string, programId: string, enabled: boolean) {
  getEnv();
  const program = await getPrisma().program.findUnique({ where: { id: programId }, select: { projectId: true } });
  if (!program || program.projectId !== projectId) throw new AppError("NOT_FOUND", `program ${programId} does not exist in this project`);
  return setProgramEnabled(getPrisma(), programId, enabled);
}
