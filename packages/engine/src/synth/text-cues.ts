import { REGEX_FAMILIES } from "./cue-families";

/** A length/character heuristic: `stat op threshold`, with stats counted on ASCII only. */
export interface Heuristic {
  readonly stat: "words" | "digits" | "upper";
  readonly op: "le" | "ge";
  readonly threshold: number;
}

/** Cue ids: `w:<word>`, `b:<w1> <w2>`, `re:<family>`, `h:<stat>_<op>_<threshold>`. */
export function heuristicId(h: Heuristic): string {
  return `h:${h.stat}_${h.op}_${h.threshold}`;
}

/**
 * Same tokens as Python `re.findall(r"(?:[^\W_]|')+", text.lower())`: runs of Unicode letters,
 * digits and apostrophes, so "mère" is one word (an ASCII-only class cut French and German words
 * into fragments such as "m re").
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

export interface TextStats {
  readonly words: number;
  /** Digits among ASCII letters and digits (0 when there are none). */
  readonly digits: number;
  /** Upper-case among ASCII letters (0 when there are none). */
  readonly upper: number;
}

/** Counts matches of a global regex, stopping at `limit` (the same count as `match(re).length` up to it). */
function countUpTo(text: string, re: RegExp, limit: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(text) !== null) n++;
  return n;
}

export function textStats(text: string, words: readonly string[]): TextStats {
  // A char-code loop counts what the programs' /[0-9]/g, /[A-Za-z]/g and /[A-Z]/g count.
  let digits = 0;
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return {
    words: words.length,
    digits: digits + letters === 0 ? 0 : digits / (digits + letters),
    upper: letters === 0 ? 0 : upper / letters,
  };
}

export function heuristicFires(h: Heuristic, stats: TextStats): boolean {
  const value = stats[h.stat];
  return h.op === "le" ? value <= h.threshold : value >= h.threshold;
}

const FAMILY_REGEXES = REGEX_FAMILIES.map((f) => ({ family: f, re: new RegExp(f.pattern, "g") }));

/** The regex-family and heuristic cue ids that fire on `text` (word cues are counted apart). */
export function patternCues(text: string, words: readonly string[], heuristics: readonly Heuristic[]): string[] {
  const lower = text.toLowerCase();
  const cues: string[] = [];
  for (const { family, re } of FAMILY_REGEXES) {
    if (countUpTo(family.on === "lower" ? lower : text, re, family.minCount) >= family.minCount) cues.push(`re:${family.id}`);
  }
  const stats = textStats(text, words);
  for (const h of heuristics) if (heuristicFires(h, stats)) cues.push(heuristicId(h));
  return cues;
}

/** Candidate thresholds at quantiles of the unlabeled texts' statistics. */
export function candidateHeuristics(texts: readonly string[]): Heuristic[] {
  if (texts.length === 0) return [];
  const all = texts.map((t) => textStats(t, tokenize(t)));
  const out: Heuristic[] = [];
  const at = (values: number[], q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  for (const stat of ["words", "digits", "upper"] as const) {
    const values = all.map((s) => s[stat]).sort((a, b) => a - b);
    const round = (v: number): number => (stat === "words" ? Math.round(v) : Math.round(v * 100) / 100);
    const seen = new Set<string>();
    for (const [op, q] of [
      ["le", 0.1],
      ["le", 0.25],
      ["ge", 0.75],
      ["ge", 0.9],
    ] as const) {
      const threshold = round(at(values, q));
      const h: Heuristic = { stat, op, threshold };
      if ((threshold <= 0 && op === "ge") || seen.has(heuristicId(h))) continue;
      seen.add(heuristicId(h));
      out.push(h);
    }
  }
  return out;
}
