import { describe, expect, it } from "vitest";
import { QUEUES } from "./job-registry";
import { parseReviewOrderPayload, reviewOrderJobId } from "./review-order-payload";
import { parseRunDiffPayload, runDiffJobId } from "./run-diff-payload";

describe("review-order and run-diff payloads", () => {
  it("carry ids and a kind, nothing else", () => {
    expect(parseReviewOrderPayload({ projectId: "p1", runId: "r1", kind: "uncertainty", actorId: "u1" })).toEqual({
      projectId: "p1",
      runId: "r1",
      kind: "uncertainty",
      actorId: "u1",
    });
    expect(() => parseReviewOrderPayload({ projectId: "p1", runId: "r1", kind: "random", actorId: "u1" })).toThrow(/invalid review-order payload: kind/);
    expect(() => parseRunDiffPayload({ projectId: "p1", runAId: "a", runBId: "b", actorId: "u1", rows: [1] })).toThrow(
      /run-diff payload: \(payload\): Unrecognized key/,
    );
    expect([QUEUES.reviewOrder, QUEUES.runDiff]).toEqual(["review-order", "run-diff"]);
  });

  it("name one job per version of their inputs", () => {
    expect(reviewOrderJobId("r1", "conflict", null)).toBe("review-order-r1-conflict-0");
    expect(reviewOrderJobId("r1", "uncertainty", 1764900000123)).toBe("review-order-r1-uncertainty-1764900000123");
    expect(() => reviewOrderJobId("r:1", "conflict", null)).toThrow(/ids are/);
    expect(() => reviewOrderJobId("r1", "conflict", 1.5)).toThrow(/epoch milliseconds, got 1.5/);
    expect(runDiffJobId("a", "b", 1, 2)).toBe("run-diff-a-b-1-2");
    expect(() => runDiffJobId("a", "b", -1, 2)).toThrow(/got -1/);
  });
});
