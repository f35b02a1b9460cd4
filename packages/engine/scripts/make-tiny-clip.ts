// Writes a randomly initialised, CLIP-shaped model folder (the layout `alchemist concepts
// --clip-model` reads) for trying the image path without real CLIP weights.
//   npx tsx packages/engine/scripts/make-tiny-clip.ts OUT_DIR [--seed 42] [--dim 16] [--images IMAGES_DIR]
// --images also writes five small sample images (solid colours, a gradient; PNG and JPEG).
import { parseArgs } from "node:util";
import { writeSampleImages } from "../src/node/images/write-sample-images";
import { writeTinyClipModel } from "../src/node/images/write-tiny-clip-model";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: "string", default: "42" }, dim: { type: "string", default: "16" }, images: { type: "string" } },
});
const [out] = positionals;
const seed = Number(values.seed);
const dim = Number(values.dim);
if (!out || positionals.length > 1 || !Number.isInteger(seed) || !Number.isInteger(dim) || dim < 1) {
  process.stderr.write("usage: make-tiny-clip.ts OUT_DIR [--seed N] [--dim D] [--images DIR]\n");
  process.exit(2);
}
await writeTinyClipModel(out, { seed, dim });
process.stdout.write(`wrote ${out}: image_encoder.onnx, text_encoder.onnx, bpe_simple_vocab_16e6.txt, config.json (dim ${dim}, seed ${seed})\n`);
if (values.images) {
  const names = await writeSampleImages(values.images);
  process.stdout.write(`wrote ${values.images}: ${names.join(", ")}\n`);
}
