import {
  attributeLabelChanges,
  diffRunPrograms,
  emptyLabelChangeCounts,
  mergeLabelChangeCounts,
  summarizeRunDiff,
  type ProgramVotePair,
  type RunDiffResult,
} from "@alchemist/engine";
import { programVersionNumbers, readRunDiffChunk, runDiffState, runPrograms, saveRunDiff, type Db } from "@alchemist/db";

/**
 * Computes the diff of two runs over the same dataset chunk by chunk (only the vote columns of
 * programs whose code differs between the runs are read, one chunk at a time; the attribution is
 * the engine's `attributeLabelChanges`) and stores it with the pseudolabel stamps it was computed
 * from. What the `run-diff` job runs; `onChunk` reports progress, `signal` stops between chunks.
 *
 * @example
 * const diff = await computeRunDiff(prisma, { projectId, runAId, runBId }, { onChunk: (done, total) => report(done / total) });
 * diff.changed; diff.drivers[0]; // 412, { programId, name: "mentions_prize", rows: 300 }
 */
export async function computeRunDiff(
  db: Db,
  input: { projectId: string; runAId: string; runBId: string },
  options: { onChunk?: (done: number, total: number) => Promise<void> | void; signal?: AbortSignal } = {},
): Promise<RunDiffResult> {
  const { runA, runB, stamps } = await runDiffState(db, input);
  const programsA = runPrograms(runA);
  const programsB = runPrograms(runB);
  const versions = await programVersionNumbers(
    db,
    [...programsA, ...programsB].map((p) => p.programVersionId),
  );
  const programs = diffRunPrograms(programsA, programsB, versions);
  const dataset = runA.dataset;
  const chunks = Math.ceil(dataset.rowCount / dataset.chunkSize);
  let counts = emptyLabelChangeCounts();
  for (let from = 0, chunkIndex = 0; from < dataset.rowCount; from += dataset.chunkSize, chunkIndex++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
    const to = Math.min(dataset.rowCount, from + dataset.chunkSize);
    const chunk = await readRunDiffChunk(db, { runAId: runA.id, runBId: runB.id, datasetId: dataset.id, chunkIndex, from, to, hashes: programs.hashes });
    const column = (hash: string | null) => {
      if (hash === null) return null;
      const votes = chunk.votes.get(hash);
      // Both runs finished applying, so every program of theirs has every chunk stored.
      if (!votes) throw new Error(`program ${hash.slice(0, 12)} has no votes for chunk ${chunkIndex} of dataset ${dataset.id}`);
      return votes;
    };
    const pairs: ProgramVotePair[] = programs.moving.map((p) => ({ key: p.programId, votesA: column(p.hashA), votesB: column(p.hashB) }));
    counts = mergeLabelChangeCounts(counts, attributeLabelChanges({ labelsA: chunk.labelsA, labelsB: chunk.labelsB, programs: pairs, offset: from }));
    await options.onChunk?.(chunkIndex + 1, chunks);
  }
  // A refit while this ran makes these stamps old: the result is then never served as current.
  const result = summarizeRunDiff({ runA, runB, programs, counts, stamps: { a: stamps.a.toISOString(), b: stamps.b.toISOString() } });
  await saveRunDiff(db, result);
  return result;
}
