import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "./load-dataset";
import { readParquetBatches } from "./read-parquet-batches";
import { readRecordBatches } from "./read-record-batches";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parquet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const N = 2500;
const texts = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? `win a free prize #${i}` : `see you at lunch #${i}`));
const labels = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? 1 : 0));
const splits = Array.from({ length: N }, (_, i) => (i % 10 === 0 ? "test" : i % 10 === 1 ? "validation" : "train"));

/** A Hugging Face-style file: text, int64 label, split; `rowGroupSize` rows per row group. */
async function parquetFile(name: string, options: { rowGroupSize?: number; codec?: "SNAPPY" | "GZIP" | "UNCOMPRESSED" } = {}): Promise<string> {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "text", data: texts, type: "STRING" },
      { name: "label", data: labels.map(BigInt), type: "INT64" },
      { name: "split", data: splits, type: "STRING" },
    ],
    rowGroupSize: options.rowGroupSize ?? 1000,
    codec: options.codec ?? "SNAPPY",
    compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
  });
  const path = join(dir, name);
  await writeFile(path, new Uint8Array(buffer));
  return path;
}

describe("readParquetBatches", () => {
  it("streams every row group in order, int64 labels as numbers, batches no larger than asked", async () => {
    const path = await parquetFile("train.parquet", { rowGroupSize: 700 });
    const sizes: number[] = [];
    const rows: Record<string, unknown>[] = [];
    for await (const batch of readParquetBatches(path, { batchRows: 300 })) {
      sizes.push(batch.length);
      rows.push(...batch.map((r) => r.values));
      expect(batch[0]!.line).toBe(rows.length - batch.length + 1);
    }
    expect(rows).toHaveLength(N);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300);
    // row groups of 700: 300, 300, 100, 300, 300, 100, ... (a batch never spans two groups)
    expect(sizes.slice(0, 4)).toEqual([300, 300, 100, 300]);
    expect(rows[1233]).toEqual({ text: texts[1233], label: 0, split: splits[1233] });
  });

  it.each(["SNAPPY", "GZIP", "UNCOMPRESSED"] as const)("reads %s row groups", async (codec) => {
    const path = await parquetFile(`codec-${codec}.parquet`, { codec });
    let count = 0;
    let last: Record<string, unknown> = {};
    for await (const batch of readRecordBatches(path)) {
      count += batch.length;
      last = batch.at(-1)!.values;
    }
    expect(count).toBe(N);
    expect(last).toEqual({ text: texts[N - 1], label: labels[N - 1], split: splits[N - 1] });
  });

  it("is found by its bytes whatever its name, and refuses what is not Parquet", async () => {
    const hidden = await parquetFile("data.bin");
    let count = 0;
    for await (const batch of readRecordBatches(hidden)) count += batch.length;
    expect(count).toBe(N);
    const fake = join(dir, "fake.parquet");
    await writeFile(fake, "text,label\nhello,1\n");
    await expect(readParquetBatches(fake).next()).rejects.toThrow(/fake\.parquet is not a Parquet file \(it does not start with PAR1\)/);
    const truncated = join(dir, "truncated.parquet");
    await writeFile(truncated, Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(40, 7), Buffer.from("PAR1")]));
    await expect(readParquetBatches(truncated).next()).rejects.toThrow(/truncated\.parquet: unreadable Parquet footer/);
  });

  it("refuses a value past the field limit and more columns than the limit, naming the row", async () => {
    const path = await parquetFile("limits.parquet");
    await expect(async () => {
      for await (const _ of readParquetBatches(path, { limits: { maxFieldChars: 20 } })) void _;
    }).rejects.toThrow(/limits\.parquet: column "text" holds 21 characters; the limit is 20 \(row 101\)/);
    await expect(readParquetBatches(path, { limits: { maxColumns: 2 } }).next()).rejects.toThrow(/the Parquet schema has 3 columns; the limit is 2/);
  });
});

describe("loadDataset on Parquet", () => {
  it("maps fields, gold and the Hugging Face split column like any other file", async () => {
    const path = await parquetFile("hf.parquet");
    const ds = await loadDataset(path, { mapping: { input: "text", label: "label", split: "split" }, classNames: ["ham", "spam"], seed: 1 });
    expect(ds.name).toBe("hf");
    expect(ds.rows).toHaveLength(N);
    expect(ds.rows.filter((r) => r.split === "dev")).toHaveLength(N / 10);
    expect(ds.rows[4]).toEqual({ id: "5", fields: { text: texts[4], split: "train" }, gold: 1, split: "train" });
  });
});
