import type { Program } from "../core/program";
import type { ProgramLanguage, TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { ConceptScores } from "../images/concept-scores";

export interface ScoreSynthOptions {
  readonly task: TaskSpec;
  readonly concepts: readonly string[];
  /** Labeled seed rows (dev): their scores and gold class indices. */
  readonly seed: { readonly scores: readonly ConceptScores[]; readonly labels: readonly number[] };
  /** Unlabeled rows (train) for coverage. */
  readonly unlabeled: readonly ConceptScores[];
  readonly language: ProgramLanguage;
  /** Default 8. */
  readonly maxPrograms?: number;
  /** Smoothed seed precision a rule needs; default 0.7. */
  readonly minPrecision?: number;
  /** Share of unlabeled rows a rule must vote on; default 0.1. */
  readonly minCoverage?: number;
}

export type ScoreProgram = Program & { readonly description: string };

interface Rule {
  readonly a: string;
  readonly b: string | null;
  readonly op: ">=" | "<=";
  readonly t: number;
  readonly y: number;
  precision: number;
  coverage: number;
  votes: number;
}

const value = (s: ConceptScores, r: Pick<Rule, "a" | "b">): number => s[r.a]! - (r.b === null ? 0 : s[r.b]!);
const fires = (s: ConceptScores, r: Rule): boolean => (r.op === ">=" ? value(s, r) >= r.t : value(s, r) <= r.t);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

function render(rule: Rule, task: TaskSpec, language: ProgramLanguage, note: string): string {
  // JSON string literals are valid Python and JavaScript string literals alike.
  const key = (c: string): string => `s[${JSON.stringify(c)}]`;
  const expr = rule.b === null ? key(rule.a) : `${key(rule.a)} - ${key(rule.b)}`;
  const t = rule.t.toFixed(4);
  const label = JSON.stringify(task.classes[rule.y]!.name);
  if (language === "python") return `def ${task.functionName}(s):\n    # ${note}\n    if ${expr} ${rule.op} ${t}:\n        return ${label}\n    return -1\n`;
  return `function ${task.functionName}(s) {\n  // ${note}\n  if (${expr} ${rule.op} ${t}) return ${label};\n  return -1;\n}\n`;
}

/**
 * The builtin synthesizer for image tasks (no LLM): threshold rules over one concept's score or
 * the difference of two (`s["a round circle"] - s["a square"] >= 0.01 -> circle`), thresholds
 * at quantiles of all rows' values, scored by smoothed precision on the labeled seed rows and
 * coverage of the unlabeled ones; the best rules (precision x sqrt(coverage)), at most two per
 * concept pair and every class covered when a rule allows it, become programs. Deterministic.
 *
 * @example
 * const programs = synthesizeScorePrograms({ task, concepts, seed: { scores, labels }, unlabeled, language: "python" });
 */
export function synthesizeScorePrograms(o: ScoreSynthOptions): ScoreProgram[] {
  const { task, concepts, seed, unlabeled, language } = o;
  const k = task.classes.length;
  if (concepts.length === 0) throw new EngineError("INVALID_ARGUMENT", "synthesizeScorePrograms: no concepts");
  if (seed.scores.length !== seed.labels.length || seed.scores.length < 2)
    throw new EngineError(
      "INVALID_ARGUMENT",
      `synthesizeScorePrograms: needs >= 2 labeled seed rows with scores, got ${seed.scores.length} rows and ${seed.labels.length} labels`,
    );
  const pool = [...seed.scores, ...unlabeled];
  const shapes: Pick<Rule, "a" | "b">[] = [];
  for (const a of concepts) {
    shapes.push({ a, b: null });
    for (const b of concepts) if (a !== b) shapes.push({ a, b });
  }
  const candidates: Rule[] = [];
  for (const shape of shapes) {
    const sorted = pool.map((s) => value(s, shape)).sort((x, y) => x - y);
    const cuts: [Rule["op"], number][] = [
      [">=", 0.6],
      [">=", 0.75],
      [">=", 0.9],
      ["<=", 0.1],
      ["<=", 0.25],
      ["<=", 0.4],
    ];
    for (const [op, q] of cuts) {
      for (let y = 0; y < k; y++) {
        const rule: Rule = { ...shape, op, t: quantile(sorted, q), y, precision: 0, coverage: 0, votes: 0 };
        let right = 0;
        seed.scores.forEach((s, i) => {
          if (!fires(s, rule)) return;
          rule.votes += 1;
          if (seed.labels[i] === y) right += 1;
        });
        rule.precision = (right + 1) / (rule.votes + 2);
        const covered = unlabeled.length ? unlabeled.filter((s) => fires(s, rule)).length / unlabeled.length : rule.votes / seed.scores.length;
        rule.coverage = covered;
        if (rule.votes >= 3 && rule.precision >= (o.minPrecision ?? 0.7) && covered >= (o.minCoverage ?? 0.1)) candidates.push(rule);
      }
    }
  }
  const merit = (r: Rule): number => r.precision * Math.sqrt(r.coverage);
  candidates.sort((x, y) => merit(y) - merit(x) || x.a.localeCompare(y.a) || (x.b ?? "").localeCompare(y.b ?? "") || x.t - y.t);
  const max = o.maxPrograms ?? 8;
  const chosen: Rule[] = [];
  const perPair = new Map<string, number>();
  const take = (r: Rule): void => {
    const pair = [r.a, r.b ?? ""].sort().join("|");
    if (chosen.length >= max || (perPair.get(pair) ?? 0) >= 2 || chosen.includes(r)) return;
    perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    chosen.push(r);
  };
  for (let y = 0; y < k; y++) {
    const best = candidates.find((r) => r.y === y);
    if (best) take(best);
  }
  for (const r of candidates) take(r);
  return chosen.map((rule, i) => {
    const what = rule.b === null ? `"${rule.a}"` : `"${rule.a}" - "${rule.b}"`;
    const note = `${what} ${rule.op} ${rule.t.toFixed(4)} -> ${task.classes[rule.y]!.name}: seed precision ${rule.precision.toFixed(2)} on ${rule.votes} votes, coverage ${(rule.coverage * 100).toFixed(0)}%`;
    return {
      name: `score_${String(i + 1).padStart(2, "0")}`,
      language,
      functionName: task.functionName,
      source: render(rule, task, language, note),
      description: `builtin score rule: ${note}`,
    };
  });
}
