import type { DataRow } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { saveChunkVotes } from "./program-outputs";
import { createProject } from "./projects";
import { savePseudolabels } from "./pseudolabels";
import { browseRows, searchQuery, type RowBrowseQuery } from "./row-browser";
import { readRowDetail } from "./row-detail";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

// 37 rows in chunks of 5 (the last holds 2), two classes, two programs.
const N = 37;
const CHUNK = 5;
const WORDS = ["free entry prize", "call me later", "Free ringtone now", "see you at lunch"];
const split = (i: number) => (i % 5 === 1 ? "dev" : i % 5 === 3 ? "test" : "train") as DataRow["split"];
const gold = (i: number) => (i % 4 === 0 ? undefined : i % 2);
const vote = [(i: number) => (i % 3 === 0 ? -1 : i % 2), (i: number) => (i % 4 === 0 ? -1 : i % 7 === 0 ? 1 - (i % 2) : i % 2)];
const hashes = ["hash-a", "hash-b"];
const p1 = (i: number) => ((i * 37) % 100) / 100; // probability of class 1
const confidence = (i: number) => Math.fround(Math.max(p1(i), 1 - p1(i)));
const plabel = (i: number) => (p1(i) > 1 - p1(i) ? 1 : 0);

async function seed() {
  const project = await createProject(db.prisma, { name: `browse-${Math.random().toString(36).slice(2, 8)}` });
  const rows: DataRow[] = Array.from({ length: N }, (_, i) => ({
    id: `r${String(N - i).padStart(3, "0")}`,
    fields: { text: `${WORDS[i % 4]} number${i}`, note: i === 5 ? "zebra" : 7 },
    split: split(i),
    gold: gold(i),
  }));
  const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows, chunkSize: CHUNK });
  for (const j of [0, 1]) {
    for (let c = 0; c * CHUNK < N; c++) {
      const idx = Array.from({ length: Math.min(CHUNK, N - c * CHUNK) }, (_, r) => c * CHUNK + r);
      await saveChunkVotes(db.prisma, { datasetId: dataset.id, codeHash: hashes[j]!, chunkIndex: c, votes: Int8Array.from(idx, (i) => vote[j]!(i)) });
    }
  }
  const run = await db.prisma.run.create({ data: { projectId: project.id, datasetId: dataset.id, programs: [] } });
  await savePseudolabels(db.prisma, {
    runId: run.id,
    chunkSize: CHUNK,
    probs: { n: N, k: 2, values: Array.from({ length: N }, (_, i) => [1 - p1(i), p1(i)]).flat() },
  });
  return { dataset, run: { id: run.id, codeHashes: hashes } };
}

function expected(q: Omit<RowBrowseQuery, "page" | "pageSize">): number[] {
  const all = Array.from({ length: N }, (_, i) => i).filter((i) => {
    const text = `${WORDS[i % 4]} number${i} ${i === 5 ? "zebra" : ""}`.toLowerCase();
    if (
      q.q &&
      !q.q
        .toLowerCase()
        .split(/\s+/)
        .every((w) => text.split(/\s+/).some((t) => t.startsWith(w)))
    )
      return false;
    if (q.split && split(i).toUpperCase() !== q.split) return false;
    if (q.gold === "none" && gold(i) !== undefined) return false;
    if (q.gold === "has" && gold(i) === undefined) return false;
    if (typeof q.gold === "number" && gold(i) !== q.gold) return false;
    if (q.pseudolabel !== undefined && plabel(i) !== q.pseudolabel) return false;
    if (q.confidenceMin !== undefined && confidence(i) < Math.fround(q.confidenceMin)) return false;
    if (q.confidenceMax !== undefined && confidence(i) > Math.fround(q.confidenceMax)) return false;
    if (q.vote) {
      const v = vote[q.vote.program]!(i);
      if (q.vote.value === "abstain" ? v >= 0 : q.vote.value === "fires" ? v < 0 : v !== q.vote.value) return false;
    }
    if (q.conflict !== undefined) {
      const vs = [0, 1].map((j) => vote[j]!(i)).filter((v) => v >= 0);
      if (new Set(vs).size > 1 !== q.conflict) return false;
    }
    return true;
  });
  if (q.sort === "-index") return all.reverse();
  if (q.sort === "id") return all.sort((a, b) => b - a); // external ids count down
  if (q.sort === "confidence") return all.sort((a, b) => confidence(a) - confidence(b) || a - b);
  if (q.sort === "-confidence") return all.sort((a, b) => confidence(b) - confidence(a) || a - b);
  return all;
}

describe("browseRows", () => {
  it("returns exactly the rows matching each search, filter and sort, page by page", async () => {
    const { dataset, run } = await seed();
    const queries: Omit<RowBrowseQuery, "page" | "pageSize">[] = [
      {},
      // Unfiltered row order is a range of indices (no query); by id it still asks Postgres.
      { sort: "-index" },
      { sort: "id" },
      { q: "free" },
      { q: "FREE ring" },
      { q: "zeb" },
      { q: "number1" },
      { split: "DEV" },
      { gold: "none" },
      { gold: "has", split: "TRAIN" },
      { gold: 1 },
      { pseudolabel: 1 },
      { confidenceMin: 0.6, confidenceMax: 0.8 },
      { vote: { program: 0, value: "abstain" } },
      { vote: { program: 1, value: "fires" } },
      { vote: { program: 1, value: 0 }, q: "call" },
      { conflict: true },
      { conflict: false, gold: 0 },
      { sort: "-index", split: "TEST" },
      { sort: "id", q: "lunch" },
      { sort: "confidence", conflict: false },
      { sort: "-confidence" },
      { sort: "-index", vote: { program: 0, value: 1 } },
    ];
    for (const q of queries) {
      const want = expected(q);
      const got: number[] = [];
      for (let page = 0; page * 4 < Math.max(1, want.length); page++) {
        const result = await browseRows(db.prisma, { dataset, run, query: { ...q, page, pageSize: 4 } });
        expect(result.total, JSON.stringify(q)).toBe(want.length);
        expect(result.pages).toBe(Math.max(1, Math.ceil(want.length / 4)));
        got.push(...result.rows.map((r) => r.index));
      }
      expect(got, JSON.stringify(q)).toEqual(want);
    }
  });

  it("clamps a page past the end to the last page and attaches each row's pseudolabel", async () => {
    const { dataset, run } = await seed();
    const result = await browseRows(db.prisma, { dataset, run, query: { page: 99, pageSize: 10 } });
    expect(result.page).toBe(3);
    expect(result.rows.map((r) => r.index)).toEqual([30, 31, 32, 33, 34, 35, 36]);
    expect(result.rows[0]!.pseudolabel).toEqual({ label: plabel(30), confidence: confidence(30) });
    // Each row as stored: its ids, split, gold and where the gold came from, and its fields.
    expect(result.rows[1]).toEqual({
      id: expect.any(String),
      index: 31,
      externalId: `r${String(N - 31).padStart(3, "0")}`,
      split: "DEV",
      gold: gold(31),
      goldSource: "GOLD_IMPORT",
      fields: { text: `${WORDS[31 % 4]} number31`, note: 7 },
      pseudolabel: { label: plabel(31), confidence: confidence(31) },
    });
    expect(result.rows[2]!.gold).toBeNull(); // row 32 has no gold
  });

  it("refuses run filters without a run, and a program outside the run, with what to do", async () => {
    const { dataset, run } = await seed();
    await expect(browseRows(db.prisma, { dataset, run: null, query: { conflict: true, page: 0, pageSize: 5 } })).rejects.toThrow(
      /no analysed run yet: apply programs first/,
    );
    const error = await browseRows(db.prisma, { dataset, run, query: { vote: { program: 2, value: 0 }, page: 0, pageSize: 5 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toMatch(/program 3 is not in this run \(it has 2\)/);
    const bare = await db.prisma.run.create({
      data: { projectId: (await db.prisma.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).projectId, datasetId: dataset.id, programs: [] },
    });
    await expect(
      browseRows(db.prisma, { dataset, run: { id: bare.id, codeHashes: hashes }, query: { sort: "confidence", page: 0, pageSize: 5 } }),
    ).rejects.toThrow(/no pseudolabels yet: refit its label model/);
  });

  it("reads one row whole with every program's vote and the class probabilities", async () => {
    const { dataset, run } = await seed();
    const detail = await readRowDetail(db.prisma, {
      dataset,
      run: {
        id: run.id,
        programs: [
          { name: "a", codeHash: "hash-a" },
          { name: "b", codeHash: "hash-b" },
        ],
      },
      index: 14,
    });
    expect(detail).toMatchObject({
      index: 14,
      externalId: "r023",
      split: "TRAIN",
      gold: 0,
      votes: [
        { name: "a", vote: vote[0]!(14) },
        { name: "b", vote: vote[1]!(14) },
      ],
    });
    expect(detail!.probs).toEqual([Math.fround(1 - p1(14)), Math.fround(p1(14))]);
    expect(await readRowDetail(db.prisma, { dataset, run: null, index: N })).toBeNull();
  });
});

describe("searchQuery", () => {
  it("keeps only words, as required prefixes", () => {
    expect(searchQuery("Free  entry!")).toBe("'free':* & 'entry':*");
    expect(searchQuery("it's & | ! (:*")).toBe("'it':* & 's':*");
    expect(searchQuery("  ?! ")).toBeNull();
    expect(searchQuery("café 42")).toBe("'café':* & '42':*");
  });
});
