import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { hashFeatures } from "./hash-features";

export type NgramRange = readonly [number, number];

export interface HashedTfidfOptions {
  /** Number of hash buckets (columns); default 2^18. */
  readonly dimension?: number;
  /** Word n-gram sizes, inclusive; default [1, 2]. */
  readonly wordNgrams?: NgramRange;
  /** Character n-grams within each space-padded word (sklearn "char_wb"); default null = none. */
  readonly charNgrams?: NgramRange | null;
  readonly lowercase?: boolean;
  /** Use 1 + ln(tf) instead of raw counts. */
  readonly sublinearTf?: boolean;
}

export interface HashedTfidfJson {
  readonly version: 1;
  readonly dimension: number;
  readonly wordNgrams: [number, number];
  readonly charNgrams: [number, number] | null;
  readonly lowercase: boolean;
  readonly sublinearTf: boolean;
  readonly documents: number;
  /** Buckets with nonzero document frequency, ascending, and their frequencies. */
  readonly dfIndices: number[];
  readonly dfCounts: number[];
}

/**
 * TF-IDF over hashed word (and optional char) n-grams. Features are FNV-1a 32-bit hashes of UTF-16
 * code units mod `dimension`, unsigned (no sign hashing: colliding counts add). idf is sklearn's
 * smooth idf, ln((1 + n) / (1 + df)) + 1, fitted on the `fit` texts; rows are L2-normalised.
 *
 * @example
 * const tfidf = new HashedTfidf({ dimension: 2 ** 16 }).fit(trainTexts);
 * const X = tfidf.transform(trainTexts); // SparseMatrix, rows x 65536
 */
export class HashedTfidf {
  readonly dimension: number;
  readonly wordNgrams: [number, number];
  readonly charNgrams: [number, number] | null;
  readonly lowercase: boolean;
  readonly sublinearTf: boolean;
  private df: Int32Array | null = null;
  private idf: Float64Array | null = null;
  private documents = 0;

  constructor(options: HashedTfidfOptions = {}) {
    this.dimension = options.dimension ?? 2 ** 18;
    if (!Number.isInteger(this.dimension) || this.dimension < 1 || this.dimension > 2 ** 30) {
      throw new EngineError("INVALID_ARGUMENT", `HashedTfidf: dimension must be an integer in 1..2^30, got ${this.dimension}`);
    }
    this.wordNgrams = checkRange("wordNgrams", options.wordNgrams ?? [1, 2]);
    this.charNgrams = options.charNgrams ? checkRange("charNgrams", options.charNgrams) : null;
    this.lowercase = options.lowercase ?? true;
    this.sublinearTf = options.sublinearTf ?? false;
  }

  /** Counts document frequencies of the hashed features of `texts`. */
  fit(texts: readonly string[]): this {
    const df = new Int32Array(this.dimension);
    const seen = new Uint8Array(this.dimension);
    for (const text of texts) {
      const buckets = hashFeatures(text, this);
      for (const b of buckets) {
        if (seen[b] === 1) continue;
        seen[b] = 1;
        df[b]!++;
      }
      for (const b of buckets) seen[b] = 0;
    }
    this.setDf(df, texts.length);
    return this;
  }

  /** One L2-normalised TF-IDF row per text (empty rows for texts without features). */
  transform(texts: readonly string[]): SparseMatrix {
    const idf = this.idf;
    if (!idf) throw new EngineError("INVALID_ARGUMENT", "HashedTfidf: call fit() before transform()");
    const counts = new Float64Array(this.dimension);
    const indptr = new Int32Array(texts.length + 1);
    const indices: number[] = [];
    const values: number[] = [];
    texts.forEach((text, i) => {
      const touched: number[] = [];
      for (const b of hashFeatures(text, this)) if (counts[b]!++ === 0) touched.push(b);
      touched.sort((a, b) => a - b);
      let norm = 0;
      for (const b of touched) {
        const tf = this.sublinearTf ? 1 + Math.log(counts[b]!) : counts[b]!;
        counts[b] = tf * idf[b]!;
        norm += counts[b]! * counts[b]!;
      }
      norm = Math.sqrt(norm);
      for (const b of touched) {
        indices.push(b);
        values.push(counts[b]! / norm);
        counts[b] = 0;
      }
      indptr[i + 1] = indices.length;
    });
    return { rows: texts.length, cols: this.dimension, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }

  toJSON(): HashedTfidfJson {
    const df = this.df;
    if (!df) throw new EngineError("INVALID_ARGUMENT", "HashedTfidf: call fit() before toJSON()");
    const dfIndices: number[] = [];
    const dfCounts: number[] = [];
    df.forEach((count, b) => count > 0 && (dfIndices.push(b), dfCounts.push(count)));
    const { dimension, wordNgrams, charNgrams, lowercase, sublinearTf, documents } = this;
    return { version: 1, dimension, wordNgrams, charNgrams, lowercase, sublinearTf, documents, dfIndices, dfCounts };
  }

  static fromJSON(json: HashedTfidfJson): HashedTfidf {
    if (json?.version !== 1) throw new EngineError("INVALID_ARGUMENT", `HashedTfidf.fromJSON: unsupported version ${String(json?.version)}`);
    const model = new HashedTfidf(json);
    if (json.dfIndices.length !== json.dfCounts.length) {
      throw new EngineError("INVALID_ARGUMENT", `HashedTfidf.fromJSON: ${json.dfIndices.length} dfIndices but ${json.dfCounts.length} dfCounts`);
    }
    const df = new Int32Array(model.dimension);
    json.dfIndices.forEach((b, at) => {
      if (!Number.isInteger(b) || b < 0 || b >= model.dimension)
        throw new EngineError("INVALID_ARGUMENT", `HashedTfidf.fromJSON: bucket ${b} outside 0..${model.dimension - 1}`);
      df[b] = json.dfCounts[at]!;
    });
    model.setDf(df, json.documents);
    return model;
  }

  private setDf(df: Int32Array, documents: number): void {
    this.df = df;
    this.documents = documents;
    this.idf = new Float64Array(this.dimension);
    for (let b = 0; b < this.dimension; b++) this.idf[b] = Math.log((1 + documents) / (1 + df[b]!)) + 1;
  }
}

function checkRange(name: string, range: NgramRange): [number, number] {
  const [min, max] = range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new EngineError("INVALID_ARGUMENT", `HashedTfidf: ${name} must be [min, max] with 1 <= min <= max, got [${min}, ${max}]`);
  }
  return [min, max];
}
