import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { createProject } from "./projects";
import { getPromptTemplate, savePromptTemplate, zeroShotTokenSum } from "./prompt-templates";
import { deleteProjectSecret, listProjectSecrets, readProjectSecret, setProjectSecret } from "./secrets";
import {
  addTaskDocument,
  deleteTaskDocument,
  getSupplementaryInfo,
  listTaskDocuments,
  readExemplarRows,
  readTaskPassages,
  saveSupplementaryInfo,
  searchRows,
} from "./supplementary-info";

let db: TestDatabase;
const key = randomBytes(32);
const splits = ["train", "dev", "test"] as const;
const rows = Array.from({ length: 90 }, (_, i) => ({
  id: `r${i}`,
  fields: { text: i % 2 ? `win a 100% prize_${i}` : `lunch at ${i}` },
  split: splits[i % 3]!,
  gold: i % 2,
}));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("project secrets (real Postgres)", () => {
  it("stores keys encrypted, lists metadata only, replaces, deletes, and a row copied to another project does not decrypt", async () => {
    const a = await createProject(db.prisma, { name: "a" });
    const b = await createProject(db.prisma, { name: "b" });
    await setProjectSecret(db.prisma, { projectId: a.id, provider: "openai", apiKey: "sk-first-key-1111", actorId: null, key });
    const info = await setProjectSecret(db.prisma, { projectId: a.id, provider: "openai", apiKey: " sk-second-key-2222 ", actorId: null, key });
    expect(info).toMatchObject({ provider: "openai", last4: "2222", baseUrl: null });
    expect(JSON.stringify(await listProjectSecrets(db.prisma, a.id))).not.toMatch(/sk-|ciphertext/);
    expect(await readProjectSecret(db.prisma, a.id, "openai", key)).toEqual({ apiKey: "sk-second-key-2222", baseUrl: null });
    expect(await readProjectSecret(db.prisma, b.id, "openai", key)).toBeNull();
    expect(await db.prisma.projectSecret.count({ where: { projectId: a.id } })).toBe(1);

    const row = await db.prisma.projectSecret.findFirstOrThrow({ where: { projectId: a.id } });
    await db.prisma.projectSecret.create({
      data: { projectId: b.id, provider: "openai", ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag, last4: row.last4 },
    });
    await expect(readProjectSecret(db.prisma, b.id, "openai", key)).rejects.toThrow(/cannot be decrypted/);
    await expect(readProjectSecret(db.prisma, a.id, "openai", randomBytes(32))).rejects.toThrow(/SECRETS_KEY differs/);

    await expect(
      setProjectSecret(db.prisma, { projectId: a.id, provider: "openai-compatible", apiKey: "sk-local-key-3333", actorId: null, key }),
    ).rejects.toThrow(/needs the server's base URL/);
    await expect(setProjectSecret(db.prisma, { projectId: a.id, provider: "gemini", apiKey: "sk-local-key-3333", actorId: null, key })).rejects.toThrow(
      /unknown provider "gemini"/,
    );
    expect(await deleteProjectSecret(db.prisma, a.id, "openai")).toBe(true);
    expect(await deleteProjectSecret(db.prisma, a.id, "openai")).toBe(false);
  });
});

describe("supplementary info, documents and template (real Postgres)", () => {
  it("searches train/dev rows with keyset pages, escapes LIKE wildcards, never offers test rows or train gold", async () => {
    const project = await createProject(db.prisma, { name: "s" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows });
    const first = await searchRows(db.prisma, dataset.id, { query: "PRIZE", limit: 10 });
    expect(first.rows).toHaveLength(10);
    expect(first.rows.every((r) => r.split !== "TEST" && /prize/.test(String(r.fields.text)))).toBe(true);
    expect(first.rows.every((r) => (r.split === "DEV" ? r.devGold === 1 : r.devGold === null))).toBe(true);
    const second = await searchRows(db.prisma, dataset.id, { query: "prize", limit: 10, afterIndex: first.nextAfterIndex! });
    expect(second.rows[0]!.index).toBeGreaterThan(first.rows.at(-1)!.index);
    // 90 rows, 45 "win", 30 of them outside test
    const all = await searchRows(db.prisma, dataset.id, { query: "prize", limit: 100 });
    expect(all.rows).toHaveLength(30);
    expect(all.nextAfterIndex).toBeNull();
    expect((await searchRows(db.prisma, dataset.id, { query: "100%", limit: 100 })).rows).toHaveLength(30);
    expect((await searchRows(db.prisma, dataset.id, { query: "_", limit: 100 })).rows).toHaveLength(30);
    expect((await searchRows(db.prisma, dataset.id, { query: "", limit: 100, split: "DEV" })).rows).toHaveLength(30);
  });

  it("saves keywords, rules and exemplars (no test rows, labels in range), documents as passages, and the template", async () => {
    const project = await createProject(db.prisma, { name: "t" });
    const dataset = await createDatasetWithRows(db.prisma, { projectId: project.id, name: "d", rows });
    const stored = await db.prisma.row.findMany({ where: { datasetId: dataset.id }, orderBy: { index: "asc" }, take: 3 });
    const [train, dev, test] = stored as [(typeof stored)[0], (typeof stored)[0], (typeof stored)[0]];
    expect(await getSupplementaryInfo(db.prisma, project.id)).toEqual({ keywords: "", rules: "", exemplars: [] });
    const saved = await saveSupplementaryInfo(
      db.prisma,
      project.id,
      {
        keywords: "spam: win",
        rules: "r",
        exemplars: [
          { rowId: dev.id, label: 1 },
          { rowId: train.id, label: 0 },
        ],
      },
      2,
    );
    expect(saved.exemplars).toEqual([
      { rowId: dev.id, label: 1 },
      { rowId: train.id, label: 0 },
    ]);
    expect((await readExemplarRows(db.prisma, project.id, saved.exemplars)).map((e) => [e.externalId, e.label])).toEqual([
      ["r1", 1],
      ["r0", 0],
    ]);
    await expect(saveSupplementaryInfo(db.prisma, project.id, { keywords: "", rules: "", exemplars: [{ rowId: test.id, label: 0 }] }, 2)).rejects.toThrow(
      /test rows cannot be exemplars.*r2/,
    );
    await expect(saveSupplementaryInfo(db.prisma, project.id, { keywords: "", rules: "", exemplars: [{ rowId: dev.id, label: 2 }] }, 2)).rejects.toThrow(
      /label must be a class index 0\.\.1, got 2/,
    );
    const other = await createProject(db.prisma, { name: "other" });
    await expect(saveSupplementaryInfo(db.prisma, other.id, { keywords: "", rules: "", exemplars: [{ rowId: dev.id, label: 0 }] }, 2)).rejects.toThrow(
      /not rows of this project/,
    );
    expect((await getSupplementaryInfo(db.prisma, project.id)).keywords).toBe("spam: win");

    const doc = await addTaskDocument(db.prisma, { projectId: project.id, name: "guide.md", bytes: 20, chunks: ["one", "two"], actorId: null });
    expect(await readTaskPassages(db.prisma, project.id)).toEqual([
      { id: "guide.md#0", source: "guide.md", text: "one" },
      { id: "guide.md#1", source: "guide.md", text: "two" },
    ]);
    expect((await listTaskDocuments(db.prisma, project.id))[0]).toMatchObject({ name: "guide.md", chunks: 2 });
    expect(await deleteTaskDocument(db.prisma, other.id, doc.id)).toBe(false);
    expect(await deleteTaskDocument(db.prisma, project.id, doc.id)).toBe(true);
    expect(await readTaskPassages(db.prisma, project.id)).toEqual([]);

    expect(await savePromptTemplate(db.prisma, project.id, { mission: "m {task}", system: "  " })).toEqual({ mission: "m {task}" });
    expect(await getPromptTemplate(db.prisma, project.id)).toEqual({ mission: "m {task}" });
    // the template row also holds the supplementary info: saving one keeps the other
    expect((await getSupplementaryInfo(db.prisma, project.id)).keywords).toBe("spam: win");
  });

  it("sums zero-shot prompt tokens in Postgres, per row rounded up", async () => {
    const project = await createProject(db.prisma, { name: "z" });
    const dataset = await createDatasetWithRows(db.prisma, {
      projectId: project.id,
      name: "d",
      rows: [
        { id: "a", fields: { text: "abc" }, split: "train" },
        { id: "b", fields: { text: "abcdefgh" }, split: "dev" },
      ],
    });
    // ceil((10 + 3) / 4) + ceil((10 + 8) / 4) = 4 + 5
    expect(await zeroShotTokenSum(db.prisma, dataset.id, { fields: ["text"], fixedChars: 10 })).toEqual({ rows: 2, inputTokens: 9 });
    // {"text":"abc"} is 14 characters: ceil(24/4) + ceil(29/4) = 6 + 8
    expect(await zeroShotTokenSum(db.prisma, dataset.id, { fields: ["text", "missing"], fixedChars: 10 })).toEqual({
      rows: 2,
      inputTokens: Math.ceil((10 + 29) / 4) + Math.ceil((10 + 34) / 4),
    });
  });
});
