import { describe, expect, it } from "vitest";
import type { TaskSpec } from "../core/task";
import { chunkDocument } from "../prompts/bm25-index";
import { retrievePassages, taskRetrievalQuery } from "./retrieve-passages";

const task: TaskSpec = {
  name: "sms",
  description: "Label SMS text messages as spam or ham.",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "personal messages" },
    { name: "spam", description: "unsolicited advertising" },
  ],
};
const filler = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");

describe("retrieval over document chunks", () => {
  it("builds the query from the task and ranks the chunk about its classes first", () => {
    expect(taskRetrievalQuery(task, "prize")).toBe("Label SMS text messages as spam or ham. ham personal messages spam unsolicited advertising prize");
    const guide = `${filler(200, "intro")} Spam messages are unsolicited advertising: prizes, free entries, premium numbers. ${filler(200, "appendix")}`;
    const chunks = chunkDocument(guide, "guide.md", { words: 50, overlap: 10 });
    const hits = retrievePassages(chunks, taskRetrievalQuery(task), { limit: 2 });
    expect(hits[0]!.text).toContain("unsolicited advertising");
    expect(hits[0]!.id).toMatch(/^guide\.md#\d+$/);
    expect(hits.every((h) => h.score > 0)).toBe(true);
  });

  it("skips passages nothing matches, duplicates, and stops at the character budget", () => {
    const passages = [
      { id: "a#0", source: "a", text: "spam spam offers" },
      { id: "b#0", source: "b", text: "spam spam offers" },
      { id: "c#0", source: "c", text: `spam ${"x ".repeat(200)}` },
      { id: "d#0", source: "d", text: "weather report" },
    ];
    const hits = retrievePassages(passages, "spam offers", { limit: 5, maxChars: 100 });
    expect(hits.map((h) => h.id)).toEqual(["a#0"]);
    expect(retrievePassages(passages, "weather", { limit: 5 }).map((h) => h.id)).toEqual(["d#0"]);
    expect(retrievePassages([], "spam")).toEqual([]);
    expect(() => retrievePassages(passages, "spam", { limit: 0 })).toThrow(/limit must be a positive integer, got 0/);
  });
});
