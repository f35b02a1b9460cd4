import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHAPES_WORLD } from "../../images/shapes-world";
import { readOnnxMetadata } from "../../onnx/read-onnx-metadata";
import { synthesizeScorePrograms } from "../../synth/synthesize-score-programs";
import { embedImageDataset, type EmbeddedImageDataset } from "../images/embed-image-dataset";
import { loadClipModel, type ClipModel } from "../images/load-clip-model";
import { scoreImageDataset } from "../images/score-image-dataset";
import { writeShapesClipModel } from "../images/write-shapes-clip-model";
import { writeShapesDataset } from "../images/write-shapes-dataset";
import { createLocalRunner } from "../runner/create-local-runner";
import { runImagePipeline } from "./run-image-pipeline";
import { testBudget } from "../testing/test-budget";

let dir = "";
let clip: ClipModel;
let embedded: EmbeddedImageDataset;
const task = SHAPES_WORLD.task;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-image-pipeline-"));
  await writeShapesClipModel(join(dir, "clip"), { fitImages: 240 });
  await writeShapesDataset(join(dir, "data"), { n: 160, seed: 4 });
  clip = await loadClipModel(join(dir, "clip"), { threads: 1 });
  embedded = await embedImageDataset(join(dir, "data"), { classNames: ["circle", "square"], seed: 1, clip });
}, testBudget(60_000));
afterAll(async () => {
  await clip?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("runImagePipeline on the shapes world", () => {
  it(
    "builtin score programs -> label model -> MLP on calibrated embeddings + scores; the ONNX from raw embeddings gives the same probabilities",
    async () => {
      const scored = await scoreImageDataset(embedded.dataset, embedded.embeddings, { clip, concepts: SHAPES_WORLD.concepts, insights: SHAPES_WORLD.insights });
      const dev = scored.dataset.rows.filter((r) => r.split === "dev");
      const scoresOf = (rows: typeof dev) => rows.map((r) => r.fields.scores as Record<string, number>);
      const programs = synthesizeScorePrograms({
        task,
        concepts: SHAPES_WORLD.concepts,
        language: "javascript",
        seed: { scores: scoresOf(dev), labels: dev.map((r) => r.gold!) },
        unlabeled: scoresOf(scored.dataset.rows.filter((r) => r.split === "train")),
      });
      expect(programs.length).toBeGreaterThan(1);
      expect(new Set(programs.map((p) => /return "(\w+)"/.exec(p.source)![1])).size).toBe(2); // both classes have a rule
      const runner = createLocalRunner({ poolSize: 1 });
      try {
        const result = await runImagePipeline({
          scored,
          clip,
          task: { ...task, language: "javascript" },
          programs,
          runner,
          seed: 3,
          featureKind: "both",
          groupField: "place",
          epochs: 20,
        });
        const { report } = result;
        expect(report.programs.every((p) => p.faults === 0)).toBe(true);
        expect(report.distilled.inputSize).toBe(8 + SHAPES_WORLD.concepts.length);
        expect(report.distilled.test.accuracy).toBeGreaterThan(0.7);
        expect(report.groups?.field).toBe("place");
        expect(report.groups?.distilled.groups.map((g) => g.group)).toEqual(["circle / land", "circle / water", "square / land", "square / water"]);
        expect(report.groups?.distilled.worst?.accuracy).toBe(Math.min(...report.groups!.distilled.groups.map((g) => g.accuracy)));
        // The exported graph takes the raw CLIP image embedding: its probabilities equal the pipeline's.
        const session = await ort.InferenceSession.create(result.model);
        const n = embedded.embeddings.rows;
        const out = await session.run({ image_embeds: new ort.Tensor("float32", embedded.embeddings.values, [n, 8]) });
        const probs = out.probabilities!.data as Float32Array;
        result.labels.forEach((label, i) => label.probabilities.forEach((p, c) => expect(probs[i * 2 + c]).toBeCloseTo(p, 4)));
        await session.release();
        const meta = readOnnxMetadata(result.model, "model.onnx");
        expect(meta["alchemist.format"]).toBe("image-1");
        expect(JSON.parse(meta["alchemist.preprocessing"]!)).toMatchObject({ imageSize: 224, resizeTo: 224, clipModelKey: clip.key, crop: "center" });
        expect(JSON.parse(meta["alchemist.image"]!)).toMatchObject({
          features: "both",
          concepts: SHAPES_WORLD.concepts,
          calibrated: true,
          insights: SHAPES_WORLD.insights,
        });
      } finally {
        await runner.close();
      }
    },
    testBudget(120_000),
  );

  it(
    "feature kinds set the MLP input: embeddings (D) or scores (one per concept)",
    async () => {
      const scored = await scoreImageDataset(embedded.dataset, embedded.embeddings, { clip, concepts: SHAPES_WORLD.concepts });
      expect(scored.calibration).toBeNull();
      const programs = [
        {
          name: "round",
          language: "javascript" as const,
          functionName: "label_function",
          source: 'function label_function(s) { return s["a round circle"] > s["a square with sharp corners"] ? "circle" : "square"; }',
        },
      ];
      const runner = createLocalRunner({ poolSize: 1 });
      try {
        for (const [kind, size] of [
          ["embeddings", 8],
          ["scores", SHAPES_WORLD.concepts.length],
        ] as const) {
          const { report, model } = await runImagePipeline({
            scored,
            clip,
            task: { ...task, language: "javascript" },
            programs,
            runner,
            seed: 1,
            featureKind: kind,
            epochs: 3,
          });
          expect(report.distilled.inputSize).toBe(size);
          expect(JSON.parse(readOnnxMetadata(model, "m")["alchemist.image"]!).features).toBe(kind);
        }
      } finally {
        await runner.close();
      }
    },
    testBudget(120_000),
  );
});
