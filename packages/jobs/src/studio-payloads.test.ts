import { describe, expect, it } from "vitest";
import { parseImportDatasetPayload, uploadFileName } from "./import-dataset-payload";
import { parseTryProgramPayload } from "./try-program-payload";
import { QUEUES } from "./job-registry";

const upload = "0b6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f40";
const ok = { projectId: "p1", uploadId: upload, format: "csv", fileName: "sms.csv", name: "sms", mapping: { input: ["text"] }, actorId: "u1" };

describe("import-dataset payload", () => {
  it("defaults class names and seed, and names bad fields", () => {
    expect(parseImportDatasetPayload(ok)).toEqual({ ...ok, encoding: "auto", header: true, images: false, classNames: [], seed: 42 });
    expect(() => parseImportDatasetPayload({ ...ok, mapping: { input: ["text"], label: "label" } })).toThrow(/classNames: a gold label field needs at least 2/);
    expect(() => parseImportDatasetPayload({ ...ok, uploadId: "../etc/passwd" })).toThrow(/uploadId/);
    expect(() => parseImportDatasetPayload({ ...ok, mapping: { input: [] } })).toThrow(/mapping.input/);
    expect(() => parseImportDatasetPayload({ ...ok, rows: [] })).toThrow(/import-dataset payload/);
    expect(uploadFileName(upload, "tsv")).toBe(`${upload}.tsv`);
    expect(() => uploadFileName("a/b", "csv")).toThrow(/UUID/);
    expect(QUEUES.importDataset).toBe("import-dataset");
  });
});

describe("try-program payload", () => {
  it("caps the source and checks the function name", () => {
    const base = { projectId: "p1", actorId: "u1", language: "python", functionName: "label_function", source: "def label_function(x):\n  return -1" };
    expect(parseTryProgramPayload(base).rows).toBe(20);
    expect(() => parseTryProgramPayload({ ...base, source: "x".repeat(100_001) })).toThrow(/100,000/);
    expect(() => parseTryProgramPayload({ ...base, functionName: "a b" })).toThrow(/functionName/);
    expect(() => parseTryProgramPayload({ ...base, language: "ruby" })).toThrow(/language/);
  });
});
