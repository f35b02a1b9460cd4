import type { Db } from "../client";
import type { Split } from "../generated/prisma/enums";
import { queryRows } from "../query-rows";
import { bytesToVotes } from "../votes";
import { runPrograms } from "./runs";

/** What reading a batch's or the queue's rows needs of a dataset. */
export type DatasetShape = { id: string; chunkSize: number; rowCount: number };
type RunShape = { id: string; datasetId: string; programs: unknown };

function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * Votes of the given programs on the given rows only (reads just the chunks those rows sit in):
 * |indices| x m row-major, -1 where a program abstained or has no stored chunk.
 *
 * @example
 * const votes = await readVotesForRows(prisma, dataset, codeHashes, [4, 17]);
 */
export async function readVotesForRows(db: Db, dataset: DatasetShape, codeHashes: readonly string[], indices: readonly number[]): Promise<Int8Array> {
  const m = codeHashes.length;
  const out = new Int8Array(indices.length * m).fill(-1);
  if (indices.length === 0 || m === 0) return out;
  const chunkIndices = [...new Set(indices.map((i) => Math.floor(i / dataset.chunkSize)))];
  const outputs = await db.programOutput.findMany({
    where: { datasetId: dataset.id, codeHash: { in: [...new Set(codeHashes)] }, chunkIndex: { in: chunkIndices } },
    select: { codeHash: true, chunkIndex: true, votes: true },
  });
  const byKey = new Map(outputs.map((o) => [`${o.codeHash}:${o.chunkIndex}`, bytesToVotes(o.votes)]));
  indices.forEach((index, r) => {
    const chunk = Math.floor(index / dataset.chunkSize);
    codeHashes.forEach((hash, j) => {
      const votes = byKey.get(`${hash}:${chunk}`);
      const v = votes?.[index - chunk * dataset.chunkSize];
      if (v !== undefined) out[r * m + j] = v;
    });
  });
  return out;
}

/**
 * The run's pseudolabel (argmax class and its probability) for the given rows, or null per row
 * when the run has none; reads only those rows' chunks.
 *
 * @example
 * const labels = await readPseudolabelsForRows(prisma, runId, dataset, [4, 17]);
 */
export async function readPseudolabelsForRows(db: Db, runId: string, dataset: DatasetShape, indices: readonly number[]) {
  const out: ({ label: number; confidence: number } | null)[] = indices.map(() => null);
  const chunkIndices = [...new Set(indices.map((i) => Math.floor(i / dataset.chunkSize)))];
  if (chunkIndices.length === 0) return out;
  const chunks = await queryRows<{ chunkIndex: number; k: number; probs: Uint8Array }>(db)`
    SELECT "chunkIndex", "k", "probs" FROM "Pseudolabel" WHERE "runId" = ${runId} AND "chunkIndex" = ANY(${chunkIndices}::int[])`;
  const byChunk = new Map(chunks.map((c) => [c.chunkIndex, { k: c.k, probs: bytesToFloat32(c.probs) }]));
  indices.forEach((index, r) => {
    const chunk = byChunk.get(Math.floor(index / dataset.chunkSize));
    if (!chunk) return;
    const base = (index % dataset.chunkSize) * chunk.k;
    let best = 0;
    for (let c = 1; c < chunk.k; c++) if (chunk.probs[base + c]! > chunk.probs[base + best]!) best = c;
    out[r] = { label: best, confidence: chunk.probs[base + best]! };
  });
  return out;
}

export interface ReviewRowView {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly fields: unknown;
  readonly split: Split;
  /** Program name -> vote (-1 = abstain); empty when hidden (blind). */
  readonly votes: { name: string; vote: number }[];
  readonly pseudolabel: { label: number; confidence: number } | null;
  /** The row's current gold and where it came from; null without gold, or when hidden (blind). */
  readonly gold: { label: number; source: "GOLD_IMPORT" | "REVIEW" } | null;
}

/**
 * Rows (by index, in the given order) with their program votes and pseudolabel from a run;
 * `hideModel` leaves votes, pseudolabel and gold out (blind review).
 *
 * @example
 * const rows = await readReviewRows(prisma, run, dataset, [4, 17], { hideModel: false });
 */
export async function readReviewRows(
  db: Db,
  run: RunShape | null,
  dataset: DatasetShape,
  indices: readonly number[],
  options: { hideModel: boolean },
): Promise<ReviewRowView[]> {
  const rows = await db.row.findMany({
    where: { datasetId: dataset.id, index: { in: [...indices] } },
    select: { id: true, index: true, externalId: true, fields: true, split: true, gold: true, goldSource: true },
  });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const programs = run && !options.hideModel ? runPrograms(run) : [];
  const votes =
    run && !options.hideModel
      ? await readVotesForRows(
          db,
          dataset,
          programs.map((p) => p.codeHash),
          indices,
        )
      : new Int8Array(0);
  const pseudo = run && !options.hideModel ? await readPseudolabelsForRows(db, run.id, dataset, indices) : indices.map(() => null);
  return indices.flatMap((index, r) => {
    const row = byIndex.get(index);
    if (!row) return [];
    const { gold, goldSource, ...rest } = row;
    // Blind batches hide gold too: an imported label would anchor the reviewer like a vote would.
    const shown = gold === null || options.hideModel ? null : { label: gold, source: goldSource };
    return [{ ...rest, votes: programs.map((p, j) => ({ name: p.name, vote: votes[r * programs.length + j]! })), pseudolabel: pseudo[r] ?? null, gold: shown }];
  });
}
