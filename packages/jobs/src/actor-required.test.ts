import { describe, expect, it } from "vitest";
import { parseApplyChunkPayload } from "./apply-chunk-payload";
import { parseApplyProgramsPayload } from "./apply-programs-payload";
import { parseExportPayload } from "./export-payload";
import { parseFitLabelModelsPayload } from "./fit-label-models-payload";
import { parseGenerateProgramsPayload } from "./generate-programs-payload";
import { parseImportDatasetPayload } from "./import-dataset-payload";
import { parsePredictPayload } from "./predict-payload";
import { parsePreviewUploadPayload } from "./preview-upload-payload";
import { QUEUES, parseJobPayload, type QueueName } from "./job-registry";
import { parseRefineProgramPayload } from "./refine-program-payload";
import { parseReviewOrderPayload } from "./review-order-payload";
import { parseRunDiffPayload } from "./run-diff-payload";
import { parseTrainModelPayload } from "./train-model-payload";
import { parseTryProgramPayload } from "./try-program-payload";

const upload = "0b6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f40";
const upload2 = "1c6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f41";

/** A valid payload of every queue, with its parser: a queue added to QUEUES must be added here. */
const CASES: Record<QueueName, { parse: (data: unknown) => unknown; payload: Record<string, unknown> }> = {
  "apply-programs": { parse: parseApplyProgramsPayload, payload: { projectId: "p1", runId: "r1", datasetId: "d1" } },
  "apply-chunk": { parse: parseApplyChunkPayload, payload: { projectId: "p1", runId: "r1", datasetId: "d1", chunkIndex: 3 } },
  "import-dataset": {
    parse: parseImportDatasetPayload,
    payload: { projectId: "p1", uploadId: upload, format: "csv", fileName: "a.csv", name: "a", mapping: { input: ["text"] } },
  },
  "try-program": { parse: parseTryProgramPayload, payload: { projectId: "p1", language: "python", functionName: "f", source: "def f(x):\n  return -1" } },
  "preview-upload": { parse: parsePreviewUploadPayload, payload: { uploadId: upload, format: "csv", fileName: "a.csv" } },
  "generate-programs": { parse: parseGenerateProgramsPayload, payload: { projectId: "p1", generationRequestId: "g1" } },
  predict: {
    parse: parsePredictPayload,
    payload: { projectId: "p1", modelUploadId: upload, dataUploadId: upload2, dataFormat: "csv", dataFileName: "new.csv" },
  },
  "refine-program": {
    parse: parseRefineProgramPayload,
    payload: { projectId: "p1", programId: "pr1", refinementId: "rf1", instruction: "abstain on empty text" },
  },
  "fit-label-models": { parse: parseFitLabelModelsPayload, payload: { projectId: "p1", runId: "r1" } },
  "train-model": { parse: parseTrainModelPayload, payload: { projectId: "p1", runId: "r1", trainedModelId: "m1" } },
  export: { parse: parseExportPayload, payload: { projectId: "p1", exportId: upload, runId: "r1", format: "csv" } },
  "review-order": { parse: parseReviewOrderPayload, payload: { projectId: "p1", runId: "r1", kind: "conflict" } },
  "run-diff": { parse: parseRunDiffPayload, payload: { projectId: "p1", runAId: "r1", runBId: "r2" } },
  "rescore-images": { parse: (data) => parseJobPayload("rescore-images", data), payload: { projectId: "p1", datasetId: "d1", concepts: ["a red circle"] } },
  "propose-concepts": { parse: (data) => parseJobPayload("propose-concepts", data), payload: { projectId: "p1", provider: "openai", model: "gpt-4o-mini" } },
  "improve-round": { parse: (data) => parseJobPayload("improve-round", data), payload: { projectId: "p1", improvementRoundId: "i1" } },
  sweep: { parse: (data) => parseJobPayload("sweep", data), payload: { projectId: "p1", sweepId: "s1" } },
};

describe("every job payload names its actor", () => {
  it("covers every queue", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.values(QUEUES).sort());
  });

  for (const [queue, { parse, payload }] of Object.entries(CASES)) {
    it(`${queue}: accepted with an actorId, rejected without one or with a bad one`, () => {
      expect(parse({ ...payload, actorId: "user_1" })).toMatchObject({ actorId: "user_1" });
      expect(() => parse(payload)).toThrow(new RegExp(`invalid ${queue} payload: actorId: every job names the user it acts for`));
      expect(() => parse({ ...payload, actorId: "" })).toThrow(/actorId/);
      expect(() => parse({ ...payload, actorId: "../admin" })).toThrow(/actorId: ids are/);
      expect(() => parse({ ...payload, actorId: 42 })).toThrow(/actorId: actorId must be a user id/);
    });
  }
});
