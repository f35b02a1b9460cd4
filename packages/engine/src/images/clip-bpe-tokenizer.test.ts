import { describe, expect, it } from "vitest";
import { bytesToUnicode } from "./bytes-to-unicode";
import { cleanClipText } from "./clean-clip-text";
import { ClipBpeTokenizer } from "./clip-bpe-tokenizer";
import { parseClipBpeFile, parseHfClipTokenizer } from "./parse-clip-vocab";

// Ranks 0..4 -> token ids 512..516; SOT = 517, EOT = 518.
const BPE_FILE = "#version: 0.2\nr e\nre d</w>\nb l\nbl u\nblu e</w>\n";
const tokenizer = new ClipBpeTokenizer(parseClipBpeFile(BPE_FILE, "tiny.txt"));

describe("bytesToUnicode", () => {
  it("keeps printable Latin-1 and shifts the 68 others above U+00FF", () => {
    const table = bytesToUnicode();
    expect(table).toHaveLength(256);
    expect(table[0]).toEqual([33, "!"]);
    expect(table[188]).toEqual([0, "\u0100"]);
    expect(new Map(table).get(32)).toBe("\u0120"); // space -> "Ġ" as in GPT-2
    expect(new Set(table.map(([, c]) => c)).size).toBe(256);
  });
});

describe("cleanClipText", () => {
  it("unescapes HTML twice, straightens quotes, collapses whitespace, lowercases", () => {
    expect(cleanClipText("  A &amp;amp; B\n\t C\u2019S ")).toBe("a & b c's");
    expect(cleanClipText("caf\u0065\u0301")).toBe("caf\u00e9");
  });
});

describe("ClipBpeTokenizer", () => {
  it("rebuilds CLIP's vocabulary order from a bpe_simple_vocab file", () => {
    expect([tokenizer.sot, tokenizer.eot]).toEqual([517, 518]);
  });

  it("applies merges by rank and marks word ends with </w> (hand-checked ids)", () => {
    expect(tokenizer.encode("red")).toEqual([513]); // r e -> re, re d</w> -> red</w>
    expect(tokenizer.encode("Blue!")).toEqual([516, 256]); // blue</w>, "!</w>" = 256 + 0
    expect(tokenizer.encode("x")).toEqual([256 + 120 - 33]); // no merge: "x</w>"
    expect(tokenizer.encode("reb")).toEqual([512, 256 + 98 - 33]); // "re" + "b</w>", not "red"
  });

  it("pre-tokenises contractions, digits one by one and punctuation runs", () => {
    // "it's" -> "it" + "'s"; "42" -> "4", "2"; "?!" stays one piece.
    const i = 105 - 33,
      t = 116 - 33,
      apos = 39 - 33,
      s = 115 - 33;
    expect(tokenizer.encode("it's 42 ?!")).toEqual([i, 256 + t, apos, 256 + s, 256 + 52 - 33, 256 + 50 - 33, 63 - 33, 256 + 0]);
  });

  it("encodes non-ASCII text byte by byte through the byte table", () => {
    // é = C3 A9; 0xC3 -> base id 106 + (0xC3 - 0xAE) = 127, 0xA9 -> 94 + (0xA9 - 0xA1) = 102 (+256 with </w>).
    expect(tokenizer.encode("é")).toEqual([127, 358]);
  });

  it("wraps in SOT/EOT, pads with the pad id and truncates keeping EOT last", () => {
    const batch = tokenizer.tokenize(["red blue", "red ".repeat(100)], 8);
    expect([batch.n, batch.contextLength]).toEqual([2, 8]);
    expect([...batch.ids.slice(0, 8)].map(Number)).toEqual([517, 513, 516, 518, 0, 0, 0, 0]);
    expect([...batch.attentionMask.slice(0, 8)].map(Number)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect([...batch.ids.slice(8)].map(Number)).toEqual([517, 513, 513, 513, 513, 513, 513, 518]);
    expect([...tokenizer.tokenize(["x"], 4, 518).ids].map(Number)).toEqual([517, 343, 518, 518]);
  });

  it("keeps literal SOT/EOT markers as single tokens", () => {
    expect(tokenizer.encode("red <|endoftext|>")).toEqual([513, 518]);
  });

  it("gives the same ids from a Hugging Face vocab.json + merges.txt", () => {
    const { vocab } = parseClipBpeFile(BPE_FILE, "tiny.txt");
    const hf = new ClipBpeTokenizer(parseHfClipTokenizer(JSON.stringify(Object.fromEntries(vocab)), BPE_FILE, "m/vocab.json"));
    expect([...hf.tokenize(["Red, blue it's é"], 16).ids]).toEqual([...tokenizer.tokenize(["Red, blue it's é"], 16).ids]);
  });

  it("tokenises like Hugging Face's CLIPTokenizer on its unit-test vocabulary (ids are the vocab.json's, not rebuilt)", () => {
    const words = [
      "l",
      "o",
      "w",
      "e",
      "r",
      "s",
      "t",
      "i",
      "d",
      "n",
      "lo",
      "l</w>",
      "w</w>",
      "r</w>",
      "t</w>",
      "low</w>",
      "er</w>",
      "lowest</w>",
      "newer</w>",
      "wider",
      "<unk>",
      "<|startoftext|>",
      "<|endoftext|>",
    ];
    const vocab = JSON.stringify(Object.fromEntries(words.map((w, i) => [w, i])));
    const hf = new ClipBpeTokenizer(parseHfClipTokenizer(vocab, "#version: 0.2\nl o\nlo w</w>\ne r</w>\n", "hf/vocab.json"));
    expect(hf.encode("lower newer")).toEqual([10, 2, 16, 9, 3, 2, 16]); // lo w er</w> n e w er</w>
    expect([hf.sot, hf.eot]).toEqual([21, 22]);
  });

  it("gives the real CLIP file's 49408 ids: at most 48894 merges are read, SOT = 49406, EOT = 49407", () => {
    const lines = Array.from({ length: 49_000 }, (_, i) => `t${i} x`);
    const full = new ClipBpeTokenizer(parseClipBpeFile(`"bpe_simple_vocab_16e6.txt#version: 0.2\n${lines.join("\n")}`, "big.txt"));
    expect([full.sot, full.eot]).toEqual([49406, 49407]);
  });

  it("names the file for malformed vocab data and missing tokens", () => {
    expect(() => parseClipBpeFile("#version\nr e x\n", "bad.txt")).toThrow(/bad\.txt line 2: a merge needs two symbols/);
    expect(() => parseHfClipTokenizer("{", "", "m/vocab.json")).toThrow(/m\/vocab\.json: not valid JSON/);
    const partial = new ClipBpeTokenizer(parseHfClipTokenizer('{"<|startoftext|>": 0, "<|endoftext|>": 1}', "#v\n", "m/vocab.json"));
    expect(() => partial.encode("a")).toThrow(/m\/vocab\.json: no token "a<\/w>"/);
    expect(() => tokenizer.tokenize(["a"], 1)).toThrow(/context length must be an integer >= 2, got 1/);
  });
});
