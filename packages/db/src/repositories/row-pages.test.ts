import type { DataRow } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { saveChunkVotes } from "./program-outputs";
import { createProject } from "./projects";
import { readVoteRowPage, type VoteRowFilter } from "./row-pages";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

// 23 rows in chunks of 2 (12 chunks, the last holds 1 row): more chunks than one scan batch.
const N = 23;
const CHUNK = 2;
const split = (i: number) => (i % 4 === 1 ? "dev" : i % 4 === 3 ? "test" : "train") as DataRow["split"];
const gold = (i: number) => (i % 3 === 0 ? 1 : 0);
// Three programs with known votes; "c" duplicates "a"'s code hash to check shared columns.
const vote = [(i: number) => (i % 2 === 0 ? 1 : -1), (i: number) => (i % 3 === 0 ? -1 : i % 5 === 0 ? 1 : 0), (i: number) => (i % 2 === 0 ? 1 : -1)];
const hashes = ["hash-a", "hash-b", "hash-a"];

function expected(filter: VoteRowFilter): number[] {
  const v = (j: number, i: number) => vote[j]!(i);
  const all = Array.from({ length: N }, (_, i) => i);
  switch (filter.kind) {
    case "fires":
      return all.filter((i) => v(filter.program, i) >= 0);
    case "conflicts":
      return all.filter((i) => v(filter.program, i) >= 0 && [0, 1, 2].some((j) => v(j, i) >= 0 && v(j, i) !== v(filter.program, i)));
    case "pair-overlap":
      return all.filter((i) => v(filter.a, i) >= 0 && v(filter.b, i) >= 0);
    case "pair-conflict":
      return all.filter((i) => v(filter.a, i) >= 0 && v(filter.b, i) >= 0 && v(filter.a, i) !== v(filter.b, i));
    case "wrong-on-dev":
      return all.filter((i) => split(i) === "dev" && v(filter.program, i) >= 0 && v(filter.program, i) !== gold(i));
  }
}

async function seed() {
  const project = await createProject(db.prisma, { name: `click-${Math.random().toString(36).slice(2, 8)}` });
  const rows: DataRow[] = Array.from({ length: N }, (_, i) => ({ id: `r${i}`, fields: { text: `message ${i}` }, split: split(i), gold: gold(i) }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: CHUNK });
  for (const j of [0, 1]) {
    for (let c = 0; c * CHUNK < N; c++) {
      const idx = Array.from({ length: Math.min(CHUNK, N - c * CHUNK) }, (_, r) => c * CHUNK + r);
      await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: hashes[j]!, chunkIndex: c, votes: Int8Array.from(idx, (i) => vote[j]!(i)) });
    }
  }
  return dataset;
}

describe("readVoteRowPage", () => {
  const filters: VoteRowFilter[] = [
    { kind: "fires", program: 1 },
    { kind: "conflicts", program: 0 },
    { kind: "pair-overlap", a: 0, b: 1 },
    { kind: "pair-conflict", a: 1, b: 2 },
    { kind: "wrong-on-dev", program: 1 },
  ];

  it("pages through exactly the matching rows, across chunks, with every program's votes", async () => {
    const dataset = await seed();
    for (const filter of filters) {
      const want = expected(filter);
      expect(want.length, filter.kind).toBeGreaterThan(0);
      const pageSize = 3;
      const got: number[] = [];
      for (let page = 0; page * pageSize < want.length; page++) {
        const result = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter, page, pageSize });
        expect(result.rows.length, `${filter.kind} page ${page}`).toBe(Math.min(pageSize, want.length - page * pageSize));
        for (const row of result.rows) {
          expect(row.votes).toEqual([0, 1, 2].map((j) => vote[j]!(row.index)));
          expect(row.fields).toEqual({ text: `message ${row.index}` });
          expect(row.gold).toBe(row.split === "DEV" ? gold(row.index) : null);
        }
        got.push(...result.rows.map((r) => r.index));
      }
      expect(got, filter.kind).toEqual(want);
      // Past the end: empty, and the scan saw every chunk, so `matched` is the exact total.
      const beyond = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter, page: Math.ceil(want.length / pageSize), pageSize });
      expect(beyond.rows).toEqual([]);
      expect(beyond.complete).toBe(true);
      expect(beyond.matched).toBe(want.length);
    }
  });

  it("stops scanning once the first page is full", async () => {
    const dataset = await seed();
    const first = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter: { kind: "fires", program: 0 }, page: 0, pageSize: 2 });
    expect(first.rows.map((r) => r.index)).toEqual([0, 2]);
    expect(first.chunksScanned).toBe(2);
    expect(first.complete).toBe(false);
  });

  it("stops at the known total, so the last page and empty filters skip the tail of the dataset", async () => {
    const dataset = await seed();
    // Program 1 is wrong on one dev row only (row 5, chunk 2).
    const filter: VoteRowFilter = { kind: "wrong-on-dev", program: 1 };
    const want = expected(filter);
    expect(want).toEqual([5]);
    const last = Math.floor((want.length - 1) / 2);
    const scanAll = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter, page: last, pageSize: 2 });
    const known = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter, page: last, pageSize: 2, total: want.length });
    expect(known.rows).toEqual(scanAll.rows);
    expect(known.complete).toBe(true);
    expect(known.chunksScanned).toBe(Math.floor(want.at(-1)! / CHUNK) + 1);
    expect(known.chunksScanned).toBeLessThan(scanAll.chunksScanned);
    const none = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter, page: 0, pageSize: 2, total: 0 });
    expect(none).toEqual({ rows: [], matched: 0, complete: true, chunksScanned: 0 });
  });

  it("never shows train or test gold, and refuses bad filters and missing chunks by name", async () => {
    const dataset = await seed();
    const page = await readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter: { kind: "fires", program: 1 }, page: 0, pageSize: 50 });
    expect(page.rows.some((r) => r.split === "TEST")).toBe(true);
    for (const row of page.rows) if (row.split !== "DEV") expect(row.gold).toBeNull();
    await expect(readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter: { kind: "fires", program: 3 }, page: 0, pageSize: 5 })).rejects.toThrow(
      /program 3 is outside 0..2/,
    );
    await expect(
      readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter: { kind: "pair-conflict", a: 1, b: 1 }, page: 0, pageSize: 5 }),
    ).rejects.toThrow(/never conflicts with itself/);
    await expect(readVoteRowPage(db.prisma, { dataset, codeHashes: hashes, filter: { kind: "fires", program: 0 }, page: 0, pageSize: 500 })).rejects.toThrow(
      /pageSize must be 1..200/,
    );
    await expect(
      readVoteRowPage(db.prisma, { dataset, codeHashes: ["hash-missing"], filter: { kind: "fires", program: 0 }, page: 0, pageSize: 5 }),
    ).rejects.toThrow(/hash-missing has no votes for chunk 0/);
  });
});
