import { describe, expect, it } from "vitest";
import { parseGenerateProgramsPayload, parseGenerationParams } from "./generate-programs-payload";
import { QUEUES } from "./job-registry";

describe("generate-programs payload", () => {
  it("carries ids only and rejects anything else (no keys, no data)", () => {
    expect(parseGenerateProgramsPayload({ projectId: "p1", generationRequestId: "g1", actorId: "u1" })).toEqual({
      projectId: "p1",
      generationRequestId: "g1",
      actorId: "u1",
    });
    expect(() => parseGenerateProgramsPayload({ projectId: "p1", generationRequestId: "g1", actorId: "u1", apiKey: "sk-x" })).toThrow(
      /generate-programs payload: \(payload\): Unrecognized key/,
    );
    expect(() => parseGenerateProgramsPayload({ projectId: "p1", generationRequestId: "../x", actorId: "u1" })).toThrow(/generationRequestId/);
    expect(QUEUES.generatePrograms).toBe("generate-programs");
  });

  it("fills generation defaults and names bad params", () => {
    expect(parseGenerationParams(undefined)).toMatchObject({ temperatures: [0.7], repairRounds: 2, maxTokens: 1500, minCoverage: 0.1, seed: 42 });
    expect(parseGenerationParams({ temperatures: [0.2, 1.1], repairRounds: 0 })).toMatchObject({ temperatures: [0.2, 1.1], repairRounds: 0 });
    expect(() => parseGenerationParams({ temperatures: [3] })).toThrow(/invalid generation-request payload: temperatures.0: Too big/);
    expect(() => parseGenerationParams({ repairRounds: 9 })).toThrow(/repairRounds/);
    expect(() => parseGenerationParams({ budget: 1 })).toThrow(/Unrecognized key/);
  });
});
