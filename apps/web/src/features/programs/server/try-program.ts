import "server-only";
import { getPrisma } from "@alchemist/db";
import { QUEUES, TryProgramPayload, type TryProgramResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { runAndWait } from "@/features/jobs/server/run-and-wait";

const WAIT_MS = 60_000;

/**
 * Runs draft code on 20 sample rows through the worker's `try-program` queue (programs never
 * run in the web process) and waits for the per-row result.
 *
 * @example
 * const result = await tryProgram({ projectId, language: "python", source }, actor.userId);
 */
export async function tryProgram(input: { projectId: string; language: "python" | "javascript"; source: string }, actorId: string): Promise<TryProgramResult> {
  getEnv();
  const db = getPrisma();
  const task = await db.task.findFirst({ where: { projectId: input.projectId }, orderBy: { createdAt: "desc" }, select: { functionName: true } });
  if (!task) throw new AppError("BAD_REQUEST", "Define the task first: the sample run needs its classes");
  if ((await db.dataset.count({ where: { projectId: input.projectId } })) === 0) throw new AppError("BAD_REQUEST", "Import a dataset first: there are no rows to run on");
  const parsed = TryProgramPayload.safeParse({ projectId: input.projectId, actorId, language: input.language, functionName: task.functionName, source: input.source, rows: 20 });
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => i.message).join("; "));
  return runAndWait<typeof QUEUES.tryProgram, TryProgramResult>(QUEUES.tryProgram, parsed.data, WAIT_MS);
}
