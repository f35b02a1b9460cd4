// Writes a randomly initialised, CLIP-shaped model folder (the layout `alchemist concepts
// --clip-model` reads) for trying the image path without real CLIP weights.
//   npx tsx packages/engine/scripts/make-tiny-clip.ts OUT_DIR [--seed 42] [--dim 16]
import { parseArgs } from "node:util";
import { writeTinyClipModel } from "../src/node/images/write-tiny-clip-model";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { seed: { type: "string", default: "42" }, dim: { type: "string", default: "16" } } });
const [out] = positionals;
const seed = Number(values.seed);
const dim = Number(values.dim);
if (!out || positionals.length > 1 || !Number.isInteger(seed) || !Number.isInteger(dim) || dim < 1) {
  process.stderr.write("usage: make-tiny-clip.ts OUT_DIR [--seed N] [--dim D]\n");
  process.exit(2);
}
await writeTinyClipModel(out, { seed, dim });
process.stdout.write(`wrote ${out}: image_encoder.onnx, text_encoder.onnx, bpe_simple_vocab_16e6.txt, config.json (dim ${dim}, seed ${seed})\n`);
