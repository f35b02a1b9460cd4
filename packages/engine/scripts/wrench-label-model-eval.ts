// Fits every registered label model on a WRENCH dataset's train votes exactly as WRENCH's
// benchmark does (class balance (dev counts + 1) / n_dev, sha1 tie-break) and scores test.
import { subsetRows } from "../src/core/subset-rows";
import { LABEL_MODELS } from "../src/label-models/label-model-registry";
import { probsToPreds } from "../src/label-models/probs-to-preds";
import { wrenchClassBalance } from "../src/label-models/wrench-class-balance";
import { evaluatePredictions } from "../src/metrics/evaluate-predictions";
import { readWrench } from "../src/node/datasets/read-wrench";

export interface WrenchEvalLine {
  readonly dataset: string;
  readonly model: string;
  readonly accuracy: number;
  readonly f1: number;
  /** Seeds averaged over (seeded models only). */
  readonly seeds?: number;
  readonly fitMs: number;
}

export const WRENCH_DATASETS: readonly { name: string; dir: string }[] = [
  { name: "youtube", dir: "youtube/wrench_1686_with_dev" },
  { name: "sms", dir: "sms/wrench" },
  { name: "trec", dir: "trec/wrench" },
];

const SEEDED = new Set(["snorkel"]);
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** One line per registered model on one WRENCH dataset folder (`root/dir`). */
export async function evalWrenchDataset(root: string, dataset: { name: string; dir: string }, models?: readonly string[]): Promise<WrenchEvalLine[]> {
  const ds = await readWrench(`${root}/${dataset.dir}`);
  const L = ds.importedVotes!.L;
  const k = ds.classNames!.length;
  const rows = (split: string): number[] => ds.rows.flatMap((r, i) => (r.split === split ? [i] : []));
  const [train, dev, test] = [rows("train"), rows("dev"), rows("test")];
  const balance = wrenchClassBalance(
    dev.map((i) => ds.rows[i]!.gold ?? -1),
    k,
  );
  const [Ltrain, Ltest] = [subsetRows(L, train), subsetRows(L, test)];
  const gold = test.map((i) => ds.rows[i]!.gold ?? -1);
  const out: WrenchEvalLine[] = [];
  for (const entry of LABEL_MODELS.filter((e) => !models || models.includes(e.name))) {
    const seeds = SEEDED.has(entry.name) ? [0, 1, 2, 3, 4] : [0];
    let [accuracy, f1, fitMs] = [0, 0, 0];
    for (const seed of seeds) {
      const t0 = performance.now();
      const model = entry.create({ snorkelEpochs: 300 }).fit(Ltrain, { k, seed, ...(entry.usesClassBalance ? { classBalance: balance } : {}) });
      fitMs += performance.now() - t0;
      const scores = evaluatePredictions(gold, probsToPreds(model.predictProba(Ltest)), k);
      [accuracy, f1] = [accuracy + scores.accuracy / seeds.length, f1 + scores.f1 / seeds.length];
    }
    out.push({
      dataset: dataset.name,
      model: entry.name,
      accuracy: round(accuracy),
      f1: round(f1),
      ...(seeds.length > 1 ? { seeds: seeds.length } : {}),
      fitMs: Math.round(fitMs / seeds.length),
    });
  }
  return out;
}
