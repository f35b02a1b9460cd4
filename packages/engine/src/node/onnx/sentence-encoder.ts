import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import { EngineError } from "../../errors/engine-error";
import { WordPieceTokenizer } from "./wordpiece-tokenizer";

export interface SentenceEncoderOptions {
  /** ONNX model taking int64 `input_ids` and `attention_mask` (and optionally `token_type_ids`), [N, T]. */
  readonly model: string;
  /** `vocab.txt` or a WordPiece `tokenizer.json`. */
  readonly tokenizer: string;
  readonly maxLength?: number;
  readonly batchSize?: number;
}

/**
 * A user-supplied sentence encoder (e.g. a MiniLM/BERT exported to ONNX) run with onnxruntime-node
 * in batches: the first output is mean-pooled over attention-masked tokens when it is [N, T, H]
 * (taken as is when [N, H]) and L2-normalised. Embeddings are n x dim, row-major.
 *
 * @example
 * const encoder = await SentenceEncoder.load({ model: "minilm.onnx", tokenizer: "vocab.txt" });
 * const { dim, values } = await encoder.encode(["a text", "another"]);
 * await encoder.close();
 */
export class SentenceEncoder {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: WordPieceTokenizer,
    readonly maxLength: number,
    readonly batchSize: number,
  ) {}

  static async load(options: SentenceEncoderOptions): Promise<SentenceEncoder> {
    const maxLength = options.maxLength ?? 128;
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(maxLength) || maxLength < 2)
      throw new EngineError("INVALID_ARGUMENT", `SentenceEncoder: maxLength must be an integer >= 2, got ${maxLength}`);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new EngineError("INVALID_ARGUMENT", `SentenceEncoder: batchSize must be a positive integer, got ${batchSize}`);
    const tokenizer = await WordPieceTokenizer.load(options.tokenizer);
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(await readFile(options.model));
    } catch (error) {
      throw new EngineError("MODEL_INVALID", `${options.model}: cannot load the encoder: ${(error as Error).message.split("\n")[0]}`, { file: options.model });
    }
    for (const name of ["input_ids", "attention_mask"]) {
      if (!session.inputNames.includes(name)) {
        await session.release();
        throw new EngineError("MODEL_INVALID", `${options.model}: the encoder has no "${name}" input (inputs: ${session.inputNames.join(", ")})`, {
          file: options.model,
        });
      }
    }
    return new SentenceEncoder(session, tokenizer, maxLength, batchSize);
  }

  async encode(texts: readonly string[], options: { signal?: AbortSignal } = {}): Promise<{ dim: number; values: Float32Array }> {
    let values = new Float32Array(0);
    let dim = 0;
    for (let start = 0; start < texts.length; start += this.batchSize) {
      if (options.signal?.aborted) throw new EngineError("ABORTED", `encoding aborted at text ${start} of ${texts.length}`);
      const batch = texts.slice(start, start + this.batchSize).map((t) => this.tokenizer.encode(t, this.maxLength));
      const T = Math.max(...batch.map((ids) => ids.length));
      const ids = new BigInt64Array(batch.length * T).fill(BigInt(this.tokenizer.pad));
      const mask = new BigInt64Array(batch.length * T);
      batch.forEach((row, r) =>
        row.forEach((id, t) => {
          ids[r * T + t] = BigInt(id);
          mask[r * T + t] = 1n;
        }),
      );
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor("int64", ids, [batch.length, T]),
        attention_mask: new ort.Tensor("int64", mask, [batch.length, T]),
      };
      if (this.session.inputNames.includes("token_type_ids"))
        feeds.token_type_ids = new ort.Tensor("int64", new BigInt64Array(batch.length * T), [batch.length, T]);
      const output = (await this.session.run(feeds))[this.session.outputNames[0]!]!;
      const data = output.data as Float32Array;
      const H = output.dims[output.dims.length - 1]!;
      if (dim === 0) {
        dim = H;
        values = new Float32Array(texts.length * H);
      }
      for (let r = 0; r < batch.length; r++) {
        const row = values.subarray((start + r) * H, (start + r + 1) * H);
        if (output.dims.length === 3) {
          for (let t = 0; t < batch[r]!.length; t++) for (let h = 0; h < H; h++) row[h]! += data[(r * T + t) * H + h]!;
        } else row.set(data.subarray(r * H, (r + 1) * H));
        const norm = Math.hypot(...row);
        if (norm > 0) for (let h = 0; h < H; h++) row[h]! /= norm;
      }
    }
    return { dim, values };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
