import { fnv1a } from "./fnv1a";
import { tokenizeWords } from "./tokenize-words";

export interface HashFeaturesOptions {
  readonly dimension: number;
  readonly wordNgrams: readonly [number, number];
  readonly charNgrams: readonly [number, number] | null;
  readonly lowercase: boolean;
}

// Distinct start states keep word and char features from colliding systematically.
const WORD_STATE = fnv1a("w");
const CHAR_STATE = fnv1a("c");

/**
 * Bucket of every feature occurrence in `text`, repeats kept (they are the term counts): word
 * n-grams joined by one space, then char n-grams of each space-padded word (sklearn "char_wb"),
 * each FNV-1a hashed over UTF-16 code units, mod `dimension`.
 *
 * @example
 * hashFeatures("a b", { dimension: 16, wordNgrams: [1, 2], charNgrams: null, lowercase: true }); // 3 buckets
 */
export function hashFeatures(text: string, options: HashFeaturesOptions): number[] {
  const { dimension, wordNgrams, charNgrams, lowercase } = options;
  const words = tokenizeWords(lowercase ? text.toLowerCase() : text);
  const out: number[] = [];
  const [wMin, wMax] = wordNgrams;
  for (let start = 0; start < words.length; start++) {
    let h = WORD_STATE;
    for (let len = 1; len <= wMax && start + len <= words.length; len++) {
      h = fnv1a(words[start + len - 1]!, len === 1 ? h : fnv1a(" ", h));
      if (len >= wMin) out.push(h % dimension);
    }
  }
  if (!charNgrams) return out;
  const [cMin, cMax] = charNgrams;
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = cMin; n <= cMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) out.push(fnv1a(padded.slice(s, s + n), CHAR_STATE) % dimension);
    }
  }
  return out;
}
