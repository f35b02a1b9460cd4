import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceRecord } from "../../datasets/map-records";
import { readDelimited, type ReadDelimitedOptions } from "./read-delimited";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "read-delimited-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, content: string, options?: ReadDelimitedOptions): Promise<SourceRecord[]> {
  const path = join(dir, name);
  await writeFile(path, content);
  const out: SourceRecord[] = [];
  for await (const record of readDelimited(path, options)) out.push(record);
  return out;
}

describe("readDelimited", () => {
  it("reads a CSV with a BOM, quotes, escaped quotes and multi-line fields, with start lines", async () => {
    const csv = '\uFEFFid,text,label\n1,"hello, ""world""",ham\n2,"two\nlines",spam\n\n3,plain,ham\n';
    const records = await read("a.csv", csv);
    expect(records).toEqual([
      { line: 2, values: { id: "1", text: 'hello, "world"', label: "ham" } },
      { line: 3, values: { id: "2", text: "two\nlines", label: "spam" } },
      { line: 6, values: { id: "3", text: "plain", label: "ham" } },
    ]);
  });

  it("reads CRLF line endings", async () => {
    const records = await read("crlf.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n");
    expect(records).toEqual([
      { line: 2, values: { a: "1", b: "2" } },
      { line: 4, values: { a: "3", b: "4" } },
    ]);
  });

  it("reads a header-less TSV with given columns, quotes as plain text", async () => {
    const tsv = 'ham\t"Quoted" then more\nspam\tsay "hi\n';
    const records = await read("sms.tsv", tsv, { delimiter: "\t", columns: ["label", "text"] });
    expect(records.map((r) => r.values)).toEqual([
      { label: "ham", text: '"Quoted" then more' },
      { label: "spam", text: 'say "hi' },
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
  });

  it("rejects a row with the wrong number of columns, naming the line", async () => {
    await expect(read("bad.csv", "a,b\n1,2\n3,4,5\n")).rejects.toThrow(/bad\.csv line 3: .*2.*3/);
    await expect(read("bad.csv", "a,b\n1,2\n3,4,5\n")).rejects.toMatchObject({ code: "DATASET_PARSE" });
  });

  it("rejects an empty file, and yields nothing for a header-only file", async () => {
    await expect(read("empty.csv", "")).rejects.toThrow(/empty\.csv is empty/);
    await expect(read("empty2.csv", "", { columns: ["a"] })).rejects.toThrow(/is empty/);
    expect(await read("header.csv", "a,b\n")).toEqual([]);
  });

  it("rejects duplicate header columns and missing files", async () => {
    await expect(read("dup.csv", "a,b,a\n1,2,3\n")).rejects.toThrow(/dup\.csv line 1: column "a" appears twice/);
    const missing = readDelimited(join(dir, "nope.csv"));
    await expect(missing.next()).rejects.toMatchObject({ code: "DATASET_READ" });
  });
});
