import { programInput, type Program, type ProgramRunner, type TaskSpec } from "@alchemist/engine";
import { readChunkRows, saveChunkVotes, type Db } from "@alchemist/db";

export interface ChunkWork {
  readonly chunkIndex: number;
  /** Programs (unique by code hash) that have no votes stored for this chunk. */
  readonly programs: readonly { readonly codeHash: string; readonly program: Program }[];
}

/**
 * Applies the programs missing on one chunk and stores each program's votes for it.
 *
 * @example
 * await applyChunk(prisma, runner, { dataset, task, work, signal });
 */
export async function applyChunk(
  db: Db,
  runner: ProgramRunner,
  input: { dataset: { id: string; chunkSize: number; rowCount: number }; task: TaskSpec; work: ChunkWork; signal?: AbortSignal },
): Promise<void> {
  const { dataset, task, work } = input;
  if (work.programs.length === 0) return;
  const rows = await readChunkRows(db, dataset, work.chunkIndex);
  const inputs = rows.map((row) => programInput(row, task.input));
  const classNames = task.classes.map((c) => c.name);
  const { L, meta } = await runner.apply(
    work.programs.map((p) => p.program),
    inputs,
    input.signal ? { classNames, signal: input.signal } : { classNames },
  );
  if (L.n !== rows.length || L.m !== work.programs.length) {
    throw new Error(`runner returned ${L.n} x ${L.m} votes for chunk ${work.chunkIndex} (${rows.length} rows x ${work.programs.length} programs)`);
  }
  for (let j = 0; j < L.m; j++) {
    const votes = new Int8Array(L.n);
    for (let i = 0; i < L.n; i++) votes[i] = L.values[i * L.m + j]!;
    const m = meta[j]!;
    await saveChunkVotes(db, {
      datasetId: dataset.id,
      codeHash: work.programs[j]!.codeHash,
      chunkIndex: work.chunkIndex,
      votes,
      faults: m.faults,
      firstError: m.firstError ?? null,
      millis: m.millis,
    });
  }
}
