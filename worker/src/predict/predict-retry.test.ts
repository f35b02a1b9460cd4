import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportModelOnnx, MlpClassifier, RowFeaturizer } from "@alchemist/engine";
import { UploadId, modelUploadFileName, uploadFileName } from "@alchemist/jobs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mlpParamsFromJson } from "../../../packages/engine/src/models/mlp-json";
import { predictResultId, predictService } from "./predict-service";

const texts = ["free prize now", "win a free phone", "claim your prize", "see you at lunch", "call me later", "ok thanks"];
let dir: string;

function tinyModel(): Uint8Array {
  const featurizer = RowFeaturizer.fit(texts, { tfidf: { dimension: 64 } });
  const mlp = new MlpClassifier({ inputSize: featurizer.dimension, k: 2, hidden: [4], epochs: 10, seed: 1 });
  mlp.fit(featurizer.transform(texts), { n: texts.length, k: 2, values: new Float64Array(texts.map((_, i) => (i < 3 ? [0.1, 0.9] : [0.9, 0.1])).flat()) });
  return exportModelOnnx({
    params: mlpParamsFromJson(mlp.toJSON()).params,
    features: featurizer.toJSON(),
    classNames: ["ham", "spam"],
    input: "text",
    taskName: "sms",
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-predict-retry-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("predict after a killed attempt", () => {
  it("derives one valid result id per input pair, so the retry replaces the dead attempt's .part and leaves none", async () => {
    const payload = {
      projectId: "p1",
      modelUploadId: randomUUID(),
      dataUploadId: randomUUID(),
      dataFormat: "csv" as const,
      dataFileName: "new.csv",
      modelFileName: "sms.onnx",
      idField: "id",
      outputFormat: "csv" as const,
      actorId: "u1",
    };
    const id = predictResultId(payload);
    expect(UploadId.parse(id)).toBe(id);
    expect(predictResultId({ ...payload })).toBe(id);
    expect(predictResultId({ ...payload, dataUploadId: randomUUID() })).not.toBe(id);
    await writeFile(join(dir, modelUploadFileName(payload.modelUploadId)), tinyModel());
    await writeFile(
      join(dir, uploadFileName(payload.dataUploadId, "csv")),
      ["id,text", ...Array.from({ length: 30 }, (_, i) => `n${i},${texts[i % texts.length]}`)].join("\n"),
    );
    // what a SIGKILLed first attempt leaves: a partial labels file longer than the real one
    await writeFile(join(dir, `${uploadFileName(id, "csv")}.part`), "id,label,p_ham,p_spam\r\n" + "junk,spam,0,1\r\n".repeat(100));
    const result = await predictService(payload, { uploadDir: dir, report: async () => {}, chunkRows: 7 });
    expect(result).toMatchObject({ resultUploadId: id, rows: 30 });
    expect(await readdir(dir)).toEqual([uploadFileName(id, "csv")]);
    const lines = (await readFile(join(dir, uploadFileName(id, "csv")), "utf8")).trim().split(/\r?\n/);
    expect(lines).toHaveLength(31);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`));
  });
});
