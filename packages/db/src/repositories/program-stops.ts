import type { Db } from "../client";
import type { ProgramStopInfo } from "./program-outputs";

/** A program the runner stopped during a run's apply, and on which chunk. */
export interface ProgramStop extends ProgramStopInfo {
  readonly codeHash: string;
  readonly chunkIndex: number;
}

/**
 * Records that the runner stopped these programs during the run's apply, so that chunk jobs of
 * the run on any worker stop running them. When chunks on two workers stop the same program, the
 * earliest row is kept (the stop every later chunk reports).
 *
 * @example
 * await recordProgramStops(prisma, runId, [{ codeHash, chunkIndex: 4, row: 4123, reason: "3 rows in a row timed out" }]);
 */
export async function recordProgramStops(db: Db, runId: string, stops: readonly ProgramStop[]): Promise<void> {
  for (const stop of stops) {
    if (!Number.isInteger(stop.row) || stop.row < 0) throw new Error(`a program stop needs a row index >= 0, got ${stop.row}`);
    // One statement: two workers recording the same program at once cannot both insert.
    await db.$executeRaw`
      INSERT INTO "ProgramStop" ("runId", "codeHash", "chunkIndex", "row", "reason")
      VALUES (${runId}, ${stop.codeHash}, ${stop.chunkIndex}, ${stop.row}, ${stop.reason.slice(0, 2000)})
      ON CONFLICT ("runId", "codeHash") DO UPDATE
        SET "chunkIndex" = EXCLUDED."chunkIndex", "row" = EXCLUDED."row", "reason" = EXCLUDED."reason"
        WHERE EXCLUDED."row" < "ProgramStop"."row"`;
  }
}

/**
 * The programs stopped so far in the run's apply, by code hash.
 *
 * @example
 * const stops = await listProgramStops(prisma, runId);
 * if (stops.has(codeHash)) ...
 */
export async function listProgramStops(db: Db, runId: string): Promise<Map<string, ProgramStop>> {
  const rows = await db.programStop.findMany({ where: { runId }, select: { codeHash: true, chunkIndex: true, row: true, reason: true } });
  return new Map(rows.map((r) => [r.codeHash, r]));
}
