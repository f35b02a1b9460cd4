import { describe, expect, it } from "vitest";
import { enqueueTrackedJob, type TrackedJobQueue, type TrackedJobRows } from "./enqueue-tracked-job";
import { QUEUES } from "./queues";
import { parseReviewOrderPayload, reviewOrderJobId } from "./review-order-payload";
import { parseRunDiffPayload, runDiffJobId } from "./run-diff-payload";

describe("review-order and run-diff payloads", () => {
  it("carry ids and a kind, nothing else", () => {
    expect(parseReviewOrderPayload({ projectId: "p1", runId: "r1", kind: "uncertainty", actorId: "u1" })).toEqual({ projectId: "p1", runId: "r1", kind: "uncertainty", actorId: "u1" });
    expect(() => parseReviewOrderPayload({ projectId: "p1", runId: "r1", kind: "random", actorId: "u1" })).toThrow(/invalid review-order payload: kind/);
    expect(() => parseRunDiffPayload({ projectId: "p1", runAId: "a", runBId: "b", actorId: "u1", rows: [1] })).toThrow(/run-diff payload: \(payload\): Unrecognized key/);
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

describe("enqueueTrackedJob", () => {
  const fakeRows = () => {
    const rows = new Map<string, { id: string; status: string; payload: object }>();
    const port: TrackedJobRows = {
      claim: async (input) => {
        const existing = rows.get(input.externalId);
        if (existing) return { id: existing.id, status: existing.status, created: false };
        const row = { id: `job${rows.size + 1}`, status: "QUEUED", payload: input.payload };
        rows.set(input.externalId, row);
        return { id: row.id, status: row.status, created: true };
      },
      fail: async (id, error) => {
        for (const row of rows.values()) if (row.id === id) Object.assign(row, { status: "FAILED", error });
      },
    };
    return { rows, port };
  };
  const queue = (name: string, fail = false) => {
    const added: { name: string; data: object; jobId: string }[] = [];
    const q: TrackedJobQueue = { name, add: async (n, data, options) => {
      if (fail) throw new Error("ECONNREFUSED 127.0.0.1:6379");
      added.push({ name: n, data, jobId: options.jobId });
    } };
    return { q, added };
  };
  const input = { projectId: "p1", runId: "r1", kind: "conflict" as const, actorId: "u1" };

  it("writes the row first, then queues the job under the same id, once", async () => {
    const { rows, port } = fakeRows();
    const { q, added } = queue("review-order");
    const first = await enqueueTrackedJob({ queue: q, rows: port }, "review-order", input, { jobId: "review-order-r1-conflict-0", runId: "r1" });
    const again = await enqueueTrackedJob({ queue: q, rows: port }, "review-order", input, { jobId: "review-order-r1-conflict-0", runId: "r1" });
    expect(first).toMatchObject({ rowId: "job1", created: true, status: "QUEUED" });
    expect(again).toMatchObject({ rowId: "job1", created: false });
    expect(added).toEqual([{ name: "review-order", data: input, jobId: "review-order-r1-conflict-0" }]);
    expect(rows.get("review-order-r1-conflict-0")!.payload).toEqual(input);
  });

  it("refuses a payload without an actor before writing anything, and marks the row FAILED when the queue is down", async () => {
    const { rows, port } = fakeRows();
    await expect(enqueueTrackedJob({ queue: queue("review-order").q, rows: port }, "review-order", { ...input, actorId: undefined } as never, { jobId: "x" })).rejects.toThrow(/actorId is missing/);
    expect(rows.size).toBe(0);
    await expect(enqueueTrackedJob({ queue: queue("run-diff").q, rows: port }, "review-order", input, { jobId: "x" })).rejects.toThrow(/given the "run-diff" queue/);
    await expect(enqueueTrackedJob({ queue: queue("review-order", true).q, rows: port }, "review-order", input, { jobId: "y" })).rejects.toThrow(/ECONNREFUSED/);
    expect(rows.get("y")).toMatchObject({ status: "FAILED", error: "could not queue the job: ECONNREFUSED 127.0.0.1:6379" });
  });
});
