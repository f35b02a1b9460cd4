import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listImages, loadClipModel, scoreImageConcepts, writeSampleImages, writeTinyClipModel } from "@alchemist/engine/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alchemist } from "./cli-fixture";

const dir = mkdtempSync(join(tmpdir(), "alchemist-concepts-"));
const CONCEPTS = ["red", "blue", "green"];
beforeAll(async () => {
  await writeTinyClipModel(join(dir, "clip"), { seed: 11 });
  await writeSampleImages(join(dir, "images"));
  writeFileSync(join(dir, "concepts.txt"), `# colours\n${CONCEPTS.join("\n")}\n`);
  writeFileSync(join(dir, "spurious.txt"), "green\n");
  writeFileSync(join(dir, "empty.txt"), "\n# none\n");
  mkdirSync(join(dir, "bad-images"));
  writeFileSync(join(dir, "bad-images", "broken.jpg"), "not a jpeg");
  writeFileSync(
    join(dir, "task.yaml"),
    "name: colours\ndescription: warm or cool\ninput: scores\nlanguage: javascript\nclasses:\n  - {name: warm, description: reddish}\n  - {name: cool, description: bluish}\n",
  );
  mkdirSync(join(dir, "programs"));
  writeFileSync(join(dir, "programs", "warm.js"), "function label_function(s) { return s.red > s.blue ? 'warm' : 'cool'; }\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJsonl = (file: string): Array<Record<string, unknown>> =>
  readFileSync(join(dir, file), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const base = ["concepts", "--images", "images", "--concepts", "concepts.txt", "--clip-model", "clip"];

describe("alchemist concepts", () => {
  it("writes one {id, file, scores} line per image with the engine's cosine scores, and embeddings", async () => {
    const result = alchemist([...base, "--out", "out/scores.jsonl", "--embeddings-out", "out/emb.jsonl", "--batch-size", "2"], dir);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("5 images x 3 concepts");
    const lines = readJsonl("out/scores.jsonl");
    expect(lines.map((l) => l.id)).toEqual(["blue.jpg", "gradient.png", "grey.png", "red.png", "sub/green.png"]);
    expect(lines[4]!.file).toBe(join("images", "sub", "green.png"));
    const clip = await loadClipModel(join(dir, "clip"));
    const expected = await scoreImageConcepts(clip, await listImages(join(dir, "images")), CONCEPTS);
    await clip.close();
    lines.forEach((line, i) => {
      const scores = line.scores as Record<string, number>;
      expect(Object.keys(scores)).toEqual(CONCEPTS);
      for (const c of CONCEPTS) expect(scores[c]).toBeCloseTo(expected.records[i]!.scores[c]!, 6);
    });
    const embeddings = readJsonl("out/emb.jsonl");
    expect((embeddings[0]!.embedding as number[]).length).toBe(16);
    expect((embeddings[3]!.embedding as number[])[0]).toBeCloseTo(expected.imageEmbeddings.values[3 * 16]!, 5);
  });

  it("--calibrate-spurious projects the spurious concept out (its score drops to 0)", () => {
    expect(alchemist([...base, "--out", "plain.jsonl"], dir).status).toBe(0);
    const result = alchemist([...base, "--out", "calibrated.jsonl", "--calibrate-spurious", "spurious.txt"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1 spurious direction projected out");
    const [plain, calibrated] = [readJsonl("plain.jsonl"), readJsonl("calibrated.jsonl")];
    calibrated.forEach((line, i) => {
      expect((line.scores as Record<string, number>).green).toBeCloseTo(0, 5);
      expect((plain[i]!.scores as Record<string, number>).green).not.toBeCloseTo(0, 3);
    });
  });

  it("its output is program input: alchemist apply labels the JSONL with a program reading the scores", () => {
    expect(alchemist([...base, "--out", "scores.jsonl"], dir).status).toBe(0);
    const result = alchemist(["apply", "--data", "scores.jsonl", "--task", "task.yaml", "--programs", "programs", "--id-field", "id", "--out", "L.json"], dir);
    expect(result.status).toBe(0);
    const { L, faults } = JSON.parse(readFileSync(join(dir, "L.json"), "utf8")) as { L: number[][]; faults: Record<string, object> };
    const expected = readJsonl("scores.jsonl").map((line) => {
      const s = line.scores as Record<string, number>;
      return [s.red! > s.blue! ? 0 : 1];
    });
    expect(L).toEqual(expected);
    expect(faults).toEqual({ warm: {} });
  });

  const errors: Array<[string, string[], RegExp]> = [
    ["a missing model folder", ["--clip-model", "no-clip"], /no-clip: CLIP model folder does not exist/],
    ["a missing image folder", ["--images", "no-images"], /no-images: image folder does not exist/],
    ["an empty concepts file", ["--concepts", "empty.txt"], /empty\.txt: no concepts/],
    ["an unreadable image", ["--images", "bad-images"], /broken\.jpg: cannot read image/],
  ];
  for (const [name, flags, message] of errors) {
    it(`exits 2 on ${name} with one line naming the file, writing nothing`, () => {
      const before = readdirSync(dir).sort();
      const args = [...base];
      for (let i = 0; i < flags.length; i += 2) args[args.indexOf(flags[i]!) + 1] = flags[i + 1]!;
      const result = alchemist([...args, "--out", "fail.jsonl"], dir);
      expect(result.status).toBe(2);
      const lines = result.stderr
        .trim()
        .split("\n")
        .filter((line) => !/^alchemist: [a-z-]+: \d+\/\d+/.test(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});
