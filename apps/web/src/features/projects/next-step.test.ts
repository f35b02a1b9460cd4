import { describe, expect, it } from "vitest";
import { nextStep } from "./next-step";

const start = { datasets: 0, classes: 0, programs: 0, hasRun: false, hasTrainedModel: false };

describe("nextStep", () => {
  it("walks the workflow in order", () => {
    expect(nextStep(start).key).toBe("import");
    expect(nextStep({ ...start, datasets: 1 }).key).toBe("task");
    expect(nextStep({ ...start, datasets: 1, classes: 2 }).key).toBe("programs");
    expect(nextStep({ ...start, datasets: 1, classes: 2, programs: 3 })).toMatchObject({ key: "apply", path: null });
    expect(nextStep({ ...start, datasets: 1, classes: 2, programs: 3, hasRun: true })).toMatchObject({ key: "train", path: "/train" });
    expect(nextStep({ datasets: 1, classes: 2, programs: 3, hasRun: true, hasTrainedModel: true })).toMatchObject({ key: "deliver", path: "/predict" });
  });

  it("asks for data before anything else, even when programs exist", () => {
    expect(nextStep({ ...start, programs: 4, classes: 2 }).key).toBe("import");
  });
});
