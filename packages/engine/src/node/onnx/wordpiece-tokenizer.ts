import { readFile } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";

const SPECIALS = ["[CLS]", "[SEP]", "[PAD]", "[UNK]"] as const;

/**
 * BERT-style WordPiece tokenizer: lowercases and strips accents (uncased vocabularies), splits on
 * whitespace and punctuation, then greedy longest-match-first word pieces (`##` continuations),
 * `[UNK]` for words it cannot piece (or longer than 100 chars). Encodes `[CLS] ... [SEP]`,
 * truncated to `maxLength`.
 *
 * @example
 * const tok = await WordPieceTokenizer.load("vocab.txt");
 * tok.encode("Hello, world!", 16); // [101, 7592, 1010, 2088, 999, 102] with BERT's vocab
 */
export class WordPieceTokenizer {
  private readonly ids: ReadonlyMap<string, number>;
  readonly cls: number;
  readonly sep: number;
  readonly pad: number;
  readonly unk: number;

  constructor(
    vocab: readonly string[] | ReadonlyMap<string, number>,
    readonly lowercase = true,
    source = "vocabulary",
  ) {
    this.ids = Array.isArray(vocab) ? new Map(vocab.map((token, id) => [token, id])) : (vocab as ReadonlyMap<string, number>);
    const missing = SPECIALS.filter((s) => !this.ids.has(s));
    if (missing.length > 0) throw new EngineError("MODEL_INVALID", `${source}: the vocabulary lacks ${missing.join(", ")}`, { file: source });
    [this.cls, this.sep, this.pad, this.unk] = SPECIALS.map((s) => this.ids.get(s)!) as [number, number, number, number];
  }

  /** Reads a `vocab.txt` (one token per line, id = line number) or a Hugging Face `tokenizer.json` with a WordPiece model. */
  static async load(path: string): Promise<WordPieceTokenizer> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new EngineError("MODEL_INVALID", `${path}: cannot read the tokenizer: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        file: path,
      });
    }
    if (!path.endsWith(".json"))
      return new WordPieceTokenizer(
        text.split(/\r?\n/).filter((line, i, all) => line !== "" || i < all.length - 1),
        true,
        path,
      );
    let json: { model?: { type?: string; vocab?: Record<string, number> }; normalizer?: { lowercase?: boolean } };
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new EngineError("MODEL_INVALID", `${path}: not valid JSON: ${(error as Error).message}`, { file: path });
    }
    if (json.model?.type !== "WordPiece" || !json.model.vocab)
      throw new EngineError("MODEL_INVALID", `${path}: expected a WordPiece model with a vocab, got type ${String(json.model?.type)}`, { file: path });
    return new WordPieceTokenizer(new Map(Object.entries(json.model.vocab)), json.normalizer?.lowercase ?? true, path);
  }

  /** Basic tokens: words and single punctuation marks. */
  basicTokens(text: string): string[] {
    const normal = this.lowercase
      ? text
          .toLowerCase()
          .normalize("NFD")
          .replace(/\p{Mn}/gu, "")
      : text;
    return normal.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  }

  /** Token ids of `text` with [CLS]/[SEP], at most `maxLength` ids. */
  encode(text: string, maxLength: number): number[] {
    const out = [this.cls];
    for (const word of this.basicTokens(text)) {
      if (out.length >= maxLength - 1) break;
      out.push(...this.pieces(word));
    }
    out.length = Math.min(out.length, maxLength - 1);
    out.push(this.sep);
    return out;
  }

  private pieces(word: string): number[] {
    if (word.length > 100) return [this.unk];
    const ids: number[] = [];
    for (let start = 0; start < word.length;) {
      let end = word.length;
      let id: number | undefined;
      for (; end > start; end--) {
        id = this.ids.get((start > 0 ? "##" : "") + word.slice(start, end));
        if (id !== undefined) break;
      }
      if (id === undefined) return [this.unk];
      ids.push(id);
      start = end;
    }
    return ids;
  }
}
