import type { CueTable } from "./cue-table";
import type { Posteriors } from "./em-naive-bayes";
import { singleCuePlan, type PlannedProgram, type ProgramPlan } from "./program-plan";
import { evidenceFor, postings, type Evidence } from "./score-cues";

export interface SelectOptions {
  readonly k: number;
  readonly prior: readonly number[];
  readonly unlabeledWeight: number;
  readonly maxPrograms: number;
  readonly minCoverage: number;
  readonly maxCoverage: number;
  readonly termsPerProgram: number;
}

const union = (lists: readonly (readonly number[])[]): number[] => (lists.length === 1 ? [...lists[0]!] : [...new Set(lists.flat())].sort((a, b) => a - b));

/**
 * Mines precise cues per class, groups keyword cues round-robin into programs of similar
 * strength, then picks programs greedily: classes take turns, and each turn takes the program
 * that adds the most not-yet-covered texts for that class, weighted by its precision bound.
 */
export function selectPrograms(table: CueTable, seedLabels: readonly number[], post: Posteriors, o: SelectOptions): PlannedProgram[] {
  const hits = postings(table);
  const U = table.unlabeledDocs.length;
  const evidence = (cls: number, cues: readonly number[]): Evidence =>
    evidenceFor(cls, union(cues.map((c) => hits.seed[c]!)), union(cues.map((c) => hits.unlabeled[c]!)), seedLabels, post, o.k, o.unlabeledWeight, o.prior, U);
  const required = (cls: number): number => Math.max(0.7, o.prior[cls]! + (1 - o.prior[cls]!) * 0.6);
  const score = (e: Evidence): number => e.lower ** 10 * Math.log1p(e.coverage * U);
  const accepts = (e: Evidence): boolean =>
    e.lower >= required(e.cls) && e.coverage >= o.minCoverage && e.coverage <= o.maxCoverage && e.seedCorrect * 2 >= e.seedHits;

  const candidates: PlannedProgram[] = [];
  const keywordPrograms = Math.max(1, Math.ceil(o.maxPrograms / o.k));
  for (let cls = 0; cls < o.k; cls++) {
    const singles = new Map<string, PlannedProgram>();
    const pool: { cue: number; e: Evidence }[] = [];
    table.ids.forEach((id, cue) => {
      const e = evidence(cls, [cue]);
      if (!accepts(e)) return;
      const plan = singleCuePlan(id, cls);
      if (plan) addSingle(singles, { plan, cues: [cue], evidence: e }, score);
      else pool.push({ cue, e });
    });
    pool.sort((a, b) => score(b.e) - score(a.e) || a.cue - b.cue);
    // A bigram fires only where its words do: drop it when one of its words is itself a cue.
    const words = new Set(
      pool
        .map((p) => table.ids[p.cue]!)
        .filter((id) => id.startsWith("w:"))
        .map((id) => id.slice(2)),
    );
    const groups: number[][] = Array.from({ length: keywordPrograms }, () => []);
    let slot = 0;
    for (const { cue } of pool) {
      const term = table.ids[cue]!.slice(2);
      if (term.includes(" ") && term.split(" ").some((w) => words.has(w))) continue;
      groups[slot % keywordPrograms]!.push(cue);
      if (++slot >= keywordPrograms * o.termsPerProgram) break;
    }
    candidates.push(...[...singles.values()].sort((a, b) => a.cues[0]! - b.cues[0]!));
    for (const cues of groups.filter((g) => g.length > 0)) {
      const plan: ProgramPlan = { kind: "keywords", cls, terms: cues.map((c) => table.ids[c]!.slice(2)) };
      candidates.push({ plan, cues, evidence: evidence(cls, cues) });
    }
  }
  return greedy(
    candidates.filter((c) => c.evidence.coverage <= o.maxCoverage),
    hits.unlabeled,
    U,
    o,
  );
}

/** Keeps one regex per family and one threshold per statistic and direction: the best scoring. */
function addSingle(singles: Map<string, PlannedProgram>, p: PlannedProgram, score: (e: Evidence) => number): void {
  const key = p.plan.kind === "heuristic" ? `${p.plan.heuristic.stat}_${p.plan.heuristic.op}` : p.plan.kind === "regex" ? p.plan.family.id : "";
  const old = singles.get(key);
  if (!old || score(p.evidence) > score(old.evidence)) singles.set(key, p);
}

function greedy(candidates: PlannedProgram[], unlabeledHits: readonly (readonly number[])[], U: number, o: SelectOptions): PlannedProgram[] {
  const covered = Array.from({ length: o.k }, () => new Uint8Array(U));
  const left = [...candidates];
  const picked: PlannedProgram[] = [];
  const perClass = new Array<number>(o.k).fill(0);
  while (picked.length < o.maxPrograms && left.length > 0) {
    const open = [...new Set(left.map((c) => c.plan.cls))];
    const cls = open.sort((a, b) => perClass[a]! - perClass[b]! || a - b)[0]!;
    let best = -1;
    let bestGain = -Infinity;
    left.forEach((cand, i) => {
      if (cand.plan.cls !== cls) return;
      const rows = union(cand.cues.map((c) => unlabeledHits[c]!));
      const fresh = rows.filter((r) => covered[cls]![r] === 0).length;
      const gain = cand.evidence.lower * ((fresh + 0.3 * rows.length) / Math.max(1, U));
      if (gain > bestGain) [best, bestGain] = [i, gain];
    });
    const [chosen] = left.splice(best, 1);
    for (const c of chosen!.cues) for (const r of unlabeledHits[c]!) covered[cls]![r] = 1;
    picked.push(chosen!);
    perClass[cls]!++;
  }
  return picked;
}
