// `npm run eval:labelmodels [-- --root ../shared/datasets] [--models mv,wmv]`: one JSON line per
// WRENCH dataset and label model with test accuracy and F1 (binary F1 of class 1 for YouTube and
// SMS, macro F1 for TREC), to compare with the published WRENCH runs.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { WRENCH_DATASETS, evalWrenchDataset } from "./wrench-label-model-eval";

const { values } = parseArgs({ options: { root: { type: "string", default: "../shared/datasets" }, models: { type: "string" } } });
const root = resolve(values.root!);
if (!existsSync(root)) {
  console.error(`eval:labelmodels: ${root} does not exist; pass --root <folder with youtube/, sms/, trec/>`);
  process.exit(2);
}
const models = values.models?.split(",").map((s) => s.trim());
for (const dataset of WRENCH_DATASETS) {
  for (const line of await evalWrenchDataset(root, dataset, models)) console.log(JSON.stringify(line));
}
