import { describe, expect, it } from "vitest";
import type { TaskSpec } from "../core/task";
import { Bm25Index, chunkDocument } from "./bm25-index";
import { buildProgramPrompt } from "./build-program-prompt";
import { conceptPrompt, parseConcepts, scorePrompt } from "./image-prompts";
import { infoRequestPrompt } from "./info-request-prompt";
import { sampleExemplars } from "./sample-exemplars";
import { parseClassAnswer, zeroShotPrompt } from "./zero-shot-prompt";

const task: TaskSpec = {
  name: "sms",
  description: "Label SMS text messages as spam or ham.",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "a normal personal message" },
    { name: "spam", description: "unsolicited advertising" },
  ],
};

describe("program prompt", () => {
  it("orders context, mission, instruction and signature, with the reference system prompt", () => {
    const p = buildProgramPrompt({
      task,
      language: "python",
      supplementary: [{ kind: "keywords", title: "Keywords per class", text: "spam: free, win", source: "user" }],
    });
    expect(p.system).toBe(
      "You are a helpful assistant to write labeling function for label SMS text messages as spam or ham. Be creative and original. Labeling function should consider conditions globally and wisely.",
    );
    expect(p.parts.mission).toBe("Write a bug-free and executable function in python to label SMS text messages as spam or ham.");
    expect(p.parts.instruction).toContain(
      "0: ham (a normal personal message)\n1: spam (unsolicited advertising)\nIf the class cannot be determined, return -1",
    );
    expect(p.parts.signature).toContain("def label_function(text: str) -> int:");
    const at = (s: string): number => p.user.indexOf(s);
    expect(at("Keywords per class:")).toBe(0);
    expect(at("Write a bug-free")).toBeLessThan(at("0: ham"));
    expect(at("0: ham")).toBeLessThan(at("def label_function"));
  });
  it("targets JavaScript and records, and rejects an unknown placeholder in an edited template", () => {
    const p = buildProgramPrompt({ task: { ...task, input: ["subject", "body"] }, language: "javascript", supplementary: [] });
    expect(p.user).toContain("function label_function(x) { /* x: {subject, body}");
    expect(p.user.startsWith("Write a bug-free and executable function in javascript")).toBe(true);
    expect(() => buildProgramPrompt({ task, language: "python", supplementary: [], template: { mission: "Write {lang} code" } })).toThrow(
      /unknown placeholder \{lang\}/,
    );
  });
  it("asks stage-1 questions per info kind", () => {
    expect(infoRequestPrompt(task, "keywords")).toContain("indicate each class when you label SMS text messages as spam or ham.");
    expect(infoRequestPrompt(task, "examples")).toContain("5 realistic examples for each class (ham or spam)");
  });
});

describe("zero-shot prompt and answer parsing", () => {
  it("generalises the paper's baseline prompt", () => {
    expect(zeroShotPrompt(task, "WIN now")).toBe("what is the category of this text: WIN now\nAnswer with exactly one of: ham, spam.");
    expect(zeroShotPrompt(task, "hi", "what is the category of this sms text: {text}")).toBe("what is the category of this sms text: hi");
  });
  it.each([
    ["spam", 1],
    ["Spam.", 1],
    ["**HAM**", 0],
    ["Category: spam", 1],
    ["1", 1],
    ["ham - a friendly note", 0],
    ["This message is spam because it offers a prize", 1],
    ["It could be ham or spam", -1],
    ["I cannot tell", -1],
    ["7", -1],
  ])("parses %j as %i", (answer, expected) => {
    expect(parseClassAnswer(answer, ["ham", "spam"])).toBe(expected);
  });
  it("prefers the longest leading class name", () => {
    expect(parseClassAnswer("very negative", ["negative", "very negative", "positive"])).toBe(1);
  });
});

describe("BM25 retrieval", () => {
  it("ranks the passage that matches rare query terms first", () => {
    const index = new Bm25Index([
      { id: "a", source: "g.md", text: "Messages from friends about dinner plans are normal personal messages." },
      { id: "b", source: "g.md", text: "Spam offers a free prize, asks to claim a reward, or to text a premium number. Spam spam." },
      { id: "c", source: "g.md", text: "The weather today is sunny with a light breeze." },
    ]);
    const hits = index.search("how to recognise spam with a free prize", 3);
    // c shares only "with" and "a" with the query; a shares nothing
    expect(hits.map((h) => h.id)).toEqual(["b", "c"]);
    expect(hits[0]!.score).toBeGreaterThan(3 * hits[1]!.score);
    expect(index.search("sunny weather", 1)[0]!.id).toBe("c");
    expect(index.search("quantum", 2)).toEqual([]);
  });
  it("chunks documents into overlapping windows", () => {
    const words = Array.from({ length: 250 }, (_, i) => `w${i}`).join(" ");
    const chunks = chunkDocument(words, "doc.txt", { words: 100, overlap: 20 });
    expect(chunks.map((c) => c.id)).toEqual(["doc.txt#0", "doc.txt#1", "doc.txt#2"]);
    expect(chunks[1]!.text.startsWith("w80 ")).toBe(true);
    expect(chunks[2]!.text.endsWith("w249")).toBe(true);
  });
});

describe("exemplars and image prompts", () => {
  it("samples k exemplars per class from dev only, seeded", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `${i}`,
      fields: { text: `row ${i}` },
      split: (i < 20 ? "dev" : "train") as "dev" | "train",
      gold: i % 2,
    }));
    const a = sampleExemplars(rows, task, { perClass: 2, seed: 1 });
    expect(a.map((e) => e.label)).toEqual([0, 0, 1, 1]);
    expect(a.every((e) => Number(e.text.split(" ")[1]) < 20)).toBe(true);
    expect(sampleExemplars(rows, task, { perClass: 2, seed: 1 })).toEqual(a);
  });
  it("builds the concept and score prompts of App. B and parses concepts", () => {
    expect(conceptPrompt(["landbird", "waterbird"])).toContain('What are the visual primitive concepts to classify "landbird" and "waterbird"?');
    const concepts = parseConcepts('```json\n{"concepts": ["A bird\'s foot type is toed, grasping", "A bird\'s foot type is paddling, swimming"]}\n```');
    expect(concepts).toHaveLength(2);
    const prompt = scorePrompt(concepts, ["landbird", "waterbird"], "python", "label_function");
    expect(prompt).toContain('The descriptions are: ["A bird\'s foot type is toed, grasping"]; ["A bird\'s foot type is paddling, swimming"]');
    expect(prompt).toContain("If it cannot be determined, the function should return -1, but use this cautiously.");
    expect(parseConcepts('{"landbird": {"feet": "grasping"}}')).toEqual(["feet: grasping"]);
    expect(() => parseConcepts("no json here")).toThrow(/not JSON/);
  });
});
