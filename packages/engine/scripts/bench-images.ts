// Image concept scoring throughput on the tiny CLIP model and 48 generated 640x480 JPEGs:
// batch size 1 (baseline, one ONNX call per image) against batches of 16, both measured here.
//   npm run bench:images
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { listImages } from "../src/node/images/list-images";
import { loadClipModel } from "../src/node/images/load-clip-model";
import { scoreImageConcepts } from "../src/node/images/score-image-concepts";
import { writeTinyClipModel } from "../src/node/images/write-tiny-clip-model";

const IMAGES = 48;
const dir = await mkdtemp(join(tmpdir(), "alchemist-bench-images-"));
try {
  await writeTinyClipModel(join(dir, "clip"), { seed: 1 });
  for (let i = 0; i < IMAGES; i++) {
    const noise = Buffer.from(Array.from({ length: 640 * 480 * 3 }, (_, p) => (p * 7 + i * 13) % 256));
    await sharp(noise, { raw: { width: 640, height: 480, channels: 3 } })
      .jpeg()
      .toFile(join(dir, `img-${String(i).padStart(3, "0")}.jpg`));
  }
  const images = await listImages(dir);
  const clip = await loadClipModel(join(dir, "clip"));
  const concepts = ["red", "blue", "green", "a photo", "of"];
  const time = async (batchSize: number): Promise<number> => {
    const start = performance.now();
    await scoreImageConcepts(clip, images, concepts, { batchSize });
    return (performance.now() - start) / 1000;
  };
  await time(16); // warm-up: sharp and onnxruntime initialisation
  const baseline = await time(1);
  const batched = await time(16);
  await clip.close();
  const rate = (s: number): string => `${(IMAGES / s).toFixed(1)} images/s`;
  process.stdout.write(`batch 1 (baseline): ${baseline.toFixed(2)} s, ${rate(baseline)}\n`);
  process.stdout.write(`batch 16:           ${batched.toFixed(2)} s, ${rate(batched)}\n`);
  process.stdout.write(`speed-up: ${(baseline / batched).toFixed(2)}x\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
