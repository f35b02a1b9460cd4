import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { exportModelOnnx, MlpClassifier, RowFeaturizer } from "@alchemist/engine";
import { bytesToVotes, createPrismaClient, runPrograms, savePseudolabels } from "@alchemist/db";
import pg from "pg";
import { mlpParamsFromJson } from "../packages/engine/src/models/mlp-json";
import { readDemoAnalysis } from "./demo-analysis";

// The demo project's rows page and gold corrections, as a user does them in Chromium.
type DemoRow = { id: string; index: number; text: string; split: string; gold: number | null };
let projectId: string;
let datasetId: string;
let rows: DemoRow[];
let programs: { programId: string; name: string; votes: Int8Array }[];
const CLASSES = ["ham", "spam"];

async function sql<T extends pg.QueryResultRow>(query: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(query, values)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  const databaseUrl = process.env.E2E_DATABASE_URL ?? "";
  projectId = (await readDemoAnalysis(databaseUrl)).projectId;
  const prisma = createPrismaClient(databaseUrl);
  try {
    const dataset = await prisma.dataset.findFirstOrThrow({ where: { projectId }, orderBy: { createdAt: "desc" } });
    datasetId = dataset.id;
    const run = await prisma.run.findFirstOrThrow({ where: { datasetId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" } });
    // The rows page filters by the label model's pseudolabels: give the demo run seeded ones if no fit stored any yet.
    if ((await prisma.pseudolabel.count({ where: { runId: run.id } })) === 0) {
      const p = (i: number) => 0.05 + ((i * 37) % 90) / 100;
      await savePseudolabels(prisma, {
        runId: run.id,
        chunkSize: dataset.chunkSize,
        probs: { n: dataset.rowCount, k: 2, values: Array.from({ length: dataset.rowCount }, (_, i) => [1 - p(i), p(i)]).flat() },
      });
    }
    const stored = await prisma.row.findMany({
      where: { datasetId },
      orderBy: { index: "asc" },
      select: { id: true, index: true, fields: true, split: true, gold: true },
    });
    rows = stored.map((r) => ({ id: r.id, index: r.index, text: String((r.fields as { text: string }).text), split: r.split.toLowerCase(), gold: r.gold }));
    programs = [];
    for (const program of runPrograms(run)) {
      const outputs = await prisma.programOutput.findMany({ where: { datasetId, codeHash: program.codeHash }, orderBy: { chunkIndex: "asc" } });
      programs.push({ programId: program.programId, name: program.name, votes: Int8Array.from(outputs.flatMap((o) => [...bytesToVotes(o.votes)])) });
    }
  } finally {
    await prisma.$disconnect();
  }
});

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const filters = (page: Page) => page.getByTestId("rows-filters");

async function apply(page: Page) {
  await filters(page).getByRole("button", { name: "Apply" }).click();
}

test("rows page: full-text search, filters, sort, jump to page and a row drawer, all in a shareable URL", async ({ page }, testInfo) => {
  const base = `/projects/${projectId}/datasets/${datasetId}`;
  await page.goto(base);
  await expect(page.getByTestId("rows-summary")).toHaveText(`${rows.length} rows`);
  const pages = Math.ceil(rows.length / 50);
  await expect(page.getByTestId("page-indicator")).toHaveText(`Page 1 of ${pages}`);

  // Jump straight to a page (not Next-only).
  await page.getByLabel("Go to page").fill(String(pages - 1));
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`page=${pages - 1}`));
  await expect(page.getByTestId("page-indicator")).toHaveText(`Page ${pages - 1} of ${pages}`);
  await expect(page.getByTestId("data-row").first()).toHaveAttribute("data-index", String((pages - 2) * 50));

  // Full-text search typed at human speed, with a split filter: exactly the rows holding a word that starts with it.
  await page.goto(base);
  const term = "win";
  const expected = rows.filter((r) => r.split === "train" && words(r.text).some((w) => w.startsWith(term)));
  expect(expected.length).toBeGreaterThan(0);
  await filters(page).getByRole("searchbox", { name: "Search" }).pressSequentially(term, { delay: 60 });
  await filters(page)
    .getByRole("combobox", { name: /^Split/ })
    .selectOption("train");
  await apply(page);
  await expect(page).toHaveURL(/q=win/);
  await expect(page.getByTestId("rows-summary")).toContainText(`${expected.length} of ${rows.length} rows match`);
  await expect(page.getByTestId("data-row")).toHaveCount(Math.min(50, expected.length));
  expect((await page.getByTestId("data-row").evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-index"))))).slice(0, 50)).toEqual(
    expected.slice(0, 50).map((r) => r.index),
  );

  // A program's vote plus conflict: the rows where it voted spam while another program voted ham.
  const program = programs.find((p) => p.votes.some((v, i) => v === 1 && programs.some((q) => q.votes[i] === 0)))!;
  const conflicted = rows.filter((r) => program.votes[r.index] === 1 && programs.some((q) => q.votes[r.index] === 0));
  await page.goto(base);
  await filters(page)
    .getByRole("combobox", { name: /^Program/ })
    .selectOption({ label: program.name });
  await filters(page)
    .getByRole("combobox", { name: /^Its vote/ })
    .selectOption({ label: "spam" });
  await filters(page)
    .getByRole("combobox", { name: /^Conflict/ })
    .selectOption("yes");
  await filters(page).getByRole("combobox", { name: /^Sort/ }).selectOption("confidence");
  await apply(page);
  await expect(page.getByTestId("rows-summary")).toContainText(`${conflicted.length} of ${rows.length} rows match`);
  await expect(page.getByTestId("data-row")).toHaveCount(Math.min(50, conflicted.length));
  // Least sure first: the pseudolabel confidences shown never decrease.
  const confidences = (await page.locator('[data-testid="data-row"] td:nth-child(5)').allTextContents()).map((t) => Number(/(\d+)%/.exec(t)![1]));
  expect(confidences).toEqual([...confidences].sort((a, b) => a - b));

  // The row drawer: full text, every program's vote, the pseudolabel; the URL opens it again.
  const first = page.getByTestId("data-row").first();
  const index = Number(await first.getAttribute("data-index"));
  await first.getByRole("link", { name: `Open row ${index + 1}` }).click();
  const drawer = page.getByRole("dialog", { name: `Row ${index + 1}` });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId("drawer-field")).toHaveText(rows[index]!.text);
  await expect(drawer.getByTestId("drawer-votes").locator("tr")).toHaveCount(programs.length);
  for (const p of programs)
    await expect(drawer.getByTestId("drawer-votes").locator("tr", { hasText: p.name })).toContainText(
      p.votes[index]! < 0 ? "abstains" : CLASSES[p.votes[index]!]!,
    );
  await expect(drawer.getByTestId("drawer-pseudolabel").locator("li")).toHaveCount(2);
  await expect(drawer.getByTestId("drawer-gold")).toHaveText(rows[index]!.gold === null ? "none" : CLASSES[rows[index]!.gold!]!);
  await page.screenshot({ path: testInfo.outputPath("rows-drawer.png"), fullPage: true });
  const shared = page.url();
  expect(shared).toMatch(new RegExp(`prog=${program.programId}.*vote=1.*conflict=yes.*sort=confidence.*row=${index}`));

  // Someone opening the link sees the same view: filters filled in, same rows, the drawer open.
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByTestId("rows-summary")).toContainText(`${conflicted.length} of ${rows.length} rows match`);
  await expect(filters(other).getByRole("combobox", { name: /^Conflict/ })).toHaveValue("yes");
  await expect(other.getByRole("dialog", { name: `Row ${index + 1}` })).toBeVisible();
  await other.getByRole("dialog").getByRole("link", { name: "Close" }).click();
  await expect(other.getByRole("dialog")).toHaveCount(0);
  await expect(other).not.toHaveURL(/row=/);
  await other.close();
});

test("review shows a row's current gold; changing it is an explicit, audited correction, also after batch consensus", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/projects/${projectId}/review?order=conflict`);
  await expect(page.getByTestId("review-item")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("review-queue")).toHaveAttribute("data-ready", "true");
  const rowId = (await page.getByTestId("review-item").getAttribute("data-row-id"))!;
  const [before] = await sql<{ gold: number; goldSource: string }>(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [rowId]);
  await expect(page.getByTestId("review-gold")).toContainText(`Current gold: ${CLASSES[before!.gold]}`);
  const other = 1 - before!.gold;

  // Esc keeps the gold: nothing is written.
  await page.keyboard.press(String(other + 1));
  await expect(page.getByTestId("review-correction")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("review-correction")).toHaveCount(0);
  expect((await sql(`SELECT gold FROM "Row" WHERE id = $1`, [rowId]))[0]).toEqual({ gold: before!.gold });

  // The correction, with a reason typed at human speed.
  await page.getByTestId(`review-class-${other}`).click();
  await page.getByTestId("review-correction-reason").pressSequentially("keyword fooled the importer", { delay: 40 });
  await page.getByTestId("review-correction-confirm").click();
  await expect(page.getByTestId("review-status")).toContainText(`gold corrected from ${CLASSES[before!.gold]} to ${CLASSES[other]}`);
  expect((await sql(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [rowId]))[0]).toEqual({ gold: other, goldSource: "REVIEW" });
  await page.goto(`/projects/${projectId}/audit`);
  await expect(page.getByTestId("audit-row").filter({ hasText: "keyword fooled the importer" }).first()).toHaveAttribute("data-action", "label.correct");

  // Team batch (not blind, only me): my label against the row's imported gold is flagged, not written.
  await page.goto(`/projects/${projectId}/review/batches`);
  const form = page.getByTestId("create-batch-form");
  const name = `gold guard ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Rows", { exact: true }).fill("1");
  await form.getByLabel("Reviewers per row (overlap)").fill("1");
  await form.getByLabel("Pick rows by").selectOption("random");
  await form.getByLabel(/Blind:/).uncheck();
  for (const box of await form.getByTestId("batch-reviewer").all()) await box.uncheck();
  await form.getByRole("checkbox", { name: /Demo/ }).check();
  await page.getByTestId("create-batch").click();
  const batch = page.getByTestId("batch-row").filter({ hasText: name });
  await batch.getByTestId("batch-open").click();
  await expect(page.getByTestId("review-queue")).toHaveAttribute("data-ready", "true");
  const batchRow = (await page.getByTestId("review-item").getAttribute("data-row-id"))!;
  const [imported] = await sql<{ gold: number; goldSource: string }>(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [batchRow]);
  expect(imported!.goldSource).toBe("GOLD_IMPORT");
  const auditTrail = async () =>
    (await sql<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY "createdAt", id`, [batchRow])).map((a) => a.action);
  const earlier = (await auditTrail()).length;
  await expect(page.getByTestId("review-gold")).toContainText(`Current gold: ${CLASSES[imported!.gold]} (imported with the data)`);
  const consensus = 1 - imported!.gold;
  await page.keyboard.press(String(consensus + 1));
  await expect(page.getByTestId("review-status")).toContainText("nothing was overwritten");
  expect((await sql(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [batchRow]))[0]).toEqual(imported);

  // The editor sees it on the adjudication page and corrects it explicitly.
  await page.goto(`${page.url().split("?")[0]}/adjudicate`);
  const flagged = page.locator(`[data-testid="disagreement"][data-row-id="${batchRow}"]`);
  await expect(flagged).toHaveAttribute("data-kind", "gold-conflict");
  await expect(flagged.getByTestId("gold-conflict")).toContainText(
    `Every reviewer chose ${CLASSES[consensus]}, but the row's gold is ${CLASSES[imported!.gold]}`,
  );
  await flagged.getByTestId(`adjudicate-${consensus}`).click();
  await flagged.getByTestId("adjudicate-correct").click();
  await expect(flagged).toHaveCount(0);
  expect((await sql(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [batchRow]))[0]).toEqual({ gold: consensus, goldSource: "REVIEW" });
  expect((await auditTrail()).slice(earlier)).toEqual(["label.annotate", "label.gold-conflict", "label.correct"]);
});

/** A real model.onnx over the input field "text" (TF-IDF + a small MLP on spam/ham phrases). */
function tinyModel(): Uint8Array {
  const spam = ["free prize now", "win a free phone", "claim your prize", "free entry win", "cash prize call now", "win win win"];
  const ham = ["see you at lunch", "call me later", "ok thanks", "love you mum", "dinner at eight?", "running late, sorry"];
  const texts = [...spam, ...ham];
  const featurizer = RowFeaturizer.fit(texts, { tfidf: { dimension: 256 } });
  const mlp = new MlpClassifier({ inputSize: featurizer.dimension, k: 2, hidden: [8], epochs: 30, seed: 1 });
  mlp.fit(featurizer.transform(texts), {
    n: texts.length,
    k: 2,
    values: new Float64Array(texts.map((_, i) => (i < spam.length ? [0.05, 0.95] : [0.95, 0.05])).flat()),
  });
  return exportModelOnnx({
    params: mlpParamsFromJson(mlp.toJSON()).params,
    features: featurizer.toJSON(),
    classNames: ["ham", "spam"],
    input: "text",
    taskName: "sms",
  });
}

test("label new data maps the file's columns to the model's input and the ids", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto(`/projects/${projectId}/predict`);
  const form = page.getByTestId("predict-form");
  await expect(form).toHaveAttribute("data-ready", "true");
  await page.getByTestId("predict-model").setInputFiles({ name: "sms.onnx", mimeType: "application/octet-stream", buffer: Buffer.from(tinyModel()) });
  // The text sits under "body" and the ids under "ref": nothing is named like the model's input.
  const csv = 'ref,body\nn1,"free prize, call now"\nn2,see you at dinner\nn3,win a free phone\nn4,thanks mum\n';
  await page.getByTestId("predict-data").setInputFiles({ name: "new.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const mapping = page.getByTestId("predict-mapping");
  await expect(mapping).toBeVisible();
  await expect(mapping.getByRole("combobox", { name: /Model input .text. from/ })).toHaveValue("body");
  await form.getByRole("combobox", { name: /^Id column/ }).selectOption("ref");
  await page.getByTestId("predict-submit").click();
  await expect(page.getByTestId("predict-done")).toContainText("4 rows:", { timeout: 45_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("predict-done").getByRole("link").click()]);
  const file = testInfo.outputPath("labels.csv");
  await download.saveAs(file);
  const lines = (await readFile(file, "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toBe("id,label,p_ham,p_spam");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["n1", "n2", "n3", "n4"]);
  expect(new Set(lines.slice(1).map((l) => l.split(",")[1]))).toEqual(new Set(["ham", "spam"]));
});
