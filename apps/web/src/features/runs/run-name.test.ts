import { describe, expect, it } from "vitest";
import { modelName, runName } from "./run-name";

const program = (id: string, hash: string) => ({ programId: id, programVersionId: `${id}-${hash}`, name: `p_${id}`, codeHash: hash });
const run = (programs: ReturnType<typeof program>[], extra: { settings?: unknown; dataset?: { id: string; name: string } } = {}) => ({ programs, ...extra });

describe("runName", () => {
  it("numbers the first run and counts its programs", () => {
    expect(runName(1, null, run([program("a", "1"), program("b", "1")]))).toBe("Run 1 · 2 programs");
    expect(runName(1, null, run([program("a", "1")]))).toBe("Run 1 · 1 program");
  });

  it("says which programs changed since the run before", () => {
    const before = run([program("a", "1"), program("b", "1"), program("c", "1")]);
    expect(runName(4, before, run([program("a", "2"), program("b", "2"), program("c", "1")]))).toBe("Run 4 · 2 programs edited");
    expect(runName(5, before, run([program("a", "2"), program("b", "1"), program("c", "1"), program("d", "1")]))).toBe("Run 5 · 1 program edited, 1 added");
    expect(runName(6, before, run([program("a", "1")]))).toBe("Run 6 · 2 programs removed");
    expect(runName(7, before, run([...before.programs, program("d", "1")]))).toBe("Run 7 · 1 program added");
    expect(runName(8, before, before)).toBe("Run 8 · same programs");
  });

  it("names changed run settings and another dataset, from the stored copies", () => {
    const programs = [program("a", "1")];
    const sms = { id: "d1", name: "sms" };
    const before = run(programs, { settings: null, dataset: sms });
    expect(runName(2, before, run(programs, { settings: { seed: 7 }, dataset: sms }))).toBe("Run 2 · seed 0 → 7");
    expect(runName(3, before, run([program("a", "2")], { settings: { programBudgetMs: 20_000, maxConsecutiveFaults: 0 }, dataset: sms }))).toBe(
      "Run 3 · 1 program edited, fault limit 3 → 0, budget 10 s → 20 s",
    );
    expect(runName(4, before, run(programs, { settings: null, dataset: { id: "d2", name: "sms-2026" } }))).toBe("Run 4 · dataset sms-2026");
    // settings the schema no longer reads name nothing rather than failing the page
    expect(runName(5, before, run(programs, { settings: { seed: "x" }, dataset: sms }))).toBe("Run 5 · same programs");
  });
});

describe("modelName", () => {
  it("names the run it came from", () => {
    expect(modelName(3, "Run 4 · 2 programs edited")).toBe("Model 3 · from Run 4");
    expect(modelName(1, null)).toBe("Model 1");
    expect(modelName(1, "Run 2 · 3 programs", { runId: "r2", config: { epochs: 30 } }, null)).toBe("Model 1 · from Run 2");
  });

  it("says which training settings and features changed since the model before", () => {
    const previous = { runId: "r4", config: { epochs: 30, hidden: [32, 32], seed: 42, tfidfDimension: 65536, featurizer: { text: {}, tabularColumns: null } } };
    expect(modelName(3, "Run 4 · x", { runId: "r4", config: { ...previous.config, epochs: 50, hidden: [64] } }, previous)).toBe(
      "Model 3 · from Run 4, epochs 30 → 50, hidden 32×32 → 64",
    );
    expect(modelName(3, "Run 5 · x", { runId: "r5", config: { ...previous.config, featurizer: { image: { features: "embeddings" } } } }, previous)).toBe(
      "Model 3 · from Run 5, features text → embeddings",
    );
    expect(modelName(3, "Run 5 · x", { runId: "r5", config: previous.config }, previous)).toBe("Model 3 · from Run 5");
    expect(modelName(3, "Run 4 · x", { runId: "r4", config: previous.config }, previous)).toBe("Model 3 · from Run 4, same run and settings");
    const image = { runId: "r6", config: { epochs: 30, featurizer: { image: { features: "embeddings" } } } };
    expect(modelName(4, "Run 6 · x", { runId: "r6", config: { epochs: 30, imageFeatures: "scores" } }, image)).toBe(
      "Model 4 · from Run 6, features embeddings → scores",
    );
    // a model still queued has only the settings it was started with: nothing unknown is compared
    expect(modelName(4, "Run 4 · x", { runId: "r4", config: { epochs: 30, hidden: [32, 32], seed: 42, tfidfDimension: 65536 } }, previous)).toBe(
      "Model 4 · from Run 4, same run and settings",
    );
  });
});
