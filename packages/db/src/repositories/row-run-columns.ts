import type { Db } from "../client";
import { DomainError } from "../domain-error";
import { bytesToVotes } from "../votes";
import type { DatasetShape } from "./review-rows";

// The rows page's run columns (every row's vote per program, every row's pseudolabel and
// confidence), read whole from the run's chunks so its filters never touch a row's fields.

/**
 * Complete vote columns by `${datasetId}:${codeHash}`, most recently used last. A program's votes
 * on a dataset never change once every chunk is stored (same code, same rows), so the rows page
 * reads them from Postgres once per process; at most COLUMN_CACHE columns (100 KB each at 100k rows).
 */
const columnCache = new Map<string, Int8Array>();
const COLUMN_CACHE = 64;

/** One Int8Array of n votes per code hash (-1 where the program abstained or has no stored chunk). */
export async function readVoteColumns(db: Db, dataset: DatasetShape, codeHashes: readonly string[]): Promise<Int8Array[]> {
  const key = (h: string) => `${dataset.id}:${h}`;
  const got = new Map<string, Int8Array>();
  for (const h of new Set(codeHashes)) {
    const cached = columnCache.get(key(h));
    if (!cached) continue;
    got.set(h, cached);
    // Most recently used last, so eviction drops the least recently used.
    columnCache.delete(key(h));
    columnCache.set(key(h), cached);
  }
  const missing = [...new Set(codeHashes)].filter((h) => !got.has(h));
  if (missing.length) {
    const chunks = new Map(missing.map((h) => [h, 0]));
    for (const h of missing) got.set(h, new Int8Array(dataset.rowCount).fill(-1));
    const outputs = await db.programOutput.findMany({
      where: { datasetId: dataset.id, codeHash: { in: missing } },
      select: { codeHash: true, chunkIndex: true, votes: true },
    });
    for (const output of outputs) {
      const votes = bytesToVotes(output.votes);
      const offset = output.chunkIndex * dataset.chunkSize;
      got.get(output.codeHash)!.set(votes.subarray(0, Math.max(0, Math.min(votes.length, dataset.rowCount - offset))), offset);
      chunks.set(output.codeHash, chunks.get(output.codeHash)! + 1);
    }
    // Only complete columns are kept: a column still being applied would go stale.
    const complete = Math.ceil(dataset.rowCount / dataset.chunkSize);
    for (const h of missing) if (chunks.get(h) === complete) columnCache.set(key(h), got.get(h)!);
    while (columnCache.size > COLUMN_CACHE) columnCache.delete(columnCache.keys().next().value!);
  }
  return codeHashes.map((h) => got.get(h)!);
}

/** Every row's pseudolabel (argmax class) and confidence; throws a DomainError when the run has none. */
export async function readRunArgmax(db: Db, runId: string, dataset: DatasetShape): Promise<{ label: Int8Array; confidence: Float32Array }> {
  const chunks = await db.pseudolabel.findMany({ where: { runId }, select: { chunkIndex: true, chunkRows: true, k: true, probs: true } });
  if (chunks.length === 0)
    throw new DomainError("CONFLICT", "this run has no pseudolabels yet: refit its label model, then filter or sort by pseudolabel or confidence");
  const label = new Int8Array(dataset.rowCount).fill(-1);
  const confidence = new Float32Array(dataset.rowCount).fill(-1);
  for (const chunk of chunks) {
    const copy = new Uint8Array(chunk.probs.byteLength);
    copy.set(chunk.probs);
    const probs = new Float32Array(copy.buffer);
    const base = chunk.chunkIndex * dataset.chunkSize;
    for (let r = 0; r < chunk.chunkRows && base + r < dataset.rowCount; r++) {
      let best = 0;
      for (let c = 1; c < chunk.k; c++) if (probs[r * chunk.k + c]! > probs[r * chunk.k + best]!) best = c;
      label[base + r] = best;
      confidence[base + r] = probs[r * chunk.k + best]!;
    }
  }
  return { label, confidence };
}
