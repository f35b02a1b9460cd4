import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset";
import { readRecordBatches } from "./read-record-batches";
import { sniffHeaderRow } from "./sniff-header-row";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "reading-options-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function records(path: string, options: Parameters<typeof readRecordBatches>[1] = {}) {
  const out = [];
  for await (const batch of readRecordBatches(path, options)) out.push(...batch.map((r) => r.values));
  return out;
}

const medabsClasses = ["neoplasms", "digestive", "nervous", "cardiovascular", "general"];
const medabsMap = { "1": "neoplasms", "2": "digestive", "3": "nervous", "4": "cardiovascular", "5": "general" };

describe("header options", () => {
  it("--no-header without names calls the columns column_1, column_2, ...", async () => {
    const path = await file("nohead.tsv", "ham\thello\nspam\twin big\n");
    expect(await records(path, { header: false })).toEqual([
      { column_1: "ham", column_2: "hello" },
      { column_1: "spam", column_2: "win big" },
    ]);
  });

  it("header: true with columns replaces the header's names and skips its row", async () => {
    const path = await file("renamed.csv", "a,b\n1,x\n2,y\n");
    expect(await records(path, { header: true, columns: ["label", "text"] })).toEqual([
      { label: "1", text: "x" },
      { label: "2", text: "y" },
    ]);
    await expect(records(path, { header: true, columns: ["only"] })).rejects.toThrow(/renamed\.csv line 1: the header has 2 columns but --columns names 1/);
  });

  it("a file with only a header row fails naming the file", async () => {
    const path = await file("header-only.csv", "label,text\n");
    await expect(records(path)).rejects.toThrow(/header-only\.csv has no data rows \(only a header, or nothing\).*--no-header/);
  });

  it("sniffs a first row that looks like data and suggests --no-header --columns in the error", async () => {
    const path = await file(
      "SMSSpam",
      "ham\tGo until jurong point, crazy.. Available only in bugis\nspam\tFree entry in 2 a wkly comp to win\nham\tOk lar joking wif u oni\n",
    );
    expect((await sniffHeaderRow(path, { delimiter: "\t" }))?.dataReason).toMatch(/reads like text|also a value/);
    const load = loadDataset(path, { mapping: { input: "text", label: "label" }, classNames: ["ham", "spam"], seed: 1 });
    await expect(load).rejects.toThrow(/the first row looks like data, not a header \(.*\): read the file with --no-header --columns label,text$/);
    const ds = await loadDataset(path, {
      mapping: { input: "text", label: "label" },
      header: false,
      columns: ["label", "text"],
      classNames: ["ham", "spam"],
      seed: 1,
    });
    expect(ds.rows.map((r) => r.gold)).toEqual([0, 1, 0]);
  });

  it("a real header row gives the general advice", async () => {
    const path = await file("header.csv", "body,label\nhello there,ham\n");
    await expect(loadDataset(path, { mapping: { input: "text" }, seed: 1 })).rejects.toThrow(
      /the first row was read as the header: if the file has no header row, read it with --no-header/,
    );
  });
});

describe("label maps in loadDataset", () => {
  it("reads 1-based MedAbs labels through a label map", async () => {
    const path = await file("medabs.csv", 'condition_label,medical_abstract\n3,"Obstructive sleep apnea, a study."\n5,Neutrophil function\n1,Tumour growth\n');
    const ds = await loadDataset(path, {
      mapping: { input: "medical_abstract", label: "condition_label" },
      classNames: medabsClasses,
      labelMap: medabsMap,
      seed: 1,
    });
    expect(ds.rows.map((r) => r.gold)).toEqual([2, 4, 0]);
    await expect(loadDataset(path, { mapping: { input: "medical_abstract", label: "condition_label" }, classNames: medabsClasses, seed: 1 })).rejects.toThrow(
      /line 3: label "5" is not one of the classes .* the labels look 1-based/,
    );
  });
});

describe("encodings", () => {
  const latin = Buffer.concat([Buffer.from("id,text\n1,ok\n2,caf"), Buffer.from([0xe9]), Buffer.from(" cr"), Buffer.from([0xe8]), Buffer.from("me\n")]);

  it("suggests latin-1 for a lone high byte, showing what Latin-1 would read", async () => {
    const path = await file("latin.csv", latin);
    const error = await records(path).catch((e: unknown) => e as Error & { details: Record<string, unknown> });
    expect((error as Error).message).toMatch(
      /latin\.csv line 3: byte offset 18 \(0xe9\) is not valid UTF-8; as Latin-1 it reads "2,café crème": choose the latin-1 encoding \(--encoding latin-1\)/,
    );
    expect((error as { details: Record<string, unknown> }).details.suggestedEncoding).toBe("latin-1");
    expect(await records(path, { encoding: "latin1" })).toEqual([
      { id: "1", text: "ok" },
      { id: "2", text: "café crème" },
    ]);
  });

  it("reads UTF-16 without a BOM in either byte order with encoding utf-16, and suggests it otherwise", async () => {
    const text = "id,text\n1,héllo\n";
    const le = await file("le.csv", Buffer.from(text, "utf16le"));
    const be = await file("be.csv", Buffer.from(text, "utf16le").swap16());
    expect(await records(le, { encoding: "utf-16" })).toEqual([{ id: "1", text: "héllo" }]);
    expect(await records(be, { encoding: "utf-16" })).toEqual([{ id: "1", text: "héllo" }]);
    await expect(records(le)).rejects.toThrow(
      /le\.csv line 1: NUL byte at byte offset 1; this looks like UTF-16 text \(little-endian\) without a byte order mark: choose the utf-16 encoding \(--encoding utf-16\)/,
    );
    await expect(records(be)).rejects.toThrow(/be\.csv line 1: NUL byte at byte offset 0; this looks like UTF-16 text \(big-endian\)/);
  });

  it("still calls a binary file binary", async () => {
    const path = await file("blob.csv", Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x00, 0x00, 0x01, 0xff, 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03]));
    await expect(records(path)).rejects.toThrow(/NUL byte at byte offset 4; this looks like a binary file/);
  });
});
