import "server-only";
import { findProjectTask, getPrisma } from "@alchemist/db";
import { QUEUES, TryProgramPayload, type TryFilter, type TryProgramResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { runAndWait } from "@/features/jobs";

const WAIT_MS = 60_000;

/** What "Run on sample" sends: the draft, how many rows and which (`programId`: the program being edited, left out of "conflicts"). */
export interface TryProgramInput {
  readonly projectId: string;
  readonly language: "python" | "javascript";
  readonly source: string;
  readonly rows: number;
  readonly filter: TryFilter;
  readonly programId?: string | undefined;
}

/**
 * Runs draft code on sample rows through the worker's `try-program` queue (programs never run in
 * the web process) and waits for the per-row result: `rows` rows, or the first `rows` that match
 * `filter`.
 *
 * @example
 * const result = await tryProgram({ projectId, language: "python", source, rows: 50, filter: "wrong" }, actor.userId);
 */
export async function tryProgram(input: TryProgramInput, actorId: string): Promise<TryProgramResult> {
  getEnv();
  const db = getPrisma();
  const task = await findProjectTask(db, input.projectId);
  if (!task) throw new AppError("BAD_REQUEST", "Define the task first: the sample run needs its classes");
  if ((await db.dataset.count({ where: { projectId: input.projectId } })) === 0)
    throw new AppError("BAD_REQUEST", "Import a dataset first: there are no rows to run on");
  if (input.programId && !(await db.program.findFirst({ where: { id: input.programId, projectId: input.projectId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `program ${input.programId} does not exist in this project`);
  const parsed = TryProgramPayload.safeParse({
    projectId: input.projectId,
    actorId,
    language: input.language,
    functionName: task.functionName,
    source: input.source.replace(/\r\n?/g, "\n"),
    rows: input.rows,
    filter: input.filter,
    ...(input.programId ? { programId: input.programId } : {}),
  });
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => i.message).join("; "));
  return runAndWait<typeof QUEUES.tryProgram, TryProgramResult>(QUEUES.tryProgram, parsed.data, WAIT_MS);
}
