import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHAPES_WORLD, readOnnxMetadata } from "@alchemist/engine";
import { writeShapesClipModel, writeShapesDataset } from "@alchemist/engine/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { alchemist, alchemistAsync } from "./cli-fixture";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const dir = mkdtempSync(join(tmpdir(), "alchemist-images-cli-"));
const task = [
  "name: shapes",
  "description: circle or square",
  "kind: image",
  "language: python",
  "classes:",
  "  - {name: circle, description: round}",
  "  - {name: square, description: four corners}",
  "",
].join("\n");

beforeAll(async () => {
  await writeShapesClipModel(join(dir, "clip"), { fitImages: 240 });
  await writeShapesDataset(join(dir, "shapes"), { n: 120, seed: 5 });
  writeFileSync(join(dir, "task.yaml"), task);
  writeFileSync(join(dir, "concepts.txt"), SHAPES_WORLD.concepts.join("\n") + "\n");
  writeFileSync(join(dir, "insights.json"), JSON.stringify(SHAPES_WORLD.insights));
}, testBudget(60_000));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readReport = (out: string) => JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8"));

describe("alchemist demo --images (offline: rendered shapes, fitted tiny CLIP, builtin concepts and synthesizer)", () => {
  it("prints the text demo's report plus worst-group accuracy and writes report.json with the concepts", () => {
    const result = alchemist(["demo", "--images", "--limit", "160", "--out", "demo-out"], dir);
    expect(result.stderr).not.toMatch(/Error|\n\s+at /); // stderr carries progress lines only
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/concepts \(7, builtin\): "a round circle", "a square with sharp corners"/);
    expect(result.stdout).toMatch(/RoboShot \(builtin\): projected out "blue water" vs "green grass"/);
    expect(result.stdout).toMatch(/distilled MLP\s+test accuracy \d\.\d{3}\s+F1 \d\.\d{3}/);
    expect(result.stdout).toMatch(/worst-group accuracy by place \(test\):\n {2}label model \(\S+\)\s+\d+\.\d% \((circle|square) \/ (water|land), n=\d+\)/);
    expect(result.stdout).toMatch(/LLM calls: 0, tokens: 0 in \/ 0 out, cost: \$0\.0000/);
    const report = readReport("demo-out");
    expect(report.image).toMatchObject({
      concepts: SHAPES_WORLD.concepts,
      conceptSource: "builtin",
      features: "embeddings",
      insights: SHAPES_WORLD.insights,
      programSource: "builtin",
      images: 160,
    });
    expect(report.dataset).toMatchObject({ name: "shapes", rows: 160 });
    expect(report.groups.distilled.groups).toHaveLength(4);
    expect(report.distilled.test.accuracy).toBeGreaterThan(0.6);
    expect(report.programs.length).toBeGreaterThan(1);
    expect(
      readFileSync(join(dir, "demo-out", "labels.csv"), "utf8")
        .trimEnd()
        .split("\r\n"),
    ).toHaveLength(161);
    expect(readOnnxMetadata(readFileSync(join(dir, "demo-out", "model.onnx")), "model.onnx")["alchemist.format"]).toBe("image-1");
  });
});

describe("alchemist run on an image task", () => {
  it("--concepts and --insights files, features both, group field, and the embedding cache on the second run", () => {
    const args = [
      "run",
      "--data",
      "shapes",
      "--task",
      "task.yaml",
      "--clip-model",
      "clip",
      "--concepts",
      "concepts.txt",
      "--insights",
      "insights.json",
      "--features",
      "both",
      "--group-field",
      "place",
      "--embedding-cache",
      "cache",
      "--seed-size",
      "20",
    ];
    const first = alchemist([...args, "--out", "run1"], dir);
    expect(first.stderr).not.toMatch(/Error|\n\s+at /); // stderr carries progress lines only
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/images: 120 \(120 embedded, 0 from the cache/);
    expect(first.stdout).toMatch(/concepts \(7, concepts\.txt\)/);
    const second = alchemist([...args, "--out", "run2"], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/images: 120 \(0 embedded, 120 from the cache/);
    const [a, b] = [readReport("run1"), readReport("run2")];
    expect(a.image).toMatchObject({ features: "both", insightSource: "insights.json", cached: 0, embedded: 120 });
    expect(b.image).toMatchObject({ cached: 120, embedded: 0 });
    expect(b.distilled.test).toEqual(a.distilled.test); // cached embeddings give the same run
    expect(a.distilled.inputSize).toBe(8 + 7);
    expect(a.groups.field).toBe("place");
    expect(readFileSync(join(dir, "run1", "labels.csv"), "utf8")).toMatch(/^id,label,/);
  });

  const errors: Array<[string, string[], RegExp]> = [
    ["no --clip-model", ["--concepts", "concepts.txt"], /task shapes is an image task: --clip-model DIR is required/],
    ["no concepts and no LLM", ["--clip-model", "clip"], /an image task needs concepts: --concepts FILE/],
    [
      "--roboshot without an LLM",
      ["--clip-model", "clip", "--concepts", "concepts.txt", "--roboshot"],
      /--roboshot asks the LLM for insights: name a --provider/,
    ],
    ["a broken insights file", ["--clip-model", "clip", "--concepts", "concepts.txt", "--insights", "task.yaml"], /task\.yaml: the insights file is not JSON/],
    [
      "a folder that is not a CLIP model",
      ["--clip-model", "shapes", "--concepts", "concepts.txt"],
      /shapes: no CLIP tokenizer: missing shapes\/bpe_simple_vocab_16e6\.txt/,
    ],
  ];
  for (const [name, flags, message] of errors) {
    it(`exits 2 on ${name}, naming it, writing nothing`, () => {
      const result = alchemist(["run", "--data", "shapes", "--task", "task.yaml", "--no-embedding-cache", ...flags, "--out", "fail-out"], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(dir, "fail-out"))).toBe(false);
    });
  }
});

describe("alchemist run on an image task with an LLM (local mock server, real OpenAI SDK)", () => {
  let mock: MockLlmServer;
  beforeAll(async () => {
    mock = await startMockLlmServer((req) => {
      const turns = req.body.messages.filter((m) => m.role !== "system");
      const text = String(turns[0]!.content);
      if (/visual primitive concepts/.test(text))
        return {
          text: '```json\n{"concepts": ["a round circle", "a square with sharp corners", "blue water", "green grass"]}\n```',
          inputTokens: 80,
          outputTokens: 30,
        };
      if (/SPURIOUS/.test(text))
        return {
          text: '{"harmful": [["blue water", "green grass"]], "helpful": [["a round circle", "a square with sharp corners"]]}',
          inputTokens: 90,
          outputTokens: 25,
        };
      if (turns.length > 1)
        return {
          text: "```python\ndef label_function(scores):\n    return 0 if scores['a round circle'] > scores['a square with sharp corners'] else 1\n```",
          inputTokens: 300,
          outputTokens: 40,
        };
      // First program answer is broken on purpose: the repair loop sends the error back.
      const broken =
        /I have measured similarity scores/.test(text) &&
        mock.requests.filter((r) => /I have measured/.test(String(r.body.messages.at(-1)?.content))).length === 1;
      return {
        text: broken
          ? "```python\ndef label_function(scores)\n    return 0\n```"
          : "```python\ndef label_function(scores):\n    d = scores['a round circle'] - scores['a square with sharp corners']\n    return 'circle' if d > 0.05 else ('square' if d < -0.05 else -1)\n```",
        inputTokens: 250,
        outputTokens: 50,
      };
    });
  });
  afterAll(() => mock.close());

  it("asks for concepts and RoboShot insights, generates programs over scores through validate-and-repair, books every call", async () => {
    const result = await alchemistAsync(
      [
        "run",
        "--data",
        "shapes",
        "--task",
        "task.yaml",
        "--clip-model",
        "clip",
        "--roboshot",
        "--no-embedding-cache",
        "--provider",
        "openai",
        "--base-url",
        mock.openaiBaseURL,
        "--model",
        "gpt-4o-mini",
        "--concurrency",
        "1",
        "--n",
        "2",
        "--out",
        "llm-out",
      ],
      dir,
    );
    expect(result.stderr).not.toMatch(/Error|\n\s+at /); // stderr carries progress lines only
    expect(result.status).toBe(0);
    const report = readReport("llm-out");
    expect(report.image).toMatchObject({
      concepts: ["a round circle", "a square with sharp corners", "blue water", "green grass"],
      conceptSource: "llm:openai/gpt-4o-mini",
      insightSource: "llm:openai/gpt-4o-mini",
      programSource: "llm:openai/gpt-4o-mini",
    });
    expect(report.image.insights.harmful).toEqual([["blue water", "green grass"]]);
    const prompts = mock.requests.map((r) => String(r.body.messages.filter((m) => m.role !== "system")[0]!.content));
    expect(prompts.filter((p) => /visual primitive concepts to classify "circle" and "square"/.test(p))).toHaveLength(1);
    expect(prompts.filter((p) => /SPURIOUS/.test(p))).toHaveLength(1);
    const scorePrompts = prompts.filter((p) => /I have measured similarity scores.*\["a round circle"\]; \["a square with sharp corners"\]/.test(p));
    expect(scorePrompts.length).toBe(3); // 2 programs + 1 repair of the broken one
    expect(report.llm.calls).toBe(mock.requests.length);
    expect(report.programs).toHaveLength(2);
    expect(report.generation).toMatchObject({ provider: "openai", programs: 2, attempts: 5 });
    expect(readFileSync(join(dir, "llm-out", "programs", `${report.programs[0].name}.py`), "utf8")).toMatch(/scores\['a round circle'\]/);
  });
});
