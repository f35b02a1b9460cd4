import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findInvalidUtf8 } from "../../datasets/find-invalid-utf8";
import { jsonNestingDepth } from "../../datasets/json-nesting-depth";
import type { SourceRecord } from "../../datasets/map-records";
import { loadDataset } from "./load-dataset";
import { readDelimited, type ReadDelimitedOptions } from "./read-delimited";
import { readJsonl, type ReadJsonlOptions } from "./read-jsonl";
import { testBudget } from "../testing/test-budget";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hostile-input-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function collect(records: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

const csv = async (name: string, content: string | Buffer, options?: ReadDelimitedOptions) => collect(readDelimited(await file(name, content), options));
const jsonl = async (name: string, content: string | Buffer, options?: ReadJsonlOptions) => collect(readJsonl(await file(name, content), options));

/** Writes `header`, then one field of `size` repeated characters, streamed (never one big string). */
async function bigField(name: string, prefix: string, size: number, suffix: string): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  out.write(prefix);
  const block = "x".repeat(1024 * 1024);
  for (let left = size; left > 0; left -= block.length) out.write(left >= block.length ? block : block.slice(0, left));
  out.end(suffix);
  await new Promise<void>((resolve, reject) => out.on("finish", () => resolve()).on("error", reject));
  return path;
}

describe("hostile CSV/TSV", () => {
  it("names the line of an unterminated quote and of a stray quote", async () => {
    await expect(csv("unterminated.csv", 'id,text\n1,ok\n2,"never closed\n3,more\n')).rejects.toThrow(
      /unterminated\.csv line 4: the file ends inside a quoted field/,
    );
    await expect(csv("stray.csv", 'id,text\n1,ok\n2,say "hi"\n')).rejects.toThrow(/stray\.csv line 3: Invalid Opening Quote/);
    await expect(csv("closing.csv", 'id,text\n1,"a"b\n')).rejects.toThrow(/closing\.csv line 2: Invalid Closing Quote/);
  });

  it("refuses latin-1 bytes in a UTF-8 file naming the line and byte offset, and reads them with encoding latin1", async () => {
    const bytes = Buffer.concat([Buffer.from("id,text\n1,caf\xc3\xa9 ok\n2,caf", "latin1"), Buffer.from([0xe9]), Buffer.from(" au lait\n")]);
    await expect(csv("latin1.csv", bytes)).rejects.toThrow(/latin1\.csv line 3: byte offset 24 \(0xe9\) is not valid UTF-8/);
    const records = await csv("latin1-ok.csv", bytes, { encoding: "latin1" });
    expect(records.map((r) => r.values.text)).toEqual(["cafÃ© ok", "café au lait"]);
  });

  it("finds an invalid byte right after a chunk boundary", async () => {
    const head = `id,text\n${"1,abc\n".repeat(20_000)}`;
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from("2,"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    await expect(csv("late.csv", bytes)).rejects.toThrow(new RegExp(`line 20002: byte offset ${head.length + 2} \\(0xc3\\)`));
  });

  it("strips a UTF-8 BOM and reads UTF-16 LE and BE files by their BOM", async () => {
    expect((await csv("bom8.csv", "\uFEFFid,text\n1,héllo\n"))[0]!.values).toEqual({ id: "1", text: "héllo" });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,text\n1,héllo\n", "utf16le")]);
    expect((await csv("bom16le.csv", le))[0]!.values).toEqual({ id: "1", text: "héllo" });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect((await csv("bom16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), be])))[0]!.values).toEqual({ id: "1", text: "héllo" });
    const ds = await loadDataset(await file("bom16.tsv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id\ttext\n1\thi\n", "utf16le")])), {
      mapping: { input: "text" },
      seed: 1,
    });
    expect(ds.rows[0]!.fields).toEqual({ id: "1", text: "hi" });
  });

  it("says an empty file is empty and a header-only file has no rows", async () => {
    await expect(csv("empty.csv", "")).rejects.toThrow(/empty\.csv is empty/);
    await expect(jsonl("empty.jsonl", "\n\n")).rejects.toThrow(/empty\.jsonl is empty: no JSON objects/);
    expect(await csv("header.csv", "id,text\n")).toEqual([]);
    const load = loadDataset(join(dir, "header.csv"), { mapping: { input: "text" }, seed: 1 });
    await expect(load).rejects.toMatchObject({ code: "DATASET_PARSE" });
    await expect(load).rejects.toThrow(/header\.csv has no data rows \(only a header, or nothing\)/);
  });

  it("refuses binary files: a PNG by its signature, NUL bytes by line and offset", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(csv("image.csv", png)).rejects.toThrow(/image\.csv is a PNG image, not a text file/);
    await expect(jsonl("image.jsonl", png)).rejects.toThrow(/image\.jsonl is a PNG image/);
    await expect(csv("nul.csv", Buffer.from("id,text\n1,a\u0000b\n"))).rejects.toThrow(/nul\.csv line 2: NUL byte at byte offset 11/);
    await expect(csv("zip.csv", Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).rejects.toThrow(/is a zip archive/);
  });

  it("names the line of a field over the field size limit (configurable)", async () => {
    await expect(csv("long.csv", `id,text\n1,ok\n2,${"y".repeat(5000)}\n`, { limits: { maxFieldChars: 1000 } })).rejects.toThrow(
      /long\.csv line 3: a field is longer than the limit of 1000 characters/,
    );
    expect(await csv("fits.csv", `id,text\n1,${"y".repeat(900)}\n`, { limits: { maxFieldChars: 1000 } })).toHaveLength(1);
  });

  it("refuses rows wider than the column limit", async () => {
    const header = Array.from({ length: 20 }, (_, i) => `c${i}`).join(",");
    await expect(csv("wide.csv", `${header}\n${"x,".repeat(19)}x\n`, { limits: { maxColumns: 10 } })).rejects.toThrow(
      /wide\.csv line 1: the header has 20 columns; the limit is 10/,
    );
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])));
    await expect(jsonl("wide.jsonl", `{"a":1}\n${wide}\n`, { limits: { maxColumns: 10 } })).rejects.toThrow(
      /wide\.jsonl line 2: the object has 20 keys; the limit is 10/,
    );
  });

  it(
    "refuses a single 50 MB field under the default limit",
    async () => {
      const path = await bigField("field50.csv", 'id,text\n1,"', 50 * 1024 * 1024, '"\n');
      await expect(collect(readDelimited(path))).rejects.toThrow(/field50\.csv line 2: a field is longer than the limit of 8388608 characters/);
      const jpath = await bigField("field50.jsonl", '{"id":1}\n{"text":"', 50 * 1024 * 1024, '"}\n');
      await expect(collect(readJsonl(jpath))).rejects.toThrow(/field50\.jsonl line 2: the line is longer than the limit of 8388608 characters/);
    },
    testBudget(60_000),
  );
});

describe("hostile JSON Lines", () => {
  it("refuses deep nesting before parsing, naming the line and depth", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    await expect(jsonl("deep.jsonl", `{"a":1}\n{"a":${deep}}\n`)).rejects.toThrow(/deep\.jsonl line 2: JSON nested 100001 levels deep; the limit is 64/);
    expect(await jsonl("ok.jsonl", `{"a":${"[".repeat(10)}${"]".repeat(10)}}\n`, { limits: { maxJsonDepth: 11 } })).toHaveLength(1);
  });

  it("names the line of broken JSON and of latin-1 bytes", async () => {
    await expect(jsonl("broken.jsonl", '{"a":1}\n{"a":\n')).rejects.toThrow(/broken\.jsonl line 2: not valid JSON/);
    await expect(jsonl("latin.jsonl", Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xe9]), Buffer.from('"}\n')]))).rejects.toThrow(
      /latin\.jsonl line 2: byte offset 14 \(0xe9\) is not valid UTF-8/,
    );
  });
});

describe("loadDataset with hostile mappings", () => {
  it("names missing mapped columns and duplicate ids with their lines", async () => {
    const path = await file("dup.csv", "id,text\na,x\nb,y\na,z\n");
    await expect(loadDataset(path, { mapping: { input: "body" }, seed: 1 })).rejects.toThrow(/input field "body" not found; available columns: id, text/);
    await expect(loadDataset(path, { mapping: { input: "text", label: "label" }, classNames: ["a", "b"], seed: 1 })).rejects.toThrow(
      /label field "label" not found/,
    );
    await expect(loadDataset(path, { mapping: { input: "text", id: "id" }, seed: 1 })).rejects.toThrow(/duplicate id "a" on lines 2 and 4/);
  });
});

describe("findInvalidUtf8 and jsonNestingDepth", () => {
  it("finds invalid, overlong, surrogate and truncated sequences", () => {
    expect(findInvalidUtf8(Buffer.from("héllo ✓ 𝄞"))).toBe(-1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xe2, 0x9c]))).toBe(1);
    expect(findInvalidUtf8(Buffer.from([0x61, 0xe2, 0x9c]), false)).toBe(-1);
  });

  it("ignores brackets in strings and escaped quotes", () => {
    expect(jsonNestingDepth('{"a": "[[[\\"{{"}')).toBe(1);
    expect(jsonNestingDepth("[[1],[[2]]]")).toBe(3);
  });
});
