import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSampleImages } from "./write-sample-images";
import { listImages, type ImageFile } from "./list-images";
import { loadClipModel, type ClipModel } from "./load-clip-model";
import { preprocessImage } from "./preprocess-image";
import { scoreImageConcepts } from "./score-image-concepts";
import { writeTinyClipModel } from "./write-tiny-clip-model";

const CONCEPTS = ["red", "blue", "green", "a photo"];
let dir = "";
let clip: ClipModel;
let images: ImageFile[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-clip-"));
  await writeTinyClipModel(join(dir, "clip"), { seed: 7 });
  await writeSampleImages(join(dir, "images"));
  clip = await loadClipModel(join(dir, "clip"), { threads: 1 });
  images = await listImages(join(dir, "images"));
});
afterAll(async () => {
  await clip?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Cosine computed independently: ONNX sessions fed by hand, float64 arithmetic. */
async function directScores(template: string): Promise<number[][]> {
  const img = await ort.InferenceSession.create(join(dir, "clip", "image_encoder.onnx"));
  const txt = await ort.InferenceSession.create(join(dir, "clip", "text_encoder.onnx"));
  const pixels = new Float32Array(images.length * 3 * 224 * 224);
  for (const [i, image] of images.entries()) await preprocessImage(image.file, clip.config, pixels, i * 3 * 224 * 224);
  const imageOut = (await img.run({ pixel_values: new ort.Tensor("float32", pixels, [images.length, 3, 224, 224]) })).image_embeds!;
  const batch = clip.tokenizer.tokenize(
    CONCEPTS.map((c) => template.replace("{}", c)),
    77,
  );
  const feeds = {
    input_ids: new ort.Tensor("int64", batch.ids, [CONCEPTS.length, 77]),
    attention_mask: new ort.Tensor("int64", batch.attentionMask, [CONCEPTS.length, 77]),
  };
  const textOut = (await txt.run(feeds)).text_embeds!;
  const d = imageOut.dims[1]!;
  const vec = (data: Float32Array, r: number): number[] => [...data.subarray(r * d, (r + 1) * d)];
  const cos = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b);
  await Promise.all([img.release(), txt.release()]);
  return images.map((_, i) => CONCEPTS.map((_, j) => cos(vec(imageOut.data as Float32Array, i), vec(textOut.data as Float32Array, j))));
}

describe("scoreImageConcepts on the tiny CLIP model", () => {
  it("scores every image on every concept with the cosine of the ONNX outputs", async () => {
    const result = await scoreImageConcepts(clip, images, CONCEPTS, { batchSize: 2 });
    expect(result.records.map((r) => r.id)).toEqual(["blue.jpg", "gradient.png", "grey.png", "red.png", "sub/green.png"]);
    expect([result.imageEmbeddings.rows, result.imageEmbeddings.cols, result.conceptEmbeddings.rows]).toEqual([5, 16, 4]);
    const expected = await directScores("a photo of {}.");
    result.records.forEach((record, i) => {
      expect(Object.keys(record.scores)).toEqual(CONCEPTS);
      CONCEPTS.forEach((concept, j) => expect(record.scores[concept]).toBeCloseTo(expected[i]![j]!, 5));
    });
    // Different images get different scores (the model is not constant).
    expect(result.records[0]!.scores.red).not.toBeCloseTo(result.records[3]!.scores.red!, 3);
  });

  it("is deterministic and independent of the batch size; the template changes the prompts", async () => {
    const a = await scoreImageConcepts(clip, images, CONCEPTS, { batchSize: 1 });
    const b = await scoreImageConcepts(clip, images, CONCEPTS, { batchSize: 16 });
    a.records.forEach((r, i) => CONCEPTS.forEach((c) => expect(r.scores[c]).toBeCloseTo(b.records[i]!.scores[c]!, 6)));
    const plain = await scoreImageConcepts(clip, images, CONCEPTS, { template: "{}" });
    const expected = await directScores("{}");
    CONCEPTS.forEach((c, j) => expect(plain.records[1]!.scores[c]).toBeCloseTo(expected[1]![j]!, 5));
    expect(plain.records[1]!.scores.red).not.toBeCloseTo(a.records[1]!.scores.red!, 4);
  });

  it("RoboShot: calibrated embeddings are orthogonal to the spurious directions and scores change", async () => {
    const plain = await scoreImageConcepts(clip, images, CONCEPTS);
    const spurious = ["green", "red | blue"];
    const calibrated = await scoreImageConcepts(clip, images, CONCEPTS, { spurious });
    const dirs = await clip.embedTexts(["a photo of green.", "a photo of red.", "a photo of blue."]);
    const unit = (r: number): number[] => {
      const v = [...dirs.values.subarray(r * 16, (r + 1) * 16)];
      return v.map((x) => x / Math.hypot(...v));
    };
    const directions = [unit(0), unit(1).map((x, c) => x - unit(2)[c]!)];
    for (let i = 0; i < images.length; i++) {
      const x = [...calibrated.scoredEmbeddings.values.subarray(i * 16, (i + 1) * 16)];
      for (const d of directions) expect(Math.abs(x.reduce((s, v, c) => s + v * d[c]!, 0))).toBeLessThan(1e-5);
      expect(calibrated.records[i]!.scores.green).toBeCloseTo(0, 5);
      expect(calibrated.records[i]!.scores.green).not.toBeCloseTo(plain.records[i]!.scores.green!, 3);
      expect(calibrated.records[i]!.scores.red! - calibrated.records[i]!.scores.blue!).toBeCloseTo(0, 5);
    }
  });

  it("rejects empty concept lists, bad templates and malformed spurious pairs", async () => {
    await expect(scoreImageConcepts(clip, images, [])).rejects.toThrow(/no concepts/);
    await expect(scoreImageConcepts(clip, images, ["red"], { template: "a photo" })).rejects.toThrow(/has no \{\}/);
    await expect(scoreImageConcepts(clip, images, ["red"], { spurious: ["a | b | c"] })).rejects.toThrow(/"a \| b \| c"/);
    const controller = new AbortController();
    controller.abort();
    await expect(scoreImageConcepts(clip, images, ["red"], { signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
  });
});
