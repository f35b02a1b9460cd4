import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelMatrixToRows } from "../../core/label-matrix";
import type { Program } from "../../core/program";
import { parseClipBpeFile } from "../../images/parse-clip-vocab";
import { createLocalRunner } from "../runner/create-local-runner";
import { writeSampleImages } from "./write-sample-images";
import { listImages } from "./list-images";
import { loadClipModel } from "./load-clip-model";
import { loadConcepts } from "./load-concepts";
import { scoreImageConcepts } from "./score-image-concepts";
import { writeTinyClipModel } from "./write-tiny-clip-model";

let dir = "";
const model = (name: string): string => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-clip-load-"));
  await writeTinyClipModel(model("clip"), { seed: 3 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function variant(name: string, change: (d: string) => Promise<void>): Promise<string> {
  await writeTinyClipModel(model(name), { seed: 3 });
  await change(model(name));
  return model(name);
}

describe("loadClipModel", () => {
  it("reads the same tokenizer from .txt, .txt.gz and vocab.json + merges.txt", async () => {
    const base = await loadClipModel(model("clip"));
    const bpe = await readFile(join(model("clip"), "bpe_simple_vocab_16e6.txt"), "utf8");
    const gz = await variant("gz", async (d) => {
      await writeFile(join(d, "bpe_simple_vocab_16e6.txt.gz"), gzipSync(bpe));
      await unlink(join(d, "bpe_simple_vocab_16e6.txt"));
    });
    const hf = await variant("hf", async (d) => {
      await writeFile(join(d, "vocab.json"), JSON.stringify(Object.fromEntries(parseClipBpeFile(bpe, "x").vocab)));
      await copyFile(join(d, "bpe_simple_vocab_16e6.txt"), join(d, "merges.txt"));
      await unlink(join(d, "bpe_simple_vocab_16e6.txt"));
    });
    const prompts = ["a photo of red.", "Green, BLUE & photos!"];
    const expected = await base.embedTexts(prompts);
    for (const d of [gz, hf]) {
      const other = await loadClipModel(d);
      expect([...(await other.embedTexts(prompts)).values]).toEqual([...expected.values]);
      await other.close();
    }
    expect(base.tokenizer.encode("red green")).toEqual([517, 515]); // "red</w>" (rank 5), "green</w>" (rank 3)
    await base.close();
  });

  it("names the missing folder or file", async () => {
    await expect(loadClipModel(model("absent"))).rejects.toMatchObject({
      code: "MODEL_INVALID",
      message: expect.stringMatching(/absent: CLIP model folder does not exist/),
    });
    const noText = await variant("no-text", (d) => unlink(join(d, "text_encoder.onnx")));
    await expect(loadClipModel(noText)).rejects.toThrow(/no-text\/text_encoder\.onnx: missing/);
    const noVocab = await variant("no-vocab", (d) => unlink(join(d, "bpe_simple_vocab_16e6.txt")));
    await expect(loadClipModel(noVocab)).rejects.toThrow(/no-vocab: no CLIP tokenizer: missing .*bpe_simple_vocab_16e6\.txt/);
    const halfHf = await variant("half-hf", async (d) => {
      await unlink(join(d, "bpe_simple_vocab_16e6.txt"));
      await writeFile(join(d, "vocab.json"), "{}");
    });
    await expect(loadClipModel(halfHf)).rejects.toThrow(/missing .*half-hf\/merges\.txt/);
  });

  it("names a corrupt ONNX file, wrong tensor names and a bad config", async () => {
    const corrupt = await variant("corrupt", (d) => writeFile(join(d, "image_encoder.onnx"), "garbage"));
    await expect(loadClipModel(corrupt)).rejects.toThrow(/corrupt\/image_encoder\.onnx: not a loadable ONNX model/);
    const names = await variant("names", (d) => writeFile(join(d, "config.json"), '{"imageOutput": "pooler_output"}'));
    await expect(loadClipModel(names)).rejects.toThrow(
      /image_encoder\.onnx: needs input "pixel_values" and output "pooler_output", has inputs pixel_values; outputs image_embeds/,
    );
    const config = await variant("config", (d) => writeFile(join(d, "config.json"), '{"contextLength": "77"}'));
    await expect(loadClipModel(config)).rejects.toThrow(/config\/config\.json: contextLength/);
  });
});

describe("loadClipModel checks the layout against config.json", () => {
  it("names the file and both numbers for a wrong image size, context length or mismatched encoders", async () => {
    const size = await variant("size", (d) => writeFile(join(d, "config.json"), '{"imageSize": 336}'));
    await expect(loadClipModel(size)).rejects.toThrow(
      /size\/image_encoder\.onnx: input "pixel_values" is \[N, 3, 224, 224\] but config\.json imageSize is 336/,
    );
    const context = await variant("context", (d) => writeFile(join(d, "config.json"), '{"contextLength": 64}'));
    await expect(loadClipModel(context)).rejects.toThrow(/context\/text_encoder\.onnx: input "input_ids" is \[N, 77\] but config\.json contextLength is 64/);
    const mixed = await variant("mixed", async (d) => {
      await writeTinyClipModel(join(dir, "dim8"), { seed: 3, dim: 8 });
      await copyFile(join(dir, "dim8", "text_encoder.onnx"), join(d, "text_encoder.onnx"));
    });
    await expect(loadClipModel(mixed)).rejects.toThrow(
      /mixed\/text_encoder\.onnx: embeds 8-dimensional text but .*mixed\/image_encoder\.onnx 16-dimensional images/,
    );
    const swapped = await variant("swapped", (d) => copyFile(join(d, "text_encoder.onnx"), join(d, "image_encoder.onnx")));
    await expect(loadClipModel(swapped)).rejects.toThrow(/swapped\/image_encoder\.onnx: needs input "pixel_values"/);
  });
});

describe("concept scores as program input", () => {
  it("labeling programs in JavaScript and Python vote on {concept: score} records through the local runner", async () => {
    await writeSampleImages(join(dir, "images"));
    await writeFile(join(dir, "concepts.txt"), "# colours\nred\n\nblue\n");
    const concepts = await loadConcepts(join(dir, "concepts.txt"));
    expect(concepts).toEqual(["red", "blue"]);
    const clip = await loadClipModel(model("clip"), { threads: 1 });
    const { records } = await scoreImageConcepts(clip, await listImages(join(dir, "images")), concepts);
    await clip.close();
    const programs: Program[] = [
      {
        name: "js_red",
        language: "javascript",
        functionName: "label_function",
        source: "function label_function(s) { return s.red > s.blue ? 'warm' : 'cool'; }",
      },
      {
        name: "py_margin",
        language: "python",
        functionName: "label_function",
        source: "def label_function(s):\n    return 1 if s['blue'] - s['red'] > 0.05 else -1\n",
      },
    ];
    // A generous row budget: this test is about the record format, not timeouts, and CI machines are shared.
    const runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 10_000 });
    try {
      const { L, meta } = await runner.apply(
        programs,
        records.map((r) => r.scores),
        { classNames: ["warm", "cool"] },
      );
      expect(meta.map((m) => m.faults)).toEqual([{}, {}]);
      const expected = records.map(({ scores: s }) => [s.red! > s.blue! ? 0 : 1, s.blue! - s.red! > 0.05 ? 1 : -1]);
      expect(labelMatrixToRows(L)).toEqual(expected);
      expect(new Set(expected.map((row) => row[0])).size).toBe(2); // both classes occur, so the check is not vacuous
    } finally {
      await runner.close();
    }
  });

  it("loadConcepts names the file for empty lists, duplicates and missing files", async () => {
    await writeFile(join(dir, "empty.txt"), "# nothing\n\n");
    await expect(loadConcepts(join(dir, "empty.txt"))).rejects.toThrow(/empty\.txt: no concepts/);
    await writeFile(join(dir, "dup.txt"), "red\nblue\nred\n");
    await expect(loadConcepts(join(dir, "dup.txt"))).rejects.toThrow(/dup\.txt line 3: duplicate concept "red" \(first on line 1\)/);
    await expect(loadConcepts(join(dir, "none.txt"))).rejects.toThrow(/none\.txt: cannot read concepts \(ENOENT\)/);
  });
});
