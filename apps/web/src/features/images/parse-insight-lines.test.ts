import { describe, expect, it } from "vitest";
import { insightLines, parseInsightLines } from "./parse-insight-lines";

describe("parseInsightLines", () => {
  it("reads harmful pairs and helpful texts, one per line, skipping blanks and comments, and round-trips", () => {
    const text = "# backgrounds are spurious\nharmful: blue water | green grass\n\nHelpful:  a round circle \nhelpful: a square | a circle";
    const parsed = parseInsightLines(text);
    expect(parsed).toEqual({
      ok: true,
      insights: { harmful: [["blue water", "green grass"]], helpful: [["a round circle"], ["a square", "a circle"]] },
    });
    expect(parseInsightLines(insightLines(parsed.ok ? parsed.insights : null))).toEqual(parsed);
    expect(parseInsightLines("")).toEqual({ ok: true, insights: { harmful: [], helpful: [] } });
  });

  it("names the line that is not an insight", () => {
    expect(parseInsightLines("harmful: a | b\nblue water")).toEqual({ ok: false, error: expect.stringMatching(/^insights line 2 \("blue water"\)/) });
    expect(parseInsightLines("harmful: a | b | c")).toMatchObject({ ok: false, error: expect.stringMatching(/^insights line 1/) });
    expect(parseInsightLines("helpful: a |")).toMatchObject({ ok: false });
  });
});
