import { describe, expect, it } from "vitest";
import { parseApplyProgramsPayload } from "./apply-programs-payload";
import { QUEUES } from "./job-registry";
import { applyProgramsJobId, cancelChannel, parseCancelMessage } from "./cancel-channel";

describe("apply-programs payload", () => {
  it("accepts ids and rejects data or missing ids, naming the field", () => {
    const ok = { projectId: "p1", runId: "r_1", datasetId: "d-1", actorId: "u1" };
    expect(parseApplyProgramsPayload(ok)).toEqual({ ...ok, mode: "apply" });
    expect(parseApplyProgramsPayload({ ...ok, mode: "rescore" }).mode).toBe("rescore");
    expect(() => parseApplyProgramsPayload({ ...ok, mode: "refit-everything" })).toThrow(/mode/);
    expect(() => parseApplyProgramsPayload({ projectId: "p1", runId: "r1" })).toThrow(/datasetId/);
    expect(() => parseApplyProgramsPayload({ ...ok, rows: [1, 2] })).toThrow(/rows/);
    expect(() => parseApplyProgramsPayload({ ...ok, runId: "a b" })).toThrow(/runId/);
    expect(QUEUES.applyPrograms).toBe("apply-programs");
  });
});

describe("cancel messages", () => {
  it("round-trip through JSON and reject malformed input", () => {
    expect(cancelChannel("apply-programs", "t1")).toBe("t1:apply-programs:cancel");
    expect(parseCancelMessage(JSON.stringify({ jobId: "r1" }))).toEqual({ jobId: "r1", reason: "cancelled" });
    expect(parseCancelMessage("{not json")).toBeNull();
    expect(parseCancelMessage(JSON.stringify({ reason: "x" }))).toBeNull();
    expect(() => applyProgramsJobId("a:b")).toThrow(/a:b/);
  });
});

describe("apply-chunk payload", () => {
  it("takes ids and a chunk index, and names the chunk's BullMQ job after run, generation and chunk", async () => {
    const { parseApplyChunkPayload, applyChunkJobId, applyChunkJobPrefix } = await import("./apply-chunk-payload");
    const ok = { projectId: "p1", runId: "r1", datasetId: "d1", actorId: "u1", chunkIndex: 0 };
    expect(parseApplyChunkPayload(ok)).toEqual(ok);
    expect(() => parseApplyChunkPayload({ ...ok, chunkIndex: -1 })).toThrow(/chunkIndex/);
    expect(() => parseApplyChunkPayload({ ...ok, chunkIndex: 1.5 })).toThrow(/chunkIndex/);
    expect(() => parseApplyChunkPayload({ ...ok, rows: ["a"] })).toThrow(/rows/);
    expect(applyChunkJobId("r1", 1733380000000, 7)).toBe("r1-1733380000000-7");
    expect(applyChunkJobId("r1", 5, 12).startsWith(applyChunkJobPrefix("r1", 5))).toBe(true);
    expect(() => applyChunkJobId("a:b", 1, 1)).toThrow(/a:b/);
    expect(QUEUES.applyChunk).toBe("apply-chunk");
  });
});
