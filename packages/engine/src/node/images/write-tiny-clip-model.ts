import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseClipBpeFile } from "../../images/parse-clip-vocab";
import { createRng } from "../../random/create-rng";
import { encodeModel, initializer, node, onnx, valueInfo } from "./onnx-graph-parts";

/** Merges of the tiny vocabulary: enough to give common colour words a single token. */
const TINY_MERGES = ["g r", "e e", "gr ee", "gree n</w>", "r e", "re d</w>", "b l", "bl u", "blu e</w>", "o f</w>", "p h", "ph o", "pho t", "phot o</w>"];

export interface TinyClipOptions {
  readonly seed?: number;
  /** Embedding size (CLIP ViT-B/32: 512). */
  readonly dim?: number;
  /** Input image size; a multiple of 4. */
  readonly imageSize?: number;
  readonly contextLength?: number;
}

function weights(rng: () => number, count: number, scale: number): Float32Array {
  return Float32Array.from({ length: count }, () => (rng() * 2 - 1) * scale);
}

/**
 * Writes a randomly initialised, seeded CLIP-shaped model directory (the layout `loadClipModel`
 * reads): `image_encoder.onnx` (4x4 average pooling -> linear), `text_encoder.onnx` (token
 * embedding table -> masked mean over tokens -> linear), `bpe_simple_vocab_16e6.txt` with a few
 * merges and `config.json`. No semantics, same interfaces as real CLIP — for tests and demos.
 *
 * @example
 * await writeTinyClipModel("/tmp/tiny-clip", { seed: 1 });
 */
export async function writeTinyClipModel(dir: string, options: TinyClipOptions = {}): Promise<void> {
  const { seed = 42, dim = 16, imageSize = 224, contextLength = 77 } = options;
  const rng = createRng(seed);
  const pool = Math.floor(imageSize / 4);
  const F = onnx.TensorProto.DataType.FLOAT;
  const image = encodeModel({
    name: "tiny_clip_image",
    node: [
      node("AveragePool", ["pixel_values"], ["pooled"], { kernel_shape: [pool, pool], strides: [pool, pool] }),
      node("Flatten", ["pooled"], ["flat"], { axis: 1 }),
      node("MatMul", ["flat", "W"], ["proj"]),
      node("Add", ["proj", "b"], ["image_embeds"]),
    ],
    initializer: [initializer("W", [48, dim], weights(rng, 48 * dim, 0.5)), initializer("b", [dim], weights(rng, dim, 0.1))],
    input: [valueInfo("pixel_values", F, ["N", 3, imageSize, imageSize])],
    output: [valueInfo("image_embeds", F, ["N", dim])],
  });
  const bpeText = `#version: 0.2\n${TINY_MERGES.join("\n")}\n`;
  const vocabSize = Math.max(...parseClipBpeFile(bpeText, "tiny").vocab.values()) + 1;
  const text = encodeModel({
    name: "tiny_clip_text",
    node: [
      node("Gather", ["E", "input_ids"], ["tokens"], { axis: 0 }),
      node("Cast", ["attention_mask"], ["mask"], { to: F }),
      node("Unsqueeze", ["mask", "axis2"], ["mask3"]),
      node("Mul", ["tokens", "mask3"], ["masked"]),
      node("ReduceSum", ["masked", "axis1"], ["sum"], { keepdims: 0 }),
      node("ReduceSum", ["mask", "axis1"], ["count"], { keepdims: 1 }),
      node("Div", ["sum", "count"], ["mean"]),
      node("MatMul", ["mean", "T"], ["text_embeds"]),
    ],
    initializer: [
      initializer("E", [vocabSize, dim], weights(rng, vocabSize * dim, 1)),
      initializer("T", [dim, dim], weights(rng, dim * dim, 0.5)),
      initializer("axis1", [1], [1n]),
      initializer("axis2", [1], [2n]),
    ],
    input: [
      valueInfo("input_ids", onnx.TensorProto.DataType.INT64, ["N", contextLength]),
      valueInfo("attention_mask", onnx.TensorProto.DataType.INT64, ["N", contextLength]),
    ],
    output: [valueInfo("text_embeds", F, ["N", dim])],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "image_encoder.onnx"), image);
  await writeFile(join(dir, "text_encoder.onnx"), text);
  await writeFile(join(dir, "bpe_simple_vocab_16e6.txt"), bpeText);
  await writeFile(join(dir, "config.json"), JSON.stringify({ imageSize, contextLength, padTokenId: 0 }, null, 2) + "\n");
}
