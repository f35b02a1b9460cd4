import type { Db } from "../client";
import type { GoldSource, Split } from "../generated/prisma/enums";
import { readVotesForRows, type DatasetShape } from "./review-rows";

export interface RowDetail {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly split: Split;
  readonly gold: number | null;
  readonly goldSource: GoldSource;
  readonly fields: unknown;
  /** Every run program's vote in run order (-1 = abstain); empty without a run. */
  readonly votes: { name: string; vote: number }[];
  /** The run's class probabilities for the row; null without pseudolabels. */
  readonly probs: number[] | null;
}

/**
 * One row whole, for the rows page's drawer: its fields, gold, every program's vote and the
 * pseudolabel's class probabilities; reads only the row's chunk. Null when the dataset has no
 * row at `index`.
 *
 * @example
 * const detail = await readRowDetail(prisma, { dataset, run, index: 42 });
 */
export async function readRowDetail(
  db: Db,
  input: { dataset: DatasetShape; run: { id: string; programs: readonly { name: string; codeHash: string }[] } | null; index: number },
): Promise<RowDetail | null> {
  const { dataset, run, index } = input;
  if (!Number.isInteger(index) || index < 0 || index >= dataset.rowCount) return null;
  const row = await db.row.findUnique({
    where: { datasetId_index: { datasetId: dataset.id, index } },
    select: { id: true, index: true, externalId: true, split: true, gold: true, goldSource: true, fields: true },
  });
  if (!row) return null;
  if (!run) return { ...row, votes: [], probs: null };
  const chunkIndex = Math.floor(index / dataset.chunkSize);
  const [votes, chunk] = await Promise.all([
    readVotesForRows(
      db,
      dataset,
      run.programs.map((p) => p.codeHash),
      [index],
    ),
    db.pseudolabel.findUnique({ where: { runId_chunkIndex: { runId: run.id, chunkIndex } }, select: { k: true, probs: true } }),
  ]);
  let probs: number[] | null = null;
  if (chunk) {
    const copy = new Uint8Array(chunk.probs.byteLength);
    copy.set(chunk.probs);
    const r = index - chunkIndex * dataset.chunkSize;
    probs = Array.from(new Float32Array(copy.buffer).subarray(r * chunk.k, (r + 1) * chunk.k));
  }
  return { ...row, votes: run.programs.map((p, j) => ({ name: p.name, vote: votes[j]! })), probs };
}
