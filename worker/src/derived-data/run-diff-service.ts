import { runDiffState, type Db } from "@alchemist/db";
import type { RunDiffPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { assertJobActor } from "../assert-job-actor";
import { computeRunDiff } from "./compute-run-diff";

export interface RunDiffJobResult extends Record<string, unknown> {
  readonly runAId: string;
  readonly runBId: string;
  readonly rows: number;
  readonly changed: number;
  readonly upToDate: boolean;
}

/**
 * The `run-diff` job: what changed from run A to run B, computed chunk by chunk (one chunk of
 * pseudolabels and changed programs' votes in memory at a time; the attribution is the engine's
 * `attributeLabelChanges`) and stored for the runs pages. A diff already current is left as it is.
 *
 * @example
 * const result = await runDiffService(prisma, payload, { report, signal });
 */
export async function runDiffService(db: Db, payload: RunDiffPayload, options: { report: ReportProgress; signal?: AbortSignal }): Promise<RunDiffJobResult> {
  await assertJobActor(db, payload, "read");
  const input = { projectId: payload.projectId, runAId: payload.runAId, runBId: payload.runBId };
  const state = await runDiffState(db, input);
  if (state.result) return { runAId: payload.runAId, runBId: payload.runBId, rows: state.result.rows, changed: state.result.changed, upToDate: true };
  const diff = await computeRunDiff(db, input, {
    onChunk: (done, total) => options.report((100 * done) / total, `compared chunk ${done} of ${total}`),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { runAId: payload.runAId, runBId: payload.runBId, rows: diff.rows, changed: diff.changed, upToDate: false };
}
