import { writeFileSync } from "node:fs";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { createRng } from "../../random/create-rng";

const { onnx } = onnxProto;

/** Vocabulary of the test encoder (BERT special tokens first). */
export const TINY_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", "play", "##ing", "##s", "!", "cafe", "free", "win", "lunch"];

/**
 * Test fixture: writes `encoder.onnx` (a BERT-shaped toy: token embedding lookup via Gather ->
 * last_hidden_state [N, T, H], seeded random table) and `vocab.txt` into `dir`.
 *
 * @example
 * const { model, tokenizer, table } = writeTinyEncoder(dir, 4);
 */
export function writeTinyEncoder(dir: string, H: number, seed = 3): { model: string; tokenizer: string; table: Float32Array } {
  const rng = createRng(seed);
  const table = Float32Array.from({ length: TINY_VOCAB.length * H }, () => rng() * 2 - 1);
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const io = (name: string, elemType: number, dims: (string | number)[]) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  });
  const graph = onnx.GraphProto.create({
    name: "tiny_bert",
    node: [
      { opType: "Gather", input: ["embeddings", "input_ids"], output: ["last_hidden_state"] },
      { opType: "Identity", input: ["attention_mask"], output: ["mask_out"] },
    ],
    initializer: [{ name: "embeddings", dims: [TINY_VOCAB.length, H], dataType: FLOAT, rawData: new Uint8Array(table.buffer.slice(0)) }],
    input: [io("input_ids", INT64, ["N", "T"]), io("attention_mask", INT64, ["N", "T"])],
    output: [io("last_hidden_state", FLOAT, ["N", "T", H]), io("mask_out", INT64, ["N", "T"])],
  });
  const model = join(dir, "encoder.onnx");
  const tokenizer = join(dir, "vocab.txt");
  writeFileSync(model, onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ version: 13 }], graph })).finish());
  writeFileSync(tokenizer, TINY_VOCAB.join("\n") + "\n");
  return { model, tokenizer, table };
}
