// Scratch evaluator (never product code): synthesizes JavaScript programs, runs them with
// `new Function`, and reports per-program and majority-vote quality on a held-out test split.
// Usage: npx tsx packages/engine/scripts/synth-eval/eval.ts <sms|youtube|spamassassin> [seed] [--py] [--max=N]
import { execFileSync } from "node:child_process";
import { seededShuffle } from "../../src/random/seeded-shuffle";
import { synthesizePrograms } from "../../src/synth/synthesize-programs";
import type { TaskSpec } from "../../src/core/task";
import { loadSms, loadSpamAssassin, loadYoutube, type LabeledSet } from "./load-sets";

const [which = "sms", seedArg = "1", ...flags] = process.argv.slice(2);
const set: LabeledSet = which === "youtube" ? loadYoutube() : which === "spamassassin" ? loadSpamAssassin() : loadSms();
const rngSeed = Number(seedArg);
const order = seededShuffle([...set.texts.keys()], rngSeed);
const nTrain = Math.floor(0.7 * order.length),
  nDev = Math.floor(0.1 * order.length);
const train = order.slice(0, nTrain),
  dev = order.slice(nTrain, nTrain + nDev),
  test = order.slice(nTrain + nDev);
const seedRows = dev.slice(0, set.seedSize);
const task: TaskSpec = {
  name: set.name,
  description: "spam or not",
  input: "text",
  language: "javascript",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};
const maxFlag = flags.find((f) => f.startsWith("--max="));
const args = {
  maxPrograms: maxFlag ? Number(maxFlag.slice(6)) : undefined,
  task,
  seed: { texts: seedRows.map((i) => set.texts[i]!), labels: seedRows.map((i) => set.labels[i]!) },
  unlabeled: train.map((i) => set.texts[i]!),
  rngSeed,
};
const t0 = Date.now();
const programs = synthesizePrograms({ ...args, language: "javascript" });
console.log(
  `${set.name}: ${programs.length} programs in ${Date.now() - t0} ms; seed spam ${args.seed.labels.filter((l) => l === 1).length}/${seedRows.length}`,
);
const fns = programs.map((p) => new Function(`${p.source}\nreturn ${p.functionName};`)() as (t: string) => number);
const votes = fns.map((f) => test.map((i) => f(set.texts[i]!)));
programs.forEach((p, j) => {
  const fired = test.filter((_, r) => votes[j]![r] !== -1);
  const right = test.filter((i, r) => votes[j]![r] === set.labels[i]).length;
  console.log(
    `  ${p.name.padEnd(40)} cov ${(fired.length / test.length).toFixed(3)} prec ${(right / Math.max(1, fired.length)).toFixed(3)}  | ${p.description}`,
  );
});
const seedMajority = args.seed.labels.filter((l) => l === 1).length * 2 > seedRows.length ? 1 : 0;
let covered = 0,
  tp = 0,
  fp = 0,
  fn = 0,
  tpFill = 0,
  fpFill = 0,
  fnFill = 0,
  correct = 0;
test.forEach((i, r) => {
  const tally = [0, 0];
  for (const v of votes) if (v[r]! >= 0) tally[v[r]!]!++;
  const pred = tally[0] === tally[1] ? -1 : tally[1]! > tally[0]! ? 1 : 0;
  const gold = set.labels[i]!;
  if (pred >= 0) covered++;
  if (pred === gold) correct++;
  if (pred === 1 && gold === 1) tp++;
  if (pred === 1 && gold !== 1) fp++;
  if (pred !== 1 && gold === 1) fn++;
  const filled = pred >= 0 ? pred : seedMajority;
  if (filled === 1 && gold === 1) tpFill++;
  if (filled === 1 && gold !== 1) fpFill++;
  if (filled !== 1 && gold === 1) fnFill++;
});
const f1 = (a: number, b: number, c: number): string => ((2 * a) / Math.max(1, 2 * a + b + c)).toFixed(3);
console.log(
  `  MV test n=${test.length}: coverage ${(covered / test.length).toFixed(3)} acc(covered) ${(correct / Math.max(1, covered)).toFixed(3)} F1(spam, abstain=wrong) ${f1(tp, fp, fn)} F1(uncovered->${seedMajority}) ${f1(tpFill, fpFill, fnFill)} P ${(tp / Math.max(1, tp + fp)).toFixed(3)} R ${(tp / Math.max(1, tp + fn)).toFixed(3)}`,
);

if (flags.includes("--py")) {
  const py = synthesizePrograms({ ...args, language: "python" });
  const sample = test
    .slice(0, 1000)
    .map((i) => set.texts[i]!)
    .concat(["", "FREE!!! £100 call 09061701461", "İK ς", "😀 WIN $5 www.x.com"]);
  const script = `import json,sys\nd=json.load(sys.stdin)\nout=[]\nfor src in d["sources"]:\n    g={}\n    exec(src,g)\n    f=g["label_function"]\n    out.append([f(t) for t in d["texts"]])\nprint(json.dumps(out))`;
  const pyOut = JSON.parse(
    execFileSync("python3", ["-c", script], { input: JSON.stringify({ sources: py.map((p) => p.source), texts: sample }), maxBuffer: 1 << 28 }).toString(),
  ) as number[][];
  let diffs = 0;
  fns.forEach((f, j) =>
    sample.forEach((t, r) => {
      if (f(t) !== pyOut[j]![r]) {
        diffs++;
        if (diffs < 5) console.log(`  DIFF ${programs[j]!.name} on ${JSON.stringify(t.slice(0, 80))}`);
      }
    }),
  );
  console.log(
    `  python/js equivalence: ${py.length} programs x ${sample.length} texts, ${diffs} differences; names equal: ${py.map((p) => p.name).join() === programs.map((p) => p.name).join()}`,
  );
}
