import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";
import { featureText } from "./feature-text";
import { HashedTfidf, type HashedTfidfJson, type HashedTfidfOptions } from "./hashed-tfidf";
import { hstackSparse } from "./hstack-sparse";
import { numericValue, TabularFeatures, type TabularFeaturesJson } from "./tabular-features";

/** A sentence encoder whose embeddings follow the TF-IDF and tabular columns (files stay outside the model). */
export interface EncoderSpecJson {
  readonly model: string;
  readonly tokenizer: string;
  readonly maxLength: number;
  readonly dim: number;
}

/** Serialisable feature spec: everything needed to featurise a new row the way training did. */
export interface FeatureSpecJson {
  readonly version: 1;
  /** Text features: TF-IDF over the whole input (string inputs) or over `textFields` joined by newlines. */
  readonly text: HashedTfidfJson | null;
  /** Record fields that feed TF-IDF; null when the input is a plain string. */
  readonly textFields: readonly string[] | null;
  readonly tabular: TabularFeaturesJson | null;
  /** Optional sentence-encoder embeddings appended after the other columns (computed by `encodeInputs`). */
  readonly encoder?: EncoderSpecJson | null;
}

export interface RowFeaturizerOptions {
  readonly tfidf?: HashedTfidfOptions;
  /** A record field with at most this many distinct train values (and not all numeric) is one-hot encoded; default 20. */
  readonly maxCategories?: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);
const blank = (x: unknown): boolean => x === null || x === undefined || (typeof x === "string" && x.trim() === "");

/**
 * Program inputs -> sparse features. String inputs get hashed TF-IDF. Record inputs get, per field
 * inferred from the fit (train) records: standardisation when every value is numeric, one-hot when
 * it has few distinct values, TF-IDF otherwise (free text). Columns: [TF-IDF | tabular].
 *
 * @example
 * const f = RowFeaturizer.fit(trainInputs, { tfidf: { dimension: 2 ** 16 } });
 * const X = f.transform(allInputs);
 * const same = RowFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
 */
export class RowFeaturizer {
  private constructor(
    private readonly text: HashedTfidf | null,
    private readonly textFields: readonly string[] | null,
    private readonly tabular: TabularFeatures | null,
  ) {}

  get dimension(): number {
    return (this.text?.dimension ?? 0) + (this.tabular?.dimension ?? 0);
  }

  static fit(inputs: readonly unknown[], options: RowFeaturizerOptions = {}): RowFeaturizer {
    if (inputs.length === 0) throw new EngineError("INVALID_ARGUMENT", "RowFeaturizer.fit: needs at least 1 input, got 0");
    if (!inputs.every(isRecord)) {
      return new RowFeaturizer(new HashedTfidf(options.tfidf).fit(inputs.map(featureText)), null, null);
    }
    const maxCategories = options.maxCategories ?? 20;
    const fields = [...new Set(inputs.flatMap((r) => Object.keys(r)))];
    const textFields: string[] = [];
    const tabFields: { field: string; kind: "numeric" | "categorical" }[] = [];
    for (const field of fields) {
      const present = inputs.map((r) => r[field]).filter((v) => !blank(v));
      if (present.length > 0 && present.every((v) => numericValue(v) !== null && typeof v !== "boolean")) tabFields.push({ field, kind: "numeric" });
      else if (new Set(present.map((v) => String(v).trim())).size <= maxCategories) tabFields.push({ field, kind: "categorical" });
      else textFields.push(field);
    }
    const text = textFields.length > 0 ? new HashedTfidf(options.tfidf).fit(inputs.map((r) => joinFields(r, textFields))) : null;
    const tabular = tabFields.length > 0 ? TabularFeatures.fit(inputs, tabFields) : null;
    return new RowFeaturizer(text, textFields, tabular);
  }

  transform(inputs: readonly unknown[]): SparseMatrix {
    const blocks: SparseMatrix[] = [];
    const records = (): Record<string, unknown>[] =>
      inputs.map((x, i) => {
        if (!isRecord(x)) throw new EngineError("INVALID_ARGUMENT", `RowFeaturizer: input ${i} is ${typeof x}, the features were fitted on records`);
        return x;
      });
    if (this.text) blocks.push(this.text.transform(this.textFields ? records().map((r) => joinFields(r, this.textFields!)) : inputs.map(featureText)));
    if (this.tabular) blocks.push(this.tabular.transform(records()));
    return hstackSparse(blocks);
  }

  toJSON(): FeatureSpecJson {
    return { version: 1, text: this.text?.toJSON() ?? null, textFields: this.textFields, tabular: this.tabular?.toJSON() ?? null };
  }

  static fromJSON(json: FeatureSpecJson): RowFeaturizer {
    if (json?.version !== 1) throw new EngineError("INVALID_ARGUMENT", `RowFeaturizer.fromJSON: unsupported feature spec version ${String(json?.version)}`);
    if (!json.text && !json.tabular)
      throw new EngineError("INVALID_ARGUMENT", "RowFeaturizer.fromJSON: the feature spec has neither text nor tabular features");
    return new RowFeaturizer(
      json.text ? HashedTfidf.fromJSON(json.text) : null,
      json.textFields ?? null,
      json.tabular ? TabularFeatures.fromJSON(json.tabular) : null,
    );
  }
}

function joinFields(record: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  return fields.map((f) => featureText(record[f])).join("\n");
}
