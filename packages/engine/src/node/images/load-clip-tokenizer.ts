import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { EngineError } from "../../errors/engine-error";
import { ClipBpeTokenizer } from "../../images/clip-bpe-tokenizer";
import { parseClipBpeFile, parseHfClipTokenizer } from "../../images/parse-clip-vocab";

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EngineError("MODEL_INVALID", `${path}: cannot read (${(error as Error).message})`, { file: path });
  }
}

/**
 * The tokenizer of a CLIP model directory: OpenAI's `bpe_simple_vocab_16e6.txt.gz` (or gunzipped
 * `.txt`), else Hugging Face's `vocab.json` + `merges.txt`.
 *
 * @example
 * const tokenizer = await loadClipTokenizer("models/clip-vit-b32");
 */
export async function loadClipTokenizer(dir: string): Promise<ClipBpeTokenizer> {
  const gz = join(dir, "bpe_simple_vocab_16e6.txt.gz");
  const gzBytes = await readIfExists(gz);
  if (gzBytes) {
    let text: string;
    try {
      text = gunzipSync(gzBytes).toString("utf8");
    } catch (error) {
      throw new EngineError("MODEL_INVALID", `${gz}: not a gzip file (${(error as Error).message})`, { file: gz });
    }
    return new ClipBpeTokenizer(parseClipBpeFile(text, gz));
  }
  const txt = join(dir, "bpe_simple_vocab_16e6.txt");
  const txtBytes = await readIfExists(txt);
  if (txtBytes) return new ClipBpeTokenizer(parseClipBpeFile(txtBytes.toString("utf8"), txt));
  const vocab = join(dir, "vocab.json");
  const merges = join(dir, "merges.txt");
  const [vocabBytes, mergesBytes] = await Promise.all([readIfExists(vocab), readIfExists(merges)]);
  if (vocabBytes && mergesBytes) return new ClipBpeTokenizer(parseHfClipTokenizer(vocabBytes.toString("utf8"), mergesBytes.toString("utf8"), vocab));
  const missing = vocabBytes ? merges : mergesBytes ? vocab : `${txt}(.gz) or vocab.json + merges.txt`;
  throw new EngineError("MODEL_INVALID", `${dir}: no CLIP tokenizer: missing ${missing}`, { file: vocabBytes || mergesBytes ? missing : dir });
}
