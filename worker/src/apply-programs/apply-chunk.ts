import { createHash } from "node:crypto";
import { programInput, type ProgramRunner } from "@alchemist/engine";
import { listProgramStops, readChunkRows, recordProgramStops, saveChunkVotesMany, storedCodeHashes, type ChunkVotes, type Db, type ProgramStop } from "@alchemist/db";
import type { RunContext } from "./run-context";

export interface ChunkOutcome {
  readonly chunkIndex: number;
  /** Programs run on the chunk (its votes were missing). */
  readonly computed: number;
  /** Programs stopped earlier in the run's apply: stored as `disabled` faults without running. */
  readonly disabled: number;
  /** Programs the runner stopped on this chunk (recorded for the rest of the run). */
  readonly stopped: readonly ProgramStop[];
}

/**
 * Applies the run's programs whose votes for one chunk are not stored yet and stores each one's
 * votes for it (one transaction; upserts, so a re-run after a crash rewrites, never duplicates).
 * Programs the runner stopped earlier in the run (on any worker: `ProgramStop` rows) are not run:
 * their votes are abstains counted as `disabled` faults with the stop's row and reason. A program
 * the runner stops on this chunk is recorded the same way for the chunks that follow.
 *
 * The runner keeps each program's sandbox warm between chunk jobs of the same run (its
 * `sessionKey`); programs are keyed by their position in the list, so the key also names the list.
 *
 * @example
 * const outcome = await applyChunk(prisma, runner, { context, chunkIndex: 3, signal });
 */
export async function applyChunk(db: Db, runner: ProgramRunner, input: { context: RunContext; chunkIndex: number; signal?: AbortSignal }): Promise<ChunkOutcome> {
  const { context, chunkIndex } = input;
  const { dataset, task } = context;
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= context.chunkCount) throw new Error(`chunk ${chunkIndex} is outside 0..${context.chunkCount - 1} of dataset ${dataset.id}`);
  const stored = await storedCodeHashes(db, dataset.id, chunkIndex, context.unique.map((u) => u.codeHash));
  const todo = context.unique.filter((u) => !stored.has(u.codeHash));
  if (todo.length === 0) return { chunkIndex, computed: 0, disabled: 0, stopped: [] };
  const stops = await listProgramStops(db, context.runId);
  const run = todo.filter((u) => !stops.has(u.codeHash));
  const start = chunkIndex * dataset.chunkSize;
  const n = Math.min(dataset.chunkSize, dataset.rowCount - start);
  const chunks: ChunkVotes[] = [];
  for (const u of todo.filter((t) => stops.has(t.codeHash))) {
    const stop = stops.get(u.codeHash)!;
    chunks.push({
      datasetId: dataset.id, codeHash: u.codeHash, chunkIndex, votes: new Int8Array(n).fill(-1), faults: { disabled: n },
      firstError: `stopped at row ${stop.row} (chunk ${stop.chunkIndex}): ${stop.reason}`, millis: 0, stopped: { row: stop.row, reason: stop.reason },
    });
  }
  const newStops: ProgramStop[] = [];
  if (run.length > 0) {
    const rows = await readChunkRows(db, dataset, chunkIndex);
    const inputs = rows.map((row) => programInput(row, task.input));
    const classNames = task.classes.map((c) => c.name);
    const sessionKey = `${context.runId}:${createHash("sha256").update(run.map((u) => u.codeHash).join(",")).digest("hex").slice(0, 16)}`;
    const { L, meta } = await runner.apply(run.map((u) => u.program), inputs, { classNames, sessionKey, ...(input.signal ? { signal: input.signal } : {}) });
    if (L.n !== rows.length || L.m !== run.length) throw new Error(`runner returned ${L.n} x ${L.m} votes for chunk ${chunkIndex} (${rows.length} rows x ${run.length} programs)`);
    for (let j = 0; j < L.m; j++) {
      const votes = new Int8Array(L.n);
      for (let i = 0; i < L.n; i++) votes[i] = L.values[i * L.m + j]!;
      const m = meta[j]!;
      const stopped = m.stopped ? { row: start + m.stopped.row, reason: m.stopped.reason } : null;
      if (stopped) newStops.push({ codeHash: run[j]!.codeHash, chunkIndex, ...stopped });
      chunks.push({ datasetId: dataset.id, codeHash: run[j]!.codeHash, chunkIndex, votes, faults: m.faults, firstError: m.firstError ?? null, millis: m.millis, stopped });
    }
  }
  await saveChunkVotesMany(db, chunks);
  // After the votes: a crash in between re-runs the chunk, which stops the program again.
  await recordProgramStops(db, context.runId, newStops);
  return { chunkIndex, computed: run.length, disabled: todo.length - run.length, stopped: newStops };
}
