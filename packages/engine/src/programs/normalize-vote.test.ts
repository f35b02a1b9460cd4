import { describe, expect, it } from "vitest";
import { normalizeVote } from "./normalize-vote";

const classes = ["ham", "spam", "Other"];

describe("normalizeVote", () => {
  it("keeps integer indices and -1", () => {
    expect(normalizeVote(0, classes)).toEqual({ vote: 0 });
    expect(normalizeVote(2, classes)).toEqual({ vote: 2 });
    expect(normalizeVote(-1, classes)).toEqual({ vote: -1 });
  });

  it("maps class names, exact first then case-insensitive", () => {
    expect(normalizeVote("spam", classes)).toEqual({ vote: 1 });
    expect(normalizeVote("SPAM", classes)).toEqual({ vote: 1 });
    expect(normalizeVote("other", classes)).toEqual({ vote: 2 });
    expect(normalizeVote("Other", ["other", "Other"])).toEqual({ vote: 1 });
  });

  it.each([[true], [false], [null], [undefined], [1.5], [3], [-2], ["unknown"], [[1]], [{ vote: 1 }], [Number.NaN]])(
    "rejects %j as invalid-output",
    (output) => {
      const result = normalizeVote(output, classes);
      expect(result).toMatchObject({ fault: "invalid-output" });
      expect("message" in result && result.message).toContain("expected a class index 0..2");
    },
  );

  it("names the bad value in the message", () => {
    expect(normalizeVote(7, classes)).toMatchObject({ message: expect.stringContaining("returned number 7") });
    expect(normalizeVote("maybe", classes)).toMatchObject({ message: expect.stringContaining('returned "maybe"') });
  });
});
