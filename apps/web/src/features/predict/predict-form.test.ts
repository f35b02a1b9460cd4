import { describe, expect, it } from "vitest";
import { checkPredictForm } from "./predict-form";

const model = { name: "model.onnx", size: 2048 };
const data = { name: "new.tsv", size: 100 };

describe("checkPredictForm", () => {
  it("accepts a model and a data file, reading the data format from its name and defaulting to CSV output", () => {
    expect(checkPredictForm({ model, data, format: null }, 4096)).toEqual({ ok: true, form: { model, data, dataFormat: "tsv", outputFormat: "csv" } });
    expect(checkPredictForm({ model, data: { name: "x.JSONL", size: 5 }, format: "jsonl", idField: " id " }, 4096)).toMatchObject({
      ok: true,
      form: { dataFormat: "jsonl", outputFormat: "jsonl", idField: "id" },
    });
  });

  it("names what is wrong", () => {
    expect(checkPredictForm({ model: "text", data }, 4096)).toEqual({ ok: false, error: expect.stringMatching(/needs a `model` file/) });
    expect(checkPredictForm({ model, data: null }, 4096)).toEqual({ ok: false, error: expect.stringMatching(/needs a `data` file/) });
    expect(checkPredictForm({ model: { name: "model.pt", size: 9 }, data }, 4096)).toEqual({ ok: false, error: "model.pt: the model must be an .onnx file" });
    expect(checkPredictForm({ model, data: { name: "rows.xlsx", size: 9 } }, 4096)).toEqual({
      ok: false,
      error: "rows.xlsx: the data must be a .csv, .tsv or .jsonl file",
    });
    expect(checkPredictForm({ model, data: { name: "e.csv", size: 0 } }, 4096)).toEqual({ ok: false, error: "e.csv is empty" });
    expect(checkPredictForm({ model, data }, 1024)).toEqual({ ok: false, error: "model.onnx is 2.0 KiB; the limit is 1.0 KiB", tooLarge: true });
    expect(checkPredictForm({ model, data: { name: "big.csv", size: 2 ** 20 + 9000 } }, 2 ** 20)).toMatchObject({
      error: "big.csv is 1.01 MiB; the limit is 1.00 MiB",
    });
    expect(checkPredictForm({ model, data, format: "xml" }, 4096)).toEqual({ ok: false, error: 'format must be csv or jsonl, got "xml"' });
  });

  it("leaves the model out only when the project has a trained model to use instead", () => {
    const untouched = { name: "", size: 0 };
    expect(checkPredictForm({ model: untouched, data }, 4096, { allowNoModel: true })).toEqual({
      ok: true,
      form: { model: null, data, dataFormat: "tsv", outputFormat: "csv" },
    });
    expect(checkPredictForm({ model: null, data }, 4096, { allowNoModel: true })).toMatchObject({ ok: true, form: { model: null } });
    expect(checkPredictForm({ model, data }, 4096, { allowNoModel: true })).toMatchObject({ ok: true, form: { model } });
    expect(checkPredictForm({ model: untouched, data }, 4096)).toMatchObject({ ok: false, error: expect.stringMatching(/the model must be an .onnx file/) });
    expect(checkPredictForm({ model: null, data }, 4096)).toEqual({ ok: false, error: expect.stringMatching(/needs a `model` file/) });
  });

  it("reads the column mapping (model input -> data column), dropping identity entries and naming bad JSON", () => {
    expect(checkPredictForm({ model, data, inputColumns: '{"text":" body ","title":"title"}' }, 4096)).toMatchObject({
      ok: true,
      form: { inputColumns: { text: "body" } },
    });
    expect(checkPredictForm({ model, data, inputColumns: '{"text":"text"}' }, 4096)).toEqual({
      ok: true,
      form: { model, data, dataFormat: "tsv", outputFormat: "csv" },
    });
    expect(checkPredictForm({ model, data, inputColumns: "text=body" }, 4096)).toEqual({
      ok: false,
      error: 'inputColumns must be JSON like {"text": "body"} (model input -> data column), got "text=body"',
    });
    expect(checkPredictForm({ model, data, inputColumns: '{"text":""}' }, 4096)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/map each model input to a column name/),
    });
  });
});
