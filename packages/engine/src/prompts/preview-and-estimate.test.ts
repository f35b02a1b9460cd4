import { describe, expect, it } from "vitest";
import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { chunkDocument } from "./bm25-index";
import { estimateGenerationCost } from "./estimate-generation-cost";
import { previewProgramPrompt, STAGE1_PLACEHOLDER } from "./preview-program-prompt";

const task: TaskSpec = {
  name: "sms",
  description: "Label SMS text messages as spam or ham.",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "personal" },
    { name: "spam", description: "ads" },
  ],
};
const rows: DataRow[] = Array.from({ length: 20 }, (_, i) => ({
  id: `d${i}`,
  fields: { text: `${i % 2 ? "win a prize" : "see you"} ${i}` },
  split: "dev",
  gold: i % 2,
}));

describe("previewProgramPrompt", () => {
  it("shows user keywords, the edited template, and seeded exemplars that differ by slot", () => {
    const p = previewProgramPrompt({
      task,
      language: "javascript",
      kind: "keywords",
      slot: 0,
      seed: 42,
      rows,
      userInfo: { keywords: "spam: prize, win" },
      template: { mission: "Carefully write {language} code to {task}" },
    });
    expect(p.user).toMatch(/^Keywords per class:\nspam: prize, win\n\n\nCarefully write javascript code to label SMS text messages as spam or ham\./);
    expect(p.user).toContain("function label_function(text)");
    expect(p.stage1).toBeNull();
    const a = previewProgramPrompt({ task, language: "python", kind: "examples", slot: 0, seed: 42, rows, exemplarsPerClass: 2 });
    const b = previewProgramPrompt({ task, language: "python", kind: "examples", slot: 1, seed: 42, rows, exemplarsPerClass: 2 });
    expect(a.user).toMatch(/^Labeled examples:\nham \(0\): see you \d+\n/);
    expect(a.user).not.toBe(b.user);
    expect(previewProgramPrompt({ task, language: "python", kind: "examples", slot: 0, seed: 42, rows, exemplarsPerClass: 2 }).user).toBe(a.user);
  });

  it("names the stage-1 request when a kind has no local info, and retrieves from documents", () => {
    const p = previewProgramPrompt({ task, language: "python", kind: "rules", slot: 0, seed: 1, rows });
    expect(p.stage1?.prompt).toMatch(/^List heuristics, rules and guidance/);
    expect(p.user).toContain(STAGE1_PLACEHOLDER);
    const documents = chunkDocument("Spam is unsolicited ads offering a prize. Ham is personal.", "guide.txt");
    expect(previewProgramPrompt({ task, language: "python", kind: "retrieval", slot: 0, seed: 1, rows, documents }).user).toMatch(
      /^Passages from the documentation:\n\[guide\.txt\] Spam is/,
    );
    expect(previewProgramPrompt({ task, language: "python", kind: "retrieval", slot: 0, seed: 1, rows }).supplementary).toEqual([]);
    expect(() => previewProgramPrompt({ task, language: "python", kind: null, slot: 0, seed: 1, rows, template: { mission: "{nope}" } })).toThrow(
      /unknown placeholder \{nope\}/,
    );
  });
});

describe("estimateGenerationCost", () => {
  it("prices the expected run and the worst case with every repair round", () => {
    const prompts = [
      { system: "s".repeat(400), user: "u".repeat(3600) },
      { system: "s".repeat(400), user: "u".repeat(3600) },
    ];
    const e = estimateGenerationCost({ prompts, stage1: ["q".repeat(400)], model: "gpt-4o-mini", maxTokens: 1000, repairRounds: 2 });
    expect(e.expected).toEqual({ calls: 3, inputTokens: 100 + 2 * 1000, outputTokens: 3 * 400, costUsd: (2100 * 0.15 + 1200 * 0.6) / 1e6 });
    // per slot: 1000 + 2150 + 3300 input, 3 x 1000 output; stage 1: 100 in, 1000 out
    expect(e.atMost).toMatchObject({ calls: 7, inputTokens: 100 + 2 * 6450, outputTokens: 7000 });
    expect(e.atMost.costUsd).toBeCloseTo((13000 * 0.15 + 7000 * 0.6) / 1e6, 12);
    expect(estimateGenerationCost({ prompts, stage1: [], model: "local-llama", maxTokens: 100, repairRounds: 0 }).expected.costUsd).toBe(0);
    expect(() => estimateGenerationCost({ prompts: [], stage1: [], model: "m", maxTokens: 1, repairRounds: 0 })).toThrow(/at least one program prompt/);
  });
});

describe("promptExtras", () => {
  it("keeps non-empty user info, renders picked exemplars with the given label and passes documents and template through", async () => {
    const { promptExtras } = await import("./prompt-extras");
    const long = "x".repeat(500);
    const e = promptExtras({
      task,
      keywords: "  spam: prize ",
      rules: " ",
      exemplars: [
        { fields: { text: "WIN a prize" }, label: 1 },
        { fields: { text: long }, label: 0 },
      ],
      passages: [{ id: "a#0", source: "a", text: "t" }],
      template: { mission: "m" },
    });
    expect(e.userInfo).toEqual({ keywords: "spam: prize", examples: `spam (1): WIN a prize\nham (0): ${"x".repeat(400)}...` });
    expect(e.documents).toHaveLength(1);
    expect(e.template).toEqual({ mission: "m" });
  });
});
