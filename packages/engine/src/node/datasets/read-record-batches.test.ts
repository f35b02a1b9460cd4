import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceRecord } from "../../datasets/map-records";
import { readDelimited } from "./read-delimited";
import { readJsonl } from "./read-jsonl";
import { readRecordBatches, type ReadRecordBatchesOptions } from "./read-record-batches";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "read-record-batches-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function batches(path: string, options?: ReadRecordBatchesOptions): Promise<SourceRecord[][]> {
  const out: SourceRecord[][] = [];
  for await (const batch of readRecordBatches(path, options)) out.push(batch);
  return out;
}

async function collect(records: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

// Over 2 MiB: several 1 MiB reads and many 32 KiB decode pieces, so records and characters
// straddle both kinds of boundary.
const ROWS = 30_000;
const text = (i: number) => `row ${i}: "quoted", commas, é ✓ ${"x".repeat(i % 50)}`;

describe("readRecordBatches", () => {
  it("yields every record in order, in batches of at most batchRows, the same as the per-record readers", async () => {
    const jsonl = await file("many.jsonl", Array.from({ length: ROWS }, (_, i) => JSON.stringify({ i, text: text(i) })).join("\n") + "\n");
    const got = await batches(jsonl, { batchRows: 4096 });
    expect(got.map((b) => b.length)).toEqual([...Array(7).fill(4096), ROWS - 7 * 4096]);
    const flat = got.flat();
    expect(flat).toEqual(await collect(readJsonl(jsonl)));
    expect(flat[ROWS - 1]).toEqual({ line: ROWS, values: { i: ROWS - 1, text: text(ROWS - 1) } });

    const quoted = (i: number) => (i % 3 === 0 ? `"${text(i).replace(/"/g, '""')}\nsecond line"` : `"${text(i).replace(/"/g, '""')}"`);
    const csv = await file("many.csv", `i,text\r\n${Array.from({ length: ROWS }, (_, i) => `${i},${quoted(i)}`).join("\r\n")}\r\n`);
    const records = (await batches(csv)).flat();
    expect(records).toEqual(await collect(readDelimited(csv)));
    expect(records).toHaveLength(ROWS);
    // Every third row spans two lines, so row i starts on line 2 + i + ceil(i / 3).
    for (const i of [0, 1, 2, 3, 4, 12_345, ROWS - 1]) {
      expect(records[i]).toEqual({ line: 2 + i + Math.ceil(i / 3), values: { i: String(i), text: i % 3 === 0 ? `${text(i)}\nsecond line` : text(i) } });
    }
  });

  it("picks the format as loadDataset does: extension, then the first character; tab for .tsv; --columns", async () => {
    expect((await batches(await file("data", '\uFEFF {"a": 1}\n'))).flat()).toEqual([{ line: 1, values: { a: 1 } }]);
    expect((await batches(await file("semi.txt", "a;b\n1;2\n"))).flat()).toEqual([{ line: 2, values: { a: "1", b: "2" } }]);
    expect((await batches(await file("t.tsv", 'a\tb\n"1\t2"\n'))).flat()[0]!.values).toEqual({ a: '"1', b: '2"' });
    const headerless = await file("SMSSpamCollection", "ham\thi\nspam\twin\n");
    expect((await batches(headerless, { columns: ["label", "text"] })).flat().map((r) => [r.line, r.values.label])).toEqual([
      [1, "ham"],
      [2, "spam"],
    ]);
    expect((await batches(await file("forced.txt", '{"a": 1}\n'), { format: "jsonl" })).flat()).toHaveLength(1);
  });

  it("refuses a header with no data rows, an empty file and a bad batch size, naming the file", async () => {
    const headerOnly = await file("header-only.csv", "label,text\r\n\r\n");
    await expect(batches(headerOnly)).rejects.toMatchObject({ code: "DATASET_PARSE", details: { file: headerOnly } });
    await expect(batches(headerOnly)).rejects.toThrow(/header-only\.csv has no data rows \(only a header, or nothing\): add rows below the header row/);
    await expect(batches(await file("nothing.csv", ""))).rejects.toThrow(/nothing\.csv is empty/);
    await expect(batches(await file("blank.jsonl", "\n \n"))).rejects.toThrow(/blank\.jsonl is empty: no JSON objects/);
    await expect(batches(await file("empty-cols.tsv", ""), { columns: ["a"] })).rejects.toThrow(/empty-cols\.tsv is empty/);
    await expect(batches(headerOnly, { batchRows: 0 })).rejects.toThrow(/batchRows must be a positive integer, got 0/);
    await expect(batches(join(dir, "missing.jsonl"))).rejects.toMatchObject({ code: "DATASET_READ" });
  });

  it("reports the right line for errors deep in a large file", async () => {
    const good = Array.from({ length: ROWS }, (_, i) => JSON.stringify({ text: text(i) }));
    const bad = await file("deep-bad.jsonl", `${good.join("\n")}\n\n{"text": "oops",}\n`);
    await expect(batches(bad)).rejects.toThrow(new RegExp(`deep-bad\\.jsonl line ${ROWS + 2}: not valid JSON`));

    const head = Buffer.from(`${good.join("\n")}\n{"text": "caf`);
    const latin = await file("deep-latin.jsonl", Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('"}\n')]));
    await expect(batches(latin)).rejects.toThrow(new RegExp(`deep-latin\\.jsonl line ${ROWS + 1}: byte offset ${head.length} \\(0xe9\\) is not valid UTF-8`));

    const nulHead = Buffer.from(`i,text\n${Array.from({ length: ROWS }, (_, i) => `${i},"${text(i).replace(/"/g, '""')}"`).join("\n")}\n${ROWS},a`);
    const nul = await file("deep-nul.csv", Buffer.concat([nulHead, Buffer.from([0]), Buffer.from("b\n")]));
    await expect(batches(nul)).rejects.toThrow(new RegExp(`deep-nul\\.csv line ${ROWS + 2}: NUL byte at byte offset ${nulHead.length}`));

    const rows = Array.from({ length: ROWS }, (_, i) => `${i},"${i % 2 ? "two\nlines" : "one"}"`);
    const wide = await file("deep-wide.csv", `i,text\n${rows.join("\n")}\nlast,"x\ny",extra\n`);
    // ROWS rows, half of them on two lines, after the header: the bad row starts on line 2 + ROWS * 1.5.
    await expect(batches(wide)).rejects.toThrow(new RegExp(`deep-wide\\.csv line ${2 + ROWS * 1.5}: the header has 2 columns but the row has 3 fields`));

    const quote = await file("deep-quote.csv", `i,text\n${rows.join("\n")}\nlast,x"y\n`);
    await expect(batches(quote)).rejects.toThrow(new RegExp(`deep-quote\\.csv line ${2 + ROWS * 1.5}: Invalid Opening Quote`));
  });

  it("decodes characters cut by a 1 MiB read and finds an invalid byte right after one", async () => {
    const MiB = 1024 * 1024;
    // "é" (0xc3 0xa9) straddles the first read: its first byte is the read's last.
    const filler = '{"text": "' + "x".repeat(MiB - 21) + '"}\n{"t": "';
    expect(Buffer.byteLength(filler)).toBe(MiB - 1);
    const straddle = await file("straddle.jsonl", Buffer.concat([Buffer.from(filler), Buffer.from('é"}\n')]));
    expect((await batches(straddle)).flat().map((r) => r.values)).toEqual([{ text: "x".repeat(MiB - 21) }, { t: "é" }]);
    const broken = await file("broken-straddle.jsonl", Buffer.concat([Buffer.from(filler), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]));
    await expect(batches(broken)).rejects.toThrow(new RegExp(`broken-straddle\\.jsonl line 2: byte offset ${MiB - 1} \\(0xc3\\) is not valid UTF-8`));
    // A whole character ("✓", 3 bytes) and "a" end the first read; the invalid byte opens the second.
    const whole = Buffer.from(`${'{"text": "' + "x".repeat(MiB - 24)}"}\n{"t": "✓a`);
    expect(whole.length).toBe(MiB);
    const after = await file("after-boundary.jsonl", Buffer.concat([whole, Buffer.from([0xff]), Buffer.from('"}\n')]));
    await expect(batches(after)).rejects.toThrow(new RegExp(`after-boundary\\.jsonl line 2: byte offset ${MiB} \\(0xff\\) is not valid UTF-8`));
  });

  it("closes the file when the caller stops early", async () => {
    const path = await file("early.jsonl", Array.from({ length: ROWS }, (_, i) => JSON.stringify({ i })).join("\n"));
    // Linux shows a process's open files in /proc; elsewhere only the re-read below is checked.
    const openFiles = async () => (existsSync("/proc/self/fd") ? (await readdir("/proc/self/fd")).length : 0);
    const before = await openFiles();
    for await (const batch of readRecordBatches(path, { batchRows: 10 })) {
      expect(batch[0]!.values).toEqual({ i: 0 });
      break;
    }
    expect(await openFiles()).toBe(before);
    expect((await batches(path)).flat()).toHaveLength(ROWS);
  });
});
