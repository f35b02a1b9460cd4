import { describe, expect, it } from "vitest";
import { modelUploadFileName, parsePredictPayload } from "./predict-payload";
import { QUEUES } from "./job-registry";

const model = "0b6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f40";
const data = "1c6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f41";
const ok = { projectId: "p1", modelUploadId: model, dataUploadId: data, dataFormat: "csv", dataFileName: "new.csv", actorId: "u1" };

describe("predict payload", () => {
  it("carries upload ids and reading options, filling defaults", () => {
    expect(parsePredictPayload(ok)).toEqual({ ...ok, modelFileName: "model.onnx", outputFormat: "csv" });
    expect(parsePredictPayload({ ...ok, outputFormat: "jsonl", idField: "id", columns: ["id", "text"] })).toMatchObject({
      outputFormat: "jsonl",
      columns: ["id", "text"],
    });
    expect(QUEUES.predict).toBe("predict");
  });

  it("rejects path-like ids, rows and unknown formats, naming the field", () => {
    expect(() => parsePredictPayload({ ...ok, modelUploadId: "../../etc/passwd" })).toThrow(/invalid predict payload: modelUploadId: upload ids are UUIDs/);
    expect(() => parsePredictPayload({ ...ok, dataUploadId: `${data}/../x` })).toThrow(/dataUploadId/);
    expect(() => parsePredictPayload({ ...ok, rows: [{ text: "hi" }] })).toThrow(/Unrecognized key/);
    expect(() => parsePredictPayload({ ...ok, outputFormat: "xlsx" })).toThrow(/outputFormat/);
    expect(modelUploadFileName(model)).toBe(`${model}.onnx`);
    expect(() => modelUploadFileName("../model")).toThrow(/UUID/);
  });
});
