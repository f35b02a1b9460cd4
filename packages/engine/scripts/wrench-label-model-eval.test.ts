import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LABEL_MODELS } from "../src/label-models/label-model-registry";
import { WRENCH_DATASETS, evalWrenchDataset, type WrenchEvalLine } from "./wrench-label-model-eval";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const root = resolve(repoRoot, "../shared/datasets");
const present = WRENCH_DATASETS.slice(0, 2).every((d) => existsSync(join(root, d.dir, "train.json")));
if (!present) console.warn(`WRENCH reference numbers not checked: ${root} (the shared datasets) is absent`);

const line = (lines: WrenchEvalLine[], model: string): WrenchEvalLine => lines.find((l) => l.model === model)!;

describe.skipIf(!present)("label models against the published WRENCH runs (../shared/datasets)", () => {
  it("YouTube: MV 84.00, WMV 78.00, Dawid-Skene 83.20 accuracy exactly; FlyingSquid within 1.5 of 76.40", async () => {
    const lines = await evalWrenchDataset(root, WRENCH_DATASETS[0]!, ["mv", "wmv", "dawid-skene", "flyingsquid"]);
    expect(line(lines, "mv").accuracy).toBe(0.84);
    expect(line(lines, "wmv").accuracy).toBe(0.78);
    expect(line(lines, "dawid-skene").accuracy).toBe(0.832);
    expect(Math.abs(line(lines, "flyingsquid").accuracy - 0.764)).toBeLessThanOrEqual(0.015);
  });

  it("SMS: MV 23.97, WMV 23.97, Dawid-Skene 4.94 spam F1 exactly", async () => {
    const lines = await evalWrenchDataset(root, WRENCH_DATASETS[1]!, ["mv", "wmv", "dawid-skene"]);
    expect(line(lines, "mv").f1).toBe(0.2397);
    expect(line(lines, "wmv").f1).toBe(0.2397);
    expect(line(lines, "dawid-skene").f1).toBe(0.0494);
  });

  it.skipIf(!LABEL_MODELS.some((e) => e.name === "snorkel"))("YouTube: Snorkel-style model (300 epochs, mean of 5 seeds) within 1.5 of 85.20", async () => {
    const [snorkel] = await evalWrenchDataset(root, WRENCH_DATASETS[0]!, ["snorkel"]);
    expect(Math.abs(snorkel!.accuracy - 0.852)).toBeLessThanOrEqual(0.015);
  });
});
