import { describe, expect, it } from "vitest";
import { chosenLabelModelScores, parseDiffQuery } from "./run-summary";

describe("chosenLabelModelScores", () => {
  it("finds the chosen label model's dev and test scores", () => {
    const metrics = {
      labelModel: { name: "dawid-skene", reason: "best dev F1" },
      labelModels: [
        { name: "mv", chosen: false, dev: { accuracy: 0.8, f1: 0.75, ece: 0.1, coverage: 0.6 }, test: { accuracy: 0.5, f1: 0.6 }, fitMs: 1 },
        { name: "dawid-skene", chosen: true, dev: { accuracy: 0.9, f1: 0.83, ece: 0.1, coverage: 0.6 }, test: { accuracy: 0.7, f1: 0.8 }, fitMs: 2 },
      ],
    };
    expect(chosenLabelModelScores(metrics)).toEqual({ name: "dawid-skene", dev: { accuracy: 0.9, f1: 0.83 }, test: { accuracy: 0.7, f1: 0.8 } });
  });

  it("returns null without a fitted label model or for malformed metrics", () => {
    expect(chosenLabelModelScores(null)).toBeNull();
    expect(chosenLabelModelScores({ labelModel: null, labelModels: [] })).toBeNull();
    expect(chosenLabelModelScores({ labelModels: "x" })).toBeNull();
  });
});

describe("parseDiffQuery", () => {
  it("needs two distinct well-formed run ids", () => {
    expect(parseDiffQuery({ a: "r1", b: "r2" })).toEqual({ ok: true, a: "r1", b: "r2" });
    expect(parseDiffQuery({ a: "r1" })).toMatchObject({ ok: false });
    expect(parseDiffQuery({ a: "r1", b: "r1" })).toEqual({ ok: false, error: "Pick two different runs to compare." });
    expect(parseDiffQuery({ a: ["r1", "r2"], b: "r3" })).toMatchObject({ ok: false });
    expect(parseDiffQuery({ a: "../x", b: "r3" })).toMatchObject({ ok: false });
  });
});
