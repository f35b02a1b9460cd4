import { describe, expect, it } from "vitest";
import { SHAPES_WORLD } from "../images/shapes-world";
import { insightPrompt, parseInsights } from "./roboshot-prompts";

describe("RoboShot prompts", () => {
  it("asks for harmful and helpful pairs naming the classes, and parses fenced or bare JSON", () => {
    const prompt = insightPrompt(SHAPES_WORLD.task);
    expect(prompt).toContain('"circle" (a round object) or "square"');
    expect(prompt).toMatch(/"harmful": \[\["\.\.\.", "\.\.\."\]/);
    expect(parseInsights('Sure!\n```json\n{"harmful": [["blue water", "green grass"]], "helpful": [["round", "square"], "corners"]}\n```')).toEqual({
      harmful: [["blue water", "green grass"]],
      helpful: [["round", "square"], ["corners"]],
    });
    expect(parseInsights('{"harmful": [[" a ", "b"], ["x", "y", "z"], [""]]}')).toEqual({ harmful: [["a", "b"]], helpful: [] });
  });

  it("fails with LLM_FAILED quoting the answer when it is not JSON or names nothing", () => {
    expect(() => parseInsights("no idea")).toThrow(/the insight answer is not JSON: no idea/);
    expect(() => parseInsights('{"other": 1}')).toThrow(/names no harmful or helpful pairs/);
  });
});
