import { EngineError } from "../errors/engine-error";

export interface Passage {
  readonly id: string;
  readonly source: string;
  readonly text: string;
}

export interface ScoredPassage extends Passage {
  readonly score: number;
}

const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Okapi BM25 over passages (k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5))).
 *
 * @example
 * const index = new Bm25Index(chunkDocument(text, "guide.md"));
 * index.search("what makes a message spam", 3); // best passages first, with scores
 */
export class Bm25Index {
  private readonly docs: { passage: Passage; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    passages: readonly Passage[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = passages.map((passage) => {
      const tf = new Map<string, number>();
      const tokens = tokenize(passage.text);
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { passage, tf, length: tokens.length };
    });
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  search(query: string, limit: number): ScoredPassage[] {
    if (!Number.isInteger(limit) || limit < 1) throw new EngineError("INVALID_ARGUMENT", `limit must be a positive integer, got ${limit}`);
    const terms = [...new Set(tokenize(query))];
    const n = this.docs.length;
    const scored = this.docs.map(({ passage, tf, length }, order) => {
      let score = 0;
      for (const t of terms) {
        const f = tf.get(t);
        if (!f) continue;
        const df = this.df.get(t)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * length) / (this.avgLength || 1)));
      }
      return { ...passage, score, order };
    });
    return scored
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, limit)
      .map(({ order: _order, ...p }) => p);
  }
}

/**
 * Splits a document into overlapping word windows (default 120 words, 30 overlap).
 *
 * @example
 * chunkDocument(longText, "docs/guide.md"); // [{ id: "docs/guide.md#0", source: "docs/guide.md", text: "..." }, ...]
 */
export function chunkDocument(text: string, source: string, options: { words?: number; overlap?: number } = {}): Passage[] {
  const size = options.words ?? 120;
  const overlap = options.overlap ?? 30;
  if (!(size > overlap && overlap >= 0)) throw new EngineError("INVALID_ARGUMENT", `chunk size ${size} must exceed overlap ${overlap} >= 0`);
  const words = text.split(/\s+/).filter(Boolean);
  const out: Passage[] = [];
  for (let start = 0; start < words.length; start += size - overlap) {
    out.push({ id: `${source}#${out.length}`, source, text: words.slice(start, start + size).join(" ") });
    if (start + size >= words.length) break;
  }
  return out;
}
