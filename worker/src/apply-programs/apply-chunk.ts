import { createHash } from "node:crypto";
import { applyChunkStage, runSettingsLimits, type ChunkOutcome, type ChunkPort, type ProgramRunner } from "@alchemist/engine";
import { listProgramStops, readChunkRows, recordProgramStops, saveChunkVotesMany, storedCodeHashes, type Db } from "@alchemist/db";
import type { RunContext } from "./run-context";

export type { ChunkOutcome };

/**
 * One chunk job of a run's apply: the engine's apply stage (`applyChunkStage`: which programs run,
 * stopped programs' `disabled` votes, each program's votes and stops) with the Postgres port:
 * votes upserted in one transaction (a re-run after a crash rewrites, never duplicates), stops in
 * `ProgramStop` rows that every worker reads.
 *
 * The runner keeps each program's sandbox warm between chunk jobs of the same run (its
 * `sessionKey`); programs are keyed by their position in the list, so the key also names the list.
 *
 * @example
 * const outcome = await applyChunk(prisma, runner, { context, chunkIndex: 3, signal });
 */
export async function applyChunk(
  db: Db,
  runner: ProgramRunner,
  input: { context: RunContext; chunkIndex: number; signal?: AbortSignal },
): Promise<ChunkOutcome> {
  const { context, chunkIndex } = input;
  const { dataset, task } = context;
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= context.chunkCount)
    throw new Error(`chunk ${chunkIndex} is outside 0..${context.chunkCount - 1} of dataset ${dataset.id}`);
  const start = chunkIndex * dataset.chunkSize;
  const port: ChunkPort = {
    stored: (hashes) => storedCodeHashes(db, dataset.id, chunkIndex, hashes),
    stops: () => listProgramStops(db, context.runId),
    rows: () => readChunkRows(db, dataset, chunkIndex),
    saveVotes: (votes) =>
      saveChunkVotesMany(
        db,
        votes.map((v) => ({ datasetId: dataset.id, chunkIndex, ...v, votes: v.votes as Int8Array })),
      ),
    recordStops: (stops) => recordProgramStops(db, context.runId, stops),
  };
  return applyChunkStage({
    runner,
    task,
    programs: context.unique,
    port,
    chunk: { index: chunkIndex, start, rows: Math.min(dataset.chunkSize, dataset.rowCount - start) },
    limits: runSettingsLimits(context.settings),
    sessionKey: (hashes) => `${context.runId}:${createHash("sha256").update(hashes.join(",")).digest("hex").slice(0, 16)}`,
    ...(input.signal ? { signal: input.signal } : {}),
  });
}
