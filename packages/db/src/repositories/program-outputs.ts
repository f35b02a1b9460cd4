import type { FaultCounts, LabelMatrix } from "@alchemist/engine";
import type { Db } from "../client";
import { bytesToVotes, votesToBytes } from "../votes";

export interface ChunkVotes {
  readonly datasetId: string;
  readonly codeHash: string;
  readonly chunkIndex: number;
  /** One vote per row of the chunk, -1 = abstain. */
  readonly votes: Int8Array;
  readonly faults?: FaultCounts;
  readonly firstError?: string | null;
  readonly millis?: number;
}

/**
 * Stores (or replaces) one program's votes on one chunk; safe to repeat.
 *
 * @example
 * await saveChunkVotes(prisma, { datasetId, codeHash, chunkIndex: 0, votes: Int8Array.of(1, -1, 0) });
 */
export async function saveChunkVotes(db: Db, chunk: ChunkVotes) {
  if (!Number.isInteger(chunk.chunkIndex) || chunk.chunkIndex < 0) throw new Error(`chunkIndex must be a non-negative integer, got ${chunk.chunkIndex}`);
  const data = {
    chunkRows: chunk.votes.length,
    votes: votesToBytes(chunk.votes),
    faults: (chunk.faults ?? {}) as object,
    firstError: chunk.firstError ?? null,
    millis: Math.round(chunk.millis ?? 0),
  };
  const key = { datasetId: chunk.datasetId, codeHash: chunk.codeHash, chunkIndex: chunk.chunkIndex };
  return db.programOutput.upsert({ where: { datasetId_codeHash_chunkIndex: key }, create: { ...key, ...data }, update: data });
}

/**
 * Chunk indices in 0..chunkCount-1 with no stored votes for this code hash, ascending.
 *
 * @example
 * const todo = await missingChunks(prisma, dataset.id, version.codeHash, Math.ceil(dataset.rowCount / dataset.chunkSize));
 */
export async function missingChunks(db: Db, datasetId: string, codeHash: string, chunkCount: number): Promise<number[]> {
  if (!Number.isInteger(chunkCount) || chunkCount < 0) throw new Error(`chunkCount must be a non-negative integer, got ${chunkCount}`);
  const stored = await db.programOutput.findMany({ where: { datasetId, codeHash }, select: { chunkIndex: true } });
  const have = new Set(stored.map((s) => s.chunkIndex));
  return Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !have.has(i));
}

export interface VoteColumn {
  readonly votes: Int8Array;
  readonly faults: FaultCounts;
  readonly firstError: string | null;
  readonly millis: number;
}

type DatasetShape = { id: string; chunkSize: number; rowCount: number };

/**
 * All of a program's votes on a dataset, assembled from its chunks in row order; throws naming
 * the missing chunks when any is absent.
 *
 * @example
 * const { votes, faults } = await readVoteColumn(prisma, dataset, codeHash);
 */
export async function readVoteColumn(db: Db, dataset: DatasetShape, codeHash: string): Promise<VoteColumn> {
  const chunkCount = Math.ceil(dataset.rowCount / dataset.chunkSize);
  const chunks = await db.programOutput.findMany({ where: { datasetId: dataset.id, codeHash }, orderBy: { chunkIndex: "asc" } });
  const votes = new Int8Array(dataset.rowCount).fill(-1);
  const faults: Record<string, number> = {};
  const seen = new Set<number>();
  let firstError: string | null = null;
  let millis = 0;
  for (const chunk of chunks) {
    if (chunk.chunkIndex >= chunkCount) continue;
    const expected = Math.min(dataset.chunkSize, dataset.rowCount - chunk.chunkIndex * dataset.chunkSize);
    if (chunk.chunkRows !== expected) throw new Error(`chunk ${chunk.chunkIndex} of ${codeHash.slice(0, 12)} holds ${chunk.chunkRows} votes, expected ${expected}`);
    votes.set(bytesToVotes(chunk.votes), chunk.chunkIndex * dataset.chunkSize);
    for (const [kind, count] of Object.entries(chunk.faults as Record<string, number>)) faults[kind] = (faults[kind] ?? 0) + count;
    firstError ??= chunk.firstError;
    millis += chunk.millis;
    seen.add(chunk.chunkIndex);
  }
  const missing = Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new Error(`program ${codeHash.slice(0, 12)} has no votes for chunk(s) ${missing.slice(0, 10).join(", ")} of dataset ${dataset.id}`);
  return { votes, faults: faults as FaultCounts, firstError, millis };
}

/**
 * The n x m label matrix of several programs (columns in `codeHashes` order) plus each column's faults.
 *
 * @example
 * const { L, columns } = await assembleLabelMatrix(prisma, dataset, run.programs.map((p) => p.codeHash));
 */
export async function assembleLabelMatrix(db: Db, dataset: DatasetShape, codeHashes: readonly string[]): Promise<{ L: LabelMatrix; columns: VoteColumn[] }> {
  const n = dataset.rowCount;
  const m = codeHashes.length;
  const values = new Int8Array(n * m);
  const columns: VoteColumn[] = [];
  for (let j = 0; j < m; j++) {
    const column = await readVoteColumn(db, dataset, codeHashes[j]!);
    for (let i = 0; i < n; i++) values[i * m + j] = column.votes[i]!;
    columns.push(column);
  }
  return { L: { n, m, values }, columns };
}
