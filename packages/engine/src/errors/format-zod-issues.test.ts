import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatZodIssues } from "./format-zod-issues";

describe("formatZodIssues", () => {
  const schema = z.object({ n: z.number(), inner: z.object({ name: z.string().min(2) }) });

  it("joins every issue as path: message, naming a path-less issue by `root`", () => {
    const error = schema.safeParse({ n: "x", inner: { name: "a" } }).error!;
    expect(formatZodIssues(error)).toBe(`n: ${error.issues[0]!.message}; inner.name: ${error.issues[1]!.message}`);
    expect(formatZodIssues(error, { first: true })).toBe(`n: ${error.issues[0]!.message}`);
    const root = schema.safeParse(null).error!;
    expect(formatZodIssues(root, { root: "body" })).toMatch(/^body: /);
    expect(formatZodIssues(root)).toMatch(/^input: /);
  });

  it("names array positions and says invalid when there is no issue", () => {
    const error = z.array(z.number()).safeParse([1, "2"]).error!;
    expect(formatZodIssues(error)).toMatch(/^1: /);
    expect(formatZodIssues({ issues: [] }, { root: "payload" })).toBe("payload: invalid");
  });
});
