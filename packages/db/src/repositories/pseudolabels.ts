import type { Db } from "../client";

/**
 * Pseudolabels: the chosen label model's class probabilities for every row of a run, stored per
 * dataset chunk as Float32 bytes (n x k row-major) with each row's entropy beside them, so the
 * review queue, exports and training read a range of rows without touching the rest.
 */

export interface PseudolabelRange {
  /** First row index (inclusive). */
  readonly fromIndex: number;
  /** Row count k of classes. */
  readonly k: number;
  /** Probabilities, (toIndex - fromIndex) x k row-major. */
  readonly probs: Float64Array;
  /** Argmax class per row (ties go to the lower class index). */
  readonly predicted: Int32Array;
  /** Highest class probability per row. */
  readonly confidence: Float64Array;
  /** Entropy per row in nats (0 = certain, ln k = uniform). */
  readonly entropy: Float64Array;
}

/** Row entropy in nats of one probability row. */
function rowEntropy(values: ArrayLike<number>, offset: number, k: number): number {
  let h = 0;
  for (let c = 0; c < k; c++) {
    const p = values[offset + c]!;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

function toBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength) as ArrayBuffer);
}

function toFloat32(bytes: Uint8Array): Float32Array {
  // Copy: the bytes Prisma hands back may sit at an offset that is not 4-aligned.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * Stores (or replaces) a run's pseudolabels for every row, one row per dataset chunk, in one
 * transaction: re-running replaces the run's chunks, never duplicates them, and a failure leaves
 * the previous pseudolabels in place.
 *
 * @example
 * await savePseudolabels(prisma, { runId, chunkSize: 1000, probs: { n: 2500, k: 2, values } });
 */
export async function savePseudolabels(
  db: Db,
  input: { runId: string; chunkSize: number; probs: { n: number; k: number; values: ArrayLike<number> } },
): Promise<{ chunks: number }> {
  const { runId, chunkSize } = input;
  const { n, k, values } = input.probs;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`savePseudolabels: chunkSize must be a positive integer, got ${chunkSize}`);
  if (!Number.isInteger(k) || k < 2 || k > 127) throw new Error(`savePseudolabels: k must be an integer in 2..127, got ${k}`);
  if (values.length !== n * k) throw new Error(`savePseudolabels: ${values.length} probabilities for ${n} rows x ${k} classes (expected ${n * k})`);
  const data = [];
  for (let chunkIndex = 0; chunkIndex * chunkSize < n; chunkIndex++) {
    const from = chunkIndex * chunkSize;
    const rows = Math.min(chunkSize, n - from);
    const probs = new Float32Array(rows * k);
    const entropy = new Float32Array(rows);
    let maxEntropy = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < k; c++) probs[r * k + c] = values[(from + r) * k + c]!;
      entropy[r] = rowEntropy(values, (from + r) * k, k);
      if (entropy[r]! > maxEntropy) maxEntropy = entropy[r]!;
    }
    data.push({ runId, chunkIndex, chunkRows: rows, k, probs: toBytes(probs), entropy: toBytes(entropy), maxEntropy });
  }
  await db.$transaction([db.pseudolabel.deleteMany({ where: { runId } }), ...(data.length > 0 ? [db.pseudolabel.createMany({ data })] : [])]);
  return { chunks: data.length };
}

/** Whether a run has pseudolabels stored (the label model was fitted). */
export async function hasPseudolabels(db: Db, runId: string): Promise<boolean> {
  return (await db.pseudolabel.count({ where: { runId } })) > 0;
}

/**
 * Pseudolabels of rows fromIndex..toIndex-1 (default: every row), decoded from the chunks that
 * overlap the range only. Throws when a chunk in the range is missing (the label model was not
 * fitted, or the range runs past the dataset).
 *
 * @example
 * const { probs, predicted, confidence } = await readPseudolabels(prisma, runId, { fromIndex: 0, toIndex: 50 });
 */
export async function readPseudolabels(db: Db, runId: string, range: { fromIndex?: number; toIndex?: number } = {}): Promise<PseudolabelRange> {
  const first = await db.pseudolabel.findFirst({ where: { runId }, orderBy: { chunkIndex: "asc" }, select: { chunkRows: true, k: true } });
  if (!first) throw new Error(`run ${runId} has no pseudolabels (its label model has not been fitted)`);
  const chunkSize = first.chunkRows;
  const k = first.k;
  const fromIndex = range.fromIndex ?? 0;
  let toIndex = range.toIndex;
  if (toIndex === undefined) {
    const last = await db.pseudolabel.findFirst({ where: { runId }, orderBy: { chunkIndex: "desc" }, select: { chunkIndex: true, chunkRows: true } });
    toIndex = last!.chunkIndex * chunkSize + last!.chunkRows;
  }
  if (!Number.isInteger(fromIndex) || !Number.isInteger(toIndex) || fromIndex < 0 || toIndex < fromIndex) {
    throw new Error(`readPseudolabels: bad row range ${fromIndex}..${toIndex}`);
  }
  const n = toIndex - fromIndex;
  const out: PseudolabelRange = {
    fromIndex,
    k,
    probs: new Float64Array(n * k),
    predicted: new Int32Array(n),
    confidence: new Float64Array(n),
    entropy: new Float64Array(n),
  };
  if (n === 0) return out;
  const firstChunk = Math.floor(fromIndex / chunkSize);
  const lastChunk = Math.floor((toIndex - 1) / chunkSize);
  const chunks = await db.pseudolabel.findMany({ where: { runId, chunkIndex: { gte: firstChunk, lte: lastChunk } }, orderBy: { chunkIndex: "asc" } });
  const missing = [];
  for (let c = firstChunk; c <= lastChunk; c++) if (!chunks.some((x) => x.chunkIndex === c)) missing.push(c);
  if (missing.length > 0)
    throw new Error(`run ${runId} has no pseudolabels for chunk(s) ${missing.slice(0, 5).join(", ")} (rows ${fromIndex}..${toIndex - 1})`);
  for (const chunk of chunks) {
    const probs = toFloat32(chunk.probs);
    const entropy = toFloat32(chunk.entropy);
    const base = chunk.chunkIndex * chunkSize;
    const lo = Math.max(fromIndex, base);
    const hi = Math.min(toIndex, base + chunk.chunkRows);
    if (hi - lo < Math.min(toIndex, base + chunkSize) - lo)
      throw new Error(`run ${runId}: chunk ${chunk.chunkIndex} holds ${chunk.chunkRows} rows, rows up to ${toIndex - 1} were asked for`);
    for (let i = lo; i < hi; i++) {
      const r = i - base;
      const o = i - fromIndex;
      let best = 0;
      for (let c = 0; c < k; c++) {
        const p = probs[r * k + c]!;
        out.probs[o * k + c] = p;
        if (p > out.probs[o * k + best]!) best = c;
      }
      out.predicted[o] = best;
      out.confidence[o] = out.probs[o * k + best]!;
      out.entropy[o] = entropy[r]!;
    }
  }
  return out;
}
