import { EngineError } from "../errors/engine-error";
import { bytesToUnicode } from "./bytes-to-unicode";
import { END_OF_TEXT, START_OF_TEXT, type ClipBpeTokenizerOptions } from "./clip-bpe-tokenizer";

/** CLIP reads at most 49152 - 256 - 2 merges (vocabulary 49408 = 512 byte symbols + merges + SOT/EOT). */
const MAX_MERGES = 49152 - 256 - 2;

function parseMerges(text: string, source: string): Array<[string, string]> {
  const lines = text.split("\n");
  // Both formats start with a "#version: 0.2" header line; CLIP always skips the first line.
  const body = lines.slice(1).map((line) => line.trim());
  const merges: Array<[string, string]> = [];
  for (let i = 0; i < body.length && merges.length < MAX_MERGES; i++) {
    if (body[i] === "") continue;
    const parts = body[i]!.split(" ");
    if (parts.length !== 2) throw new EngineError("MODEL_INVALID", `${source} line ${i + 2}: a merge needs two symbols, got ${JSON.stringify(body[i])}`);
    merges.push([parts[0]!, parts[1]!]);
  }
  return merges;
}

/**
 * Tokenizer tables from OpenAI's `bpe_simple_vocab_16e6.txt` (gunzipped): the vocabulary is not
 * stored but rebuilt as CLIP does — 256 byte symbols, the same with `</w>`, one token per merge,
 * then SOT and EOT (49408 ids for the real file).
 *
 * @example
 * const tok = new ClipBpeTokenizer(parseClipBpeFile(text, "bpe_simple_vocab_16e6.txt"));
 */
export function parseClipBpeFile(text: string, source: string): ClipBpeTokenizerOptions {
  const merges = parseMerges(text, source);
  const base = bytesToUnicode().map(([, ch]) => ch);
  const tokens = [...base, ...base.map((ch) => `${ch}</w>`), ...merges.map(([a, b]) => a + b), START_OF_TEXT, END_OF_TEXT];
  return { vocab: new Map(tokens.map((token, id) => [token, id])), merges, source };
}

/**
 * Tokenizer tables from Hugging Face's `vocab.json` + `merges.txt` (as shipped with
 * `openai/clip-vit-base-patch32`).
 *
 * @example
 * const tok = new ClipBpeTokenizer(parseHfClipTokenizer(vocabJson, mergesTxt, "model/vocab.json"));
 */
export function parseHfClipTokenizer(vocabJson: string, mergesText: string, source: string): ClipBpeTokenizerOptions {
  let raw: unknown;
  try {
    raw = JSON.parse(vocabJson);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new EngineError("MODEL_INVALID", `${source}: expected an object of token -> id`);
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(raw)) {
    if (!Number.isInteger(id)) throw new EngineError("MODEL_INVALID", `${source}: id of ${JSON.stringify(token)} is not an integer`);
    vocab.set(token, id as number);
  }
  return { vocab, merges: parseMerges(mergesText, source.replace(/vocab\.json$/, "merges.txt")), source };
}
