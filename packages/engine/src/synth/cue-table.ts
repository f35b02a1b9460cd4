import { patternCues, tokenize, type Heuristic } from "./text-cues";

/** Cues kept for mining and, per document, the indices of kept cues that fire on it. */
export interface CueTable {
  readonly ids: readonly string[];
  readonly seedDocs: readonly Int32Array[];
  readonly unlabeledDocs: readonly Int32Array[];
  /** Unlabeled documents each cue fires on. */
  readonly unlabeledCount: Int32Array;
}

interface RawDoc {
  readonly words: number[];
  /** Bigram keys `first * vocabulary + second` over frequent-word ids. */
  readonly bigrams: number[];
  readonly patterns: string[];
}

/**
 * Keeps the cues that fire on at least `minSupport` and at most `maxShare` of the unlabeled
 * texts: rarer cues cannot be judged and near-universal ones do not discriminate. Words are
 * interned as numbers first because string-keyed counting of every bigram of long e-mails is
 * several times slower; a bigram can only be frequent when both its words are.
 */
export function buildCueTable(
  seedTexts: readonly string[],
  unlabeled: readonly string[],
  heuristics: readonly Heuristic[],
  minSupport: number,
  maxShare: number,
): CueTable {
  const tokens = unlabeled.map(tokenize);
  const wordDf = new Map<string, number>();
  for (const ws of tokens) for (const w of new Set(ws)) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
  const vocab = [...wordDf.keys()].filter((w) => wordDf.get(w)! >= minSupport).sort();
  const wordId = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  const raw = (text: string, words: readonly string[]): RawDoc => {
    const ids = words.map((w) => wordId.get(w) ?? -1);
    const bigrams = new Set<number>();
    for (let i = 0; i + 1 < ids.length; i++) if (ids[i]! >= 0 && ids[i + 1]! >= 0) bigrams.add(ids[i]! * V + ids[i + 1]!);
    return { words: [...new Set(ids.filter((id) => id >= 0))], bigrams: [...bigrams], patterns: patternCues(text, words, heuristics) };
  };
  const docs = unlabeled.map((t, r) => raw(t, tokens[r]!));
  const seedRaw = seedTexts.map((t) => raw(t, tokenize(t)));
  const maxCount = Math.floor(maxShare * unlabeled.length);
  const keep = (n: number): boolean => n >= minSupport && n <= maxCount;
  const bigramDf = new Map<number, number>();
  const patternDf = new Map<string, number>();
  for (const d of docs) {
    for (const b of d.bigrams) bigramDf.set(b, (bigramDf.get(b) ?? 0) + 1);
    for (const p of d.patterns) patternDf.set(p, (patternDf.get(p) ?? 0) + 1);
  }
  const bigramName = (b: number): string => `b:${vocab[Math.floor(b / V)]} ${vocab[b % V]}`;
  const ids = [
    ...vocab.filter((w) => keep(wordDf.get(w)!)).map((w) => `w:${w}`),
    ...[...bigramDf.keys()].filter((b) => keep(bigramDf.get(b)!)).map(bigramName),
    ...[...patternDf.keys()].filter((p) => keep(patternDf.get(p)!)),
  ].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const wordIndex = Int32Array.from(vocab, (w) => index.get(`w:${w}`) ?? -1);
  const bigramIndex = new Map([...bigramDf.keys()].map((b) => [b, index.get(bigramName(b)) ?? -1]));
  const toDoc = (d: RawDoc): Int32Array =>
    Int32Array.from(
      [
        ...d.words.map((w) => wordIndex[w]!),
        ...d.bigrams.map((b) => bigramIndex.get(b) ?? index.get(bigramName(b)) ?? -1),
        ...d.patterns.map((p) => index.get(p) ?? -1),
      ].filter((i) => i >= 0),
    );
  const unlabeledDocs = docs.map(toDoc);
  const unlabeledCount = new Int32Array(ids.length);
  for (const doc of unlabeledDocs) for (const i of doc) unlabeledCount[i]!++;
  return { ids, seedDocs: seedRaw.map(toDoc), unlabeledDocs, unlabeledCount };
}
