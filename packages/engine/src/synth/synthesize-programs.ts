import type { Program } from "../core/program";
import type { ProgramLanguage, TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import { seededShuffle } from "../random/seeded-shuffle";
import { buildCueTable } from "./cue-table";
import { emNaiveBayes } from "./em-naive-bayes";
import { describePlan, planStem } from "./program-plan";
import { renderProgram } from "./render-program";
import { selectPrograms } from "./select-programs";
import { candidateHeuristics } from "./text-cues";

export type SynthesizedProgram = Program & { readonly description: string };

export interface SynthesizeOptions {
  readonly task: TaskSpec;
  readonly seed: { readonly texts: readonly string[]; readonly labels: readonly number[] };
  readonly unlabeled: readonly string[];
  readonly language: ProgramLanguage;
  readonly maxPrograms?: number;
  readonly rngSeed: number;
}

/** Texts beyond this many are subsampled (seeded) for mining; programs still run on all. */
const MAX_UNLABELED = 20_000;
/** Mining reads at most this many characters of each text (cue statistics are estimates). */
const MINING_CHARS = 20_000;

function guard(o: SynthesizeOptions): void {
  const k = o.task.classes.length;
  const fail = (message: string): never => {
    throw new EngineError("INVALID_ARGUMENT", `synthesizePrograms: ${message}`);
  };
  if (k < 2) fail(`the task needs >= 2 classes, got ${k}`);
  if (o.seed.texts.length !== o.seed.labels.length) fail(`seed has ${o.seed.texts.length} texts but ${o.seed.labels.length} labels`);
  if (o.seed.texts.length === 0) fail("the seed set is empty");
  const bad = o.seed.labels.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= k);
  if (bad >= 0) fail(`seed label ${o.seed.labels[bad]} at index ${bad} is not a class index in 0..${k - 1}`);
  if (o.language !== "python" && o.language !== "javascript") fail(`unknown language "${String(o.language)}"`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.task.functionName)) fail(`function name "${o.task.functionName}" is not an identifier`);
  if (o.maxPrograms !== undefined && (!Number.isInteger(o.maxPrograms) || o.maxPrograms < 1))
    fail(`maxPrograms must be a positive integer, got ${o.maxPrograms}`);
  if (!Number.isInteger(o.rngSeed)) fail(`rngSeed must be an integer, got ${o.rngSeed}`);
}

/**
 * The built-in synthesizer (no LLM), in the spirit of Snuba/Reef: mines keyword, regex and
 * length/character cues that are precise on the labeled seed (and on the unlabeled texts as
 * labeled by semi-supervised naive Bayes), and turns them into short readable programs that
 * vote one class or abstain. Programs read the text, or for a record input (a list of fields)
 * the first field's text. Deterministic for the same inputs and `rngSeed`.
 *
 * @example
 * const programs = synthesizePrograms({ task, seed: { texts, labels }, unlabeled, language: "python", rngSeed: 7 });
 * // [{ name: "kw_spam_free_prize_claim", language: "python", source: "import re\n...", functionName, description }, ...]
 */
export function synthesizePrograms(o: SynthesizeOptions): SynthesizedProgram[] {
  guard(o);
  const k = o.task.classes.length;
  const maxPrograms = o.maxPrograms ?? 16;
  const pool = o.unlabeled.length > 0 ? o.unlabeled : o.seed.texts;
  const unlabeled = pool.length > MAX_UNLABELED ? seededShuffle(pool, o.rngSeed).slice(0, MAX_UNLABELED) : pool;
  const U = unlabeled.length;
  const cut = (t: string): string => (t.length > MINING_CHARS ? t.slice(0, MINING_CHARS) : t);
  const table = buildCueTable(o.seed.texts.map(cut), unlabeled.map(cut), candidateHeuristics(unlabeled.map(cut)), Math.max(2, Math.ceil(0.002 * U)), 0.6);
  const counts = new Array<number>(k).fill(1);
  for (const l of o.seed.labels) counts[l]!++;
  const prior = counts.map((c) => c / (o.seed.labels.length + k));
  const unlabeledWeight = Math.min(1, (20 * o.seed.texts.length) / U);
  const post = emNaiveBayes(table, o.seed.labels, k, unlabeledWeight, 5);
  const planned = selectPrograms(table, o.seed.labels, post, {
    k,
    prior,
    unlabeledWeight,
    maxPrograms,
    minCoverage: 0.003,
    maxCoverage: 0.9,
    termsPerProgram: 4,
  });
  const field = typeof o.task.input === "string" ? null : (o.task.input[0] ?? null);
  const used = new Set<string>();
  return planned.map(({ plan, evidence: e }) => {
    const className = o.task.classes[plan.cls]!.name;
    const stem = planStem(plan, className);
    let name = stem;
    for (let i = 2; used.has(name); i++) name = `${stem}_${i}`;
    used.add(name);
    const what = describePlan(plan, className);
    const stats = `seed precision ${e.seedCorrect}/${e.seedHits}, fires on ${(100 * e.coverage).toFixed(1)}% of unlabeled texts, precision bound ${e.lower.toFixed(2)}`;
    const header = [
      `${name}: votes ${className} (class ${plan.cls}) when the text ${what.slice(className.length + 2)}; otherwise abstains (-1).`,
      `Evidence: ${stats}.`,
      `Written by Alchemist's built-in synthesizer (no LLM).`,
    ];
    const source = renderProgram({ plan, language: o.language, functionName: o.task.functionName, header, field });
    return { name, language: o.language, source, functionName: o.task.functionName, description: `${what} (${stats})` };
  });
}
