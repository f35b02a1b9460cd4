import { EngineError } from "../errors/engine-error";
import { bytesToUnicode } from "./bytes-to-unicode";
import { cleanClipText } from "./clean-clip-text";

export const START_OF_TEXT = "<|startoftext|>";
export const END_OF_TEXT = "<|endoftext|>";
const UTF8 = new TextEncoder();
const PATTERN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;

export interface ClipBpeTokenizerOptions {
  /** Token string -> id; must contain every BPE symbol the merges can produce plus SOT/EOT. */
  readonly vocab: ReadonlyMap<string, number>;
  /** Merge pairs in rank order (rank 0 merges first). */
  readonly merges: ReadonlyArray<readonly [string, string]>;
  /** Where the vocab came from, for error messages. */
  readonly source?: string;
}

/** Token ids for a batch, padded/truncated to `contextLength`, row-major `[n, contextLength]`. */
export interface TokenizedBatch {
  readonly n: number;
  readonly contextLength: number;
  readonly ids: BigInt64Array;
  readonly attentionMask: BigInt64Array;
}

/**
 * CLIP's byte-level BPE tokenizer (OpenAI `simple_tokenizer.py`): cleanup + lowercase, regex
 * pre-tokenisation, bytes mapped through `bytesToUnicode`, `</w>` on each word's last symbol,
 * greedy merges by rank, then `[SOT] ... [EOT]` padded or truncated (EOT kept last) to the
 * context length. Build it from files with `parseClipBpeFile` / `parseHfClipTokenizer`.
 *
 * @example
 * const tok = new ClipBpeTokenizer({ vocab, merges });
 * tok.encode("a photo of a dog"); // BPE ids without SOT/EOT
 * tok.tokenize(["a dog"], 77).ids; // BigInt64Array of 77 ids
 */
export class ClipBpeTokenizer {
  readonly sot: number;
  readonly eot: number;
  private readonly byteEncoder = new Map(bytesToUnicode());
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly options: ClipBpeTokenizerOptions) {
    this.sot = this.idOf(START_OF_TEXT);
    this.eot = this.idOf(END_OF_TEXT);
    options.merges.forEach(([a, b], rank) => {
      if (!this.ranks.has(`${a} ${b}`)) this.ranks.set(`${a} ${b}`, rank);
    });
  }

  /** BPE ids of `text` without SOT/EOT. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const [match] of cleanClipText(text).matchAll(PATTERN)) {
      if (match === START_OF_TEXT || match === END_OF_TEXT) {
        ids.push(this.idOf(match));
        continue;
      }
      const piece = [...UTF8.encode(match)].map((b) => this.byteEncoder.get(b)!).join("");
      for (const symbol of this.bpe(piece)) ids.push(this.idOf(symbol));
    }
    return ids;
  }

  /** `[SOT, ...encode(text), EOT]`, truncated to `contextLength` with EOT kept as the last id, padded with `padId`. */
  tokenize(texts: readonly string[], contextLength = 77, padId = 0): TokenizedBatch {
    if (!Number.isInteger(contextLength) || contextLength < 2) {
      throw new EngineError("INVALID_ARGUMENT", `context length must be an integer >= 2, got ${contextLength}`);
    }
    const ids = new BigInt64Array(texts.length * contextLength).fill(BigInt(padId));
    const attentionMask = new BigInt64Array(texts.length * contextLength);
    texts.forEach((text, row) => {
      const tokens = [this.sot, ...this.encode(text), this.eot];
      if (tokens.length > contextLength) tokens.splice(contextLength - 1, tokens.length, this.eot);
      tokens.forEach((id, i) => {
        ids[row * contextLength + i] = BigInt(id);
        attentionMask[row * contextLength + i] = 1n;
      });
    });
    return { n: texts.length, contextLength, ids, attentionMask };
  }

  private idOf(symbol: string): number {
    const id = this.options.vocab.get(symbol);
    if (id === undefined) {
      throw new EngineError("MODEL_INVALID", `${this.options.source ?? "CLIP vocab"}: no token ${JSON.stringify(symbol)} in the vocabulary`);
    }
    return id;
  }

  private bpe(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const chars = [...token];
    let word = [...chars.slice(0, -1), `${chars[chars.length - 1]}</w>`];
    while (word.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < word.length - 1; i++) {
        const rank = this.ranks.get(`${word[i]} ${word[i + 1]}`);
        if (rank !== undefined && rank < bestRank) [best, bestRank] = [i, rank];
      }
      if (best < 0) break;
      const [first, second] = [word[best]!, word[best + 1]!];
      const merged: string[] = [];
      for (let i = 0; i < word.length; i++) {
        if (word[i] === first && word[i + 1] === second && i < word.length - 1) {
          merged.push(first + second);
          i++;
        } else merged.push(word[i]!);
      }
      word = merged;
    }
    this.cache.set(token, word);
    return word;
  }
}
