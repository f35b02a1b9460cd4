import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ClipBpeTokenizer } from "../../images/clip-bpe-tokenizer";
import { parseClipBpeFile } from "../../images/parse-clip-vocab";
import { parseClipConfig } from "../../images/parse-clip-config";
import { renderShape, type ShapeColour, type ShapeKind, type ShapePlace, type ShapeSpec } from "../../images/render-shape";
import { SHAPES_WORLD } from "../../images/shapes-world";
import { ridgeRegression } from "../../models/ridge-regression";
import { createRng } from "../../random/create-rng";
import { encodeModel, initializer, node, onnx, valueInfo } from "./onnx-graph-parts";

const IMAGE_SIZE = 224;
const GRID = 8;
const WORDS = [...Object.keys(SHAPES_WORLD.keywords), "a", "photo", "of", "with", "object"];

/** Merges that make every word above one token: its letters joined left to right. */
function chainMerges(words: readonly string[]): string[] {
  const merges: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const symbols = [...word];
    symbols[symbols.length - 1] += "</w>";
    let left = symbols[0]!;
    for (const next of symbols.slice(1)) {
      const merge = `${left} ${next}`;
      if (!seen.has(merge)) merges.push(merge);
      seen.add(merge);
      left += next;
    }
  }
  return merges;
}

/** 8 x 8 cell means of a CLIP-normalised picture, channel-major: what the ONNX graph's AveragePool + Flatten compute. */
function pooledFeatures(rgb: Uint8Array, mean: readonly number[], std: readonly number[]): Float64Array {
  const cell = IMAGE_SIZE / GRID;
  const out = new Float64Array(3 * GRID * GRID);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const g = Math.floor(y / cell) * GRID + Math.floor(x / cell);
      for (let c = 0; c < 3; c++) out[c * GRID * GRID + g]! += (rgb[(y * IMAGE_SIZE + x) * 3 + c]! / 255 - mean[c]!) / std[c]!;
    }
  }
  return out.map((v) => v / (cell * cell));
}

/**
 * A random shapes-world picture: every attribute independent, position and size jittered.
 *
 * @example
 * randomShapeSpec(createRng(1)); // { shape: "square", colour: "white", place: "water", cx: 0.47, ... }
 */
export function randomShapeSpec(rng: () => number, fixed: Partial<ShapeSpec> = {}): ShapeSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  return {
    shape: pick<ShapeKind>(["circle", "square"]),
    colour: pick<ShapeColour>(["red", "yellow", "white"]),
    place: pick<ShapePlace>(["water", "land"]),
    cx: 0.4 + rng() * 0.2,
    cy: 0.4 + rng() * 0.2,
    size: 0.34 + rng() * 0.14,
    texture: Math.floor(rng() * 1e9),
    ...fixed,
  };
}

/**
 * Writes a tiny CLIP model (the layout `loadClipModel` reads) whose embeddings mean something in
 * the shapes world (`SHAPES_WORLD`): the image encoder is CLIP-normalised pixels -> 8 x 8 average
 * pooling -> a linear map fitted here by ridge regression on `fitImages` random renderings to the
 * picture's named directions (shape, background, colour); the text encoder embeds each keyword
 * on its direction and every other token on the shared "photo" one (masked mean). So "a round
 * circle" scores higher on circles than on squares, and the background is a separable, spurious
 * direction. Seeded, deterministic, about a second.
 *
 * @example
 * await writeShapesClipModel("/tmp/shapes-clip");
 */
export async function writeShapesClipModel(dir: string, options: { seed?: number; fitImages?: number } = {}): Promise<void> {
  const { seed = 7, fitImages = 400 } = options;
  const { mean, std } = parseClipConfig("{}", "defaults");
  const directions: readonly string[] = SHAPES_WORLD.directions;
  const D = directions.length;
  const dir0 = (name: string): number => directions.indexOf(name);
  const rng = createRng(seed);
  const F = 3 * GRID * GRID;
  const X = new Float64Array(fitImages * F);
  const Y = new Float64Array(fitImages * D);
  for (let i = 0; i < fitImages; i++) {
    const spec = randomShapeSpec(rng);
    X.set(pooledFeatures(renderShape(spec, IMAGE_SIZE), mean, std), i * F);
    for (const name of [spec.shape === "circle" ? "round" : "square", spec.place, spec.colour, "photo"]) Y[i * D + dir0(name)] = 1;
  }
  const { weights, biases } = ridgeRegression(X, fitImages, F, Y, D, 0.05);
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const image = encodeModel(
    {
      name: "shapes_clip_image",
      node: [
        node("AveragePool", ["pixel_values"], ["pooled"], {
          kernel_shape: [IMAGE_SIZE / GRID, IMAGE_SIZE / GRID],
          strides: [IMAGE_SIZE / GRID, IMAGE_SIZE / GRID],
        }),
        node("Flatten", ["pooled"], ["flat"], { axis: 1 }),
        node("MatMul", ["flat", "W"], ["proj"]),
        node("Add", ["proj", "b"], ["image_embeds"]),
      ],
      initializer: [initializer("W", [F, D], Float32Array.from(weights)), initializer("b", [D], Float32Array.from(biases))],
      input: [valueInfo("pixel_values", FLOAT, ["N", 3, IMAGE_SIZE, IMAGE_SIZE])],
      output: [valueInfo("image_embeds", FLOAT, ["N", D])],
    },
    "alchemist-shapes",
  );
  const bpeText = `#version: 0.2\n${chainMerges(WORDS).join("\n")}\n`;
  const tables = parseClipBpeFile(bpeText, "shapes");
  const tokenizer = new ClipBpeTokenizer(tables);
  const vocabSize = Math.max(...tables.vocab.values()) + 1;
  const E = new Float32Array(vocabSize * D);
  for (let t = 0; t < vocabSize; t++) E[t * D + dir0("photo")] = 1;
  for (const [word, direction] of Object.entries(SHAPES_WORLD.keywords)) {
    const ids = tokenizer.encode(word);
    if (ids.length !== 1) throw new Error(`shapes tokenizer: "${word}" is ${ids.length} tokens, expected 1`);
    E[ids[0]! * D + dir0("photo")] = 0;
    E[ids[0]! * D + dir0(direction)] = 1;
  }
  const identity = new Float32Array(D * D).map((_, i) => (i % (D + 1) === 0 ? 1 : 0));
  const text = encodeModel(
    {
      name: "shapes_clip_text",
      node: [
        node("Gather", ["E", "input_ids"], ["tokens"], { axis: 0 }),
        node("Cast", ["attention_mask"], ["mask"], { to: FLOAT }),
        node("Unsqueeze", ["mask", "axis2"], ["mask3"]),
        node("Mul", ["tokens", "mask3"], ["masked"]),
        node("ReduceSum", ["masked", "axis1"], ["sum"], { keepdims: 0 }),
        node("ReduceSum", ["mask", "axis1"], ["count"], { keepdims: 1 }),
        node("Div", ["sum", "count"], ["mean"]),
        node("MatMul", ["mean", "T"], ["text_embeds"]),
      ],
      initializer: [initializer("E", [vocabSize, D], E), initializer("T", [D, D], identity), initializer("axis1", [1], [1n]), initializer("axis2", [1], [2n])],
      input: [valueInfo("input_ids", onnx.TensorProto.DataType.INT64, ["N", 77]), valueInfo("attention_mask", onnx.TensorProto.DataType.INT64, ["N", 77])],
      output: [valueInfo("text_embeds", FLOAT, ["N", D])],
    },
    "alchemist-shapes",
  );
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "image_encoder.onnx"), image);
  await writeFile(join(dir, "text_encoder.onnx"), text);
  await writeFile(join(dir, "bpe_simple_vocab_16e6.txt"), bpeText);
  await writeFile(join(dir, "config.json"), JSON.stringify({ imageSize: IMAGE_SIZE, contextLength: 77, padTokenId: 0 }, null, 2) + "\n");
}
