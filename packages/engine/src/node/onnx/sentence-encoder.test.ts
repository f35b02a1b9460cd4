import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { afterAll, describe, expect, it } from "vitest";
import { SentenceEncoder } from "./sentence-encoder";
import { TINY_VOCAB, writeTinyEncoder } from "./tiny-encoder-fixture";
import { WordPieceTokenizer } from "./wordpiece-tokenizer";

const { onnx } = onnxProto;
const dir = mkdtempSync(join(tmpdir(), "alchemist-encoder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VOCAB = TINY_VOCAB;
const H = 4;

describe("WordPieceTokenizer", () => {
  it("splits punctuation, strips accents, pieces words greedily and truncates", () => {
    const tok = new WordPieceTokenizer(VOCAB);
    expect(tok.basicTokens("Hello, Café!")).toEqual(["hello", ",", "cafe", "!"]);
    // [CLS] hello world play ##ing ##s [UNK](",") ! [SEP]
    expect(tok.encode("Hello world playings, !", 32)).toEqual([2, 4, 5, 6, 7, 8, 1, 9, 3]);
    expect(tok.encode("hello world hello world", 4)).toEqual([2, 4, 5, 3]);
    expect(() => new WordPieceTokenizer(["a"], true, "v.txt")).toThrow(/v.txt: the vocabulary lacks \[CLS\], \[SEP\], \[PAD\], \[UNK\]/);
  });

  it("loads vocab.txt and a WordPiece tokenizer.json", async () => {
    writeFileSync(join(dir, "vocab.txt"), VOCAB.join("\n") + "\n");
    writeFileSync(join(dir, "tokenizer.json"), JSON.stringify({ model: { type: "WordPiece", vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])) } }));
    for (const file of ["vocab.txt", "tokenizer.json"]) expect((await WordPieceTokenizer.load(join(dir, file))).encode("playing", 8)).toEqual([2, 6, 7, 3]);
    await expect(WordPieceTokenizer.load(join(dir, "none.txt"))).rejects.toThrow(/none.txt: cannot read the tokenizer: ENOENT/);
  });
});

describe("SentenceEncoder", () => {
  it("runs the ONNX encoder in batches and mean-pools masked tokens into unit vectors", async () => {
    const { model, tokenizer, table } = writeTinyEncoder(dir, H);
    const encoder = await SentenceEncoder.load({ model, tokenizer, batchSize: 2 });
    const texts = ["hello", "hello world playing", "world!", ""];
    const { dim, values } = await encoder.encode(texts);
    await encoder.close();
    expect(dim).toBe(H);
    texts.forEach((text, i) => {
      // Expected: mean of the token embeddings (padding excluded), L2-normalised.
      const ids = new WordPieceTokenizer(VOCAB).encode(text, 128);
      const mean = Array.from({ length: H }, (_, h) => ids.reduce((s, id) => s + table[id * H + h]!, 0) / ids.length);
      const norm = Math.hypot(...mean);
      for (let h = 0; h < H; h++) expect(values[i * H + h]).toBeCloseTo(mean[h]! / norm, 5);
    });
  });

  it("rejects an encoder without the BERT inputs", async () => {
    writeFileSync(
      join(dir, "bad.onnx"),
      onnx.ModelProto.encode(
        onnx.ModelProto.create({
          irVersion: 7,
          opsetImport: [{ version: 13 }],
          graph: {
            name: "g",
            node: [{ opType: "Identity", input: ["x"], output: ["y"] }],
            input: [{ name: "x", type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }] } } } }],
            output: [{ name: "y", type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }] } } } }],
          },
        }),
      ).finish(),
    );
    await expect(SentenceEncoder.load({ model: join(dir, "bad.onnx"), tokenizer: join(dir, "vocab.txt") })).rejects.toThrow(
      /bad.onnx: the encoder has no "input_ids" input \(inputs: x\)/,
    );
  });
});
