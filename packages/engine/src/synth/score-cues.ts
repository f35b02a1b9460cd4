import type { CueTable } from "./cue-table";
import type { Posteriors } from "./em-naive-bayes";

/** Evidence that a set of documents (one cue, or one program's union of cues) belongs to `cls`. */
export interface Evidence {
  readonly cls: number;
  /** Seed texts hit, and how many of them are of class `cls`. */
  readonly seedHits: number;
  readonly seedCorrect: number;
  /** Share of unlabeled texts hit. */
  readonly coverage: number;
  /** Lower confidence bound on precision, pooling seed labels and weighted unlabeled posteriors. */
  readonly lower: number;
}

/**
 * Precision lower bound of a vote for `cls` on the hit documents. The posterior mean shrinks
 * toward the class prior; one standard error is subtracted so rare cues must prove themselves.
 */
export function evidenceFor(
  cls: number,
  seedHits: readonly number[],
  unlabeledHits: readonly number[],
  seedLabels: readonly number[],
  post: Posteriors,
  k: number,
  unlabeledWeight: number,
  prior: readonly number[],
  unlabeledTotal: number,
): Evidence {
  let seedCorrect = 0;
  for (const r of seedHits) if (seedLabels[r] === cls) seedCorrect++;
  let soft = 0;
  for (const r of unlabeledHits) soft += post[r * k + cls]!;
  const pseudoCount = 2;
  const pos = seedCorrect + unlabeledWeight * soft + pseudoCount * prior[cls]!;
  const tot = seedHits.length + unlabeledWeight * unlabeledHits.length + pseudoCount;
  const mean = pos / tot;
  const lower = mean - Math.sqrt((mean * (1 - mean)) / (tot + 1));
  return {
    cls,
    seedHits: seedHits.length,
    seedCorrect,
    coverage: unlabeledTotal === 0 ? 0 : unlabeledHits.length / unlabeledTotal,
    lower,
  };
}

/** Posting lists: for each cue, the seed and unlabeled documents it fires on. */
export function postings(table: CueTable): { seed: number[][]; unlabeled: number[][] } {
  const seed = table.ids.map((): number[] => []);
  const unlabeled = table.ids.map((): number[] => []);
  table.seedDocs.forEach((doc, r) => doc.forEach((f) => seed[f]!.push(r)));
  table.unlabeledDocs.forEach((doc, r) => doc.forEach((f) => unlabeled[f]!.push(r)));
  return { seed, unlabeled };
}
