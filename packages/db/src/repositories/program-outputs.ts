import type { FaultCounts, LabelMatrix } from "@alchemist/engine";
import type { Db } from "../client";
import { Prisma } from "../generated/prisma/client";
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
  /** Where and why the runner stopped the program (this chunk, or an earlier one for `disabled` votes). */
  readonly stopped?: ProgramStopInfo | null;
}

/** A program stopped for the rest of an apply: the dataset row (global index) and the runner's reason. */
export interface ProgramStopInfo {
  readonly row: number;
  readonly reason: string;
}

function stopInfo(value: unknown): ProgramStopInfo | null {
  if (!value || typeof value !== "object") return null;
  const { row, reason } = value as { row?: unknown; reason?: unknown };
  return typeof row === "number" && typeof reason === "string" ? { row, reason } : null;
}

/**
 * Stores (or replaces) one program's votes on one chunk; safe to repeat.
 *
 * @example
 * await saveChunkVotes(prisma, { datasetId, codeHash, chunkIndex: 0, votes: Int8Array.of(1, -1, 0) });
 */
export async function saveChunkVotes(db: Db, chunk: ChunkVotes) {
  return upsertChunkVotes(db, chunk);
}

// Not async: a PrismaPromise runs only when awaited, so a batch $transaction can take several.
function upsertChunkVotes(db: Db, chunk: ChunkVotes) {
  if (!Number.isInteger(chunk.chunkIndex) || chunk.chunkIndex < 0) throw new Error(`chunkIndex must be a non-negative integer, got ${chunk.chunkIndex}`);
  const data = {
    chunkRows: chunk.votes.length,
    votes: votesToBytes(chunk.votes),
    faults: (chunk.faults ?? {}) as object,
    firstError: chunk.firstError ?? null,
    millis: Math.round(chunk.millis ?? 0),
    stopped: chunk.stopped ? { row: chunk.stopped.row, reason: chunk.stopped.reason } : Prisma.DbNull,
  };
  const key = { datasetId: chunk.datasetId, codeHash: chunk.codeHash, chunkIndex: chunk.chunkIndex };
  return db.programOutput.upsert({ where: { datasetId_codeHash_chunkIndex: key }, create: { ...key, ...data }, update: data });
}

/**
 * Stores several programs' votes (one chunk job's output) in ONE statement: an
 * `INSERT ... SELECT FROM json_to_recordset ... ON CONFLICT DO UPDATE` on (dataset, code hash,
 * chunk), so it is atomic and a chunk job that re-runs after a crash overwrites what it had
 * stored, never duplicates it. Votes travel as base64 inside the JSON.
 *
 * @example
 * await saveChunkVotesMany(prisma, [{ datasetId, codeHash: a, chunkIndex: 3, votes }, { datasetId, codeHash: b, chunkIndex: 3, votes: other }]);
 */
export async function saveChunkVotesMany(db: Db, chunks: readonly ChunkVotes[]): Promise<void> {
  if (chunks.length === 0) return;
  const records = chunks.map((chunk) => {
    if (!Number.isInteger(chunk.chunkIndex) || chunk.chunkIndex < 0) throw new Error(`chunkIndex must be a non-negative integer, got ${chunk.chunkIndex}`);
    return {
      d: chunk.datasetId,
      h: chunk.codeHash,
      c: chunk.chunkIndex,
      r: chunk.votes.length,
      v: Buffer.from(chunk.votes.buffer, chunk.votes.byteOffset, chunk.votes.byteLength).toString("base64"),
      f: chunk.faults ?? {},
      e: chunk.firstError ?? null,
      m: Math.round(chunk.millis ?? 0),
      s: chunk.stopped ? { row: chunk.stopped.row, reason: chunk.stopped.reason } : null,
    };
  });
  const keys = new Set(records.map((r) => `${r.d}\u0000${r.h}\u0000${r.c}`));
  if (keys.size !== records.length) throw new Error("saveChunkVotesMany: the same (dataset, code hash, chunk) twice in one call");
  await db.$executeRawUnsafe(
    `INSERT INTO "ProgramOutput" ("id", "datasetId", "codeHash", "chunkIndex", "chunkRows", "votes", "faults", "firstError", "millis", "stopped")
     SELECT gen_random_uuid()::text, t.d, t.h, t.c, t.r, decode(t.v, 'base64'), t.f, t.e, t.m, t.s
     FROM json_to_recordset($1::json) AS t(d text, h text, c int, r int, v text, f jsonb, e text, m int, s jsonb)
     ON CONFLICT ("datasetId", "codeHash", "chunkIndex") DO UPDATE SET
       "chunkRows" = EXCLUDED."chunkRows", "votes" = EXCLUDED."votes", "faults" = EXCLUDED."faults",
       "firstError" = EXCLUDED."firstError", "millis" = EXCLUDED."millis", "stopped" = EXCLUDED."stopped"`,
    JSON.stringify(records),
  );
}

/**
 * Which of `codeHashes` already have votes stored for this chunk.
 *
 * @example
 * const stored = await storedCodeHashes(prisma, datasetId, 3, run.programs.map((p) => p.codeHash));
 */
export async function storedCodeHashes(db: Db, datasetId: string, chunkIndex: number, codeHashes: readonly string[]): Promise<Set<string>> {
  if (codeHashes.length === 0) return new Set();
  const rows = await db.programOutput.findMany({ where: { datasetId, chunkIndex, codeHash: { in: [...codeHashes] } }, select: { codeHash: true } });
  return new Set(rows.map((r) => r.codeHash));
}

/**
 * Chunk indices in 0..chunkCount-1 that miss the votes of at least one of `codeHashes`, ascending
 * (one grouped query, whatever the number of programs).
 *
 * @example
 * const todo = await chunksMissingVotes(prisma, dataset.id, codeHashes, Math.ceil(dataset.rowCount / dataset.chunkSize));
 */
export async function chunksMissingVotes(db: Db, datasetId: string, codeHashes: readonly string[], chunkCount: number): Promise<number[]> {
  if (!Number.isInteger(chunkCount) || chunkCount < 0) throw new Error(`chunkCount must be a non-negative integer, got ${chunkCount}`);
  const unique = [...new Set(codeHashes)];
  if (unique.length === 0) return [];
  const groups = await db.programOutput.groupBy({ by: ["chunkIndex"], where: { datasetId, codeHash: { in: unique } }, _count: { _all: true } });
  const complete = new Set(groups.filter((g) => g._count._all >= unique.length).map((g) => g.chunkIndex));
  return Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !complete.has(i));
}

export interface VoteColumn {
  readonly votes: Int8Array;
  readonly faults: FaultCounts;
  readonly firstError: string | null;
  readonly millis: number;
  /** Where the runner stopped the program (its first stopped chunk), null when it ran to the end. */
  readonly stopped: ProgramStopInfo | null;
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
  let stopped: ProgramStopInfo | null = null;
  let millis = 0;
  for (const chunk of chunks) {
    if (chunk.chunkIndex >= chunkCount) continue;
    const expected = Math.min(dataset.chunkSize, dataset.rowCount - chunk.chunkIndex * dataset.chunkSize);
    if (chunk.chunkRows !== expected)
      throw new Error(`chunk ${chunk.chunkIndex} of ${codeHash.slice(0, 12)} holds ${chunk.chunkRows} votes, expected ${expected}`);
    votes.set(bytesToVotes(chunk.votes), chunk.chunkIndex * dataset.chunkSize);
    for (const [kind, count] of Object.entries(chunk.faults as Record<string, number>)) faults[kind] = (faults[kind] ?? 0) + count;
    firstError ??= chunk.firstError;
    stopped ??= stopInfo(chunk.stopped);
    millis += chunk.millis;
    seen.add(chunk.chunkIndex);
  }
  const missing = Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new Error(`program ${codeHash.slice(0, 12)} has no votes for chunk(s) ${missing.slice(0, 10).join(", ")} of dataset ${dataset.id}`);
  return { votes, faults: faults as FaultCounts, firstError, millis, stopped };
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
