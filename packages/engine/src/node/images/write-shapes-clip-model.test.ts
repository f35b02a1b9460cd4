import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calibrateEmbeddings, roboShotMatrix } from "../../images/roboshot-calibration";
import { conceptScores } from "../../images/concept-scores";
import { SHAPES_WORLD } from "../../images/shapes-world";
import { embedImageFiles } from "./embed-image-files";
import { loadClipModel, type ClipModel } from "./load-clip-model";
import { readImageDataset, type ImageDataset } from "./read-image-dataset";
import { writeShapesClipModel } from "./write-shapes-clip-model";
import { writeShapesDataset } from "./write-shapes-dataset";
import { testBudget } from "../testing/test-budget";

let dir = "";
let clip: ClipModel;
let ds: ImageDataset;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-shapes-"));
  await writeShapesClipModel(join(dir, "clip"), { fitImages: 240 });
  await writeShapesDataset(join(dir, "data"), { n: 80, seed: 2 });
  clip = await loadClipModel(join(dir, "clip"), { threads: 1 });
  ds = await readImageDataset(join(dir, "data"), { classNames: ["circle", "square"], seed: 1 });
}, testBudget(60_000));
afterAll(async () => {
  await clip?.close();
  await rm(dir, { recursive: true, force: true });
});

const prompt = (c: string): string => `a photo of ${c}.`;
const agreement = (xs: readonly boolean[], ys: readonly boolean[]): number => xs.filter((x, i) => x === ys[i]).length / xs.length;

describe("the shapes world: a tiny CLIP fitted to pictures the project renders", () => {
  it("its concept scores tell circles from squares and water from grass", async () => {
    const { embeddings } = await embedImageFiles(clip, ds.files, { batchSize: 16 });
    const texts = await clip.embedTexts(SHAPES_WORLD.concepts.map(prompt));
    const scores = conceptScores(embeddings, texts, SHAPES_WORLD.concepts);
    const isCircle = ds.rows.map((r) => r.gold === 0);
    const onWater = ds.rows.map((r) => r.fields.place === "water");
    expect(
      agreement(
        scores.map((s) => s["a round circle"]! - s["a square with sharp corners"]! > -0.02),
        isCircle,
      ),
    ).toBeGreaterThan(0.8);
    expect(
      agreement(
        scores.map((s) => s["blue water"]! > s["green grass"]!),
        onWater,
      ),
    ).toBeGreaterThan(0.95);
  });

  it("RoboShot with the builtin insights: the background difference vanishes, the outline difference grows", async () => {
    const { embeddings } = await embedImageFiles(clip, ds.files, { batchSize: 16 });
    const pair = async (texts: readonly (readonly string[])[]) => {
      const e = await clip.embedTexts(texts.flat().map(prompt));
      const d = e.cols;
      const unit = (r: number): Float32Array => {
        const v = e.values.subarray(r * d, (r + 1) * d);
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      };
      const a = unit(0);
      const b = unit(1);
      return { rows: 1, cols: d, values: a.map((x, c) => x - b[c]!) };
    };
    const M = roboShotMatrix(await pair(SHAPES_WORLD.insights.harmful), await pair(SHAPES_WORLD.insights.helpful), 2);
    const texts = await clip.embedTexts(SHAPES_WORLD.concepts.map(prompt));
    const plain = conceptScores(embeddings, texts, SHAPES_WORLD.concepts);
    const calibrated = conceptScores(calibrateEmbeddings(embeddings, M), texts, SHAPES_WORLD.concepts);
    const spread = (ss: typeof plain, a: string, b: string): number => ss.reduce((m, s) => m + Math.abs(s[a]! - s[b]!), 0) / ss.length;
    expect(spread(calibrated, "blue water", "green grass")).toBeLessThan(1e-5);
    expect(spread(plain, "blue water", "green grass")).toBeGreaterThan(0.01);
    expect(spread(calibrated, "a round circle", "a square with sharp corners")).toBeGreaterThan(spread(plain, "a round circle", "a square with sharp corners"));
  });
});
