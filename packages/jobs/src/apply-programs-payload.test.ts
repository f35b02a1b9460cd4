import { describe, expect, it } from "vitest";
import { parseApplyProgramsPayload } from "./apply-programs-payload";
import { QUEUES } from "./queues";
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
