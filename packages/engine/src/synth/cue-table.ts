import { textCues, type Heuristic } from "./text-cues";

/** Cues kept for mining and, per document, the indices of kept cues that fire on it. */
export interface CueTable {
  readonly ids: readonly string[];
  readonly seedDocs: readonly Int32Array[];
  readonly unlabeledDocs: readonly Int32Array[];
  /** Unlabeled documents each cue fires on. */
  readonly unlabeledCount: Int32Array;
}

/**
 * Keeps the cues that fire on at least `minSupport` and at most `maxShare` of the unlabeled
 * texts: rarer cues cannot be judged and near-universal ones do not discriminate.
 */
export function buildCueTable(
  seedTexts: readonly string[],
  unlabeled: readonly string[],
  heuristics: readonly Heuristic[],
  minSupport: number,
  maxShare: number,
): CueTable {
  const unlabeledCues = unlabeled.map((t) => textCues(t, heuristics));
  const df = new Map<string, number>();
  for (const cues of unlabeledCues) for (const c of cues) df.set(c, (df.get(c) ?? 0) + 1);
  const maxCount = Math.floor(maxShare * unlabeled.length);
  const ids = [...df.entries()]
    .filter(([, n]) => n >= minSupport && n <= maxCount)
    .map(([id]) => id)
    .sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const toDoc = (cues: readonly string[]): Int32Array =>
    Int32Array.from(cues.map((c) => index.get(c) ?? -1).filter((i) => i >= 0));
  const unlabeledDocs = unlabeledCues.map(toDoc);
  const unlabeledCount = new Int32Array(ids.length);
  for (const doc of unlabeledDocs) for (const i of doc) unlabeledCount[i]!++;
  return { ids, seedDocs: seedTexts.map((t) => toDoc(textCues(t, heuristics))), unlabeledDocs, unlabeledCount };
}
