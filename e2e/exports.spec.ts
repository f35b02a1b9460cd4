import { readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import yazl from "yazl";
import { readDemoAnalysis, type DemoAnalysis } from "./demo-analysis";
import { createProject, query, ready } from "./studio-steps";

let demo: DemoAnalysis;
const databaseUrl = process.env.E2E_DATABASE_URL ?? "";

test.beforeAll(async () => {
  demo = await readDemoAnalysis(databaseUrl);
});

function tinyWrenchZip(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const files = {
    "label.json": { 0: "ham", 1: "spam" },
    "train.json": { 0: { label: 1, weak_labels: [1, -1], data: { text: "free prize now" } }, 1: { label: 0, weak_labels: [-1, 0], data: { text: "hi mom" } } },
    "valid.json": { 7: { label: 0, weak_labels: [-1, -1], data: { text: "lunch?" } } },
    "test.json": { 9: { label: 1, weak_labels: [1, 1], data: { text: "win cash" } } },
  };
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(JSON.stringify(content)), `sms/${name}`);
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream
      .on("data", (c: Buffer) => parts.push(c))
      .on("end", () => resolve(Buffer.concat(parts)))
      .on("error", reject);
  });
}

test("hostile uploads show a clear error naming the line or cause, and import nothing", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const projectId = await createProject(page, `Hostile ${Date.now()}`);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  const csv = 'id,text,label\n1,fine,ham\n2,"never closed,spam\n3,more,ham\n';
  await page.getByTestId("upload-input").setInputFiles({ name: "quotes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("upload-error")).toContainText("quotes.csv line 4: the file ends inside a quoted field");
  await page.screenshot({ path: testInfo.outputPath("hostile-quote.png"), fullPage: true });
  const latin1 = Buffer.concat([Buffer.from("id,text\n1,ok\n2,caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
  await page.getByTestId("upload-input").setInputFiles({ name: "latin.csv", mimeType: "text/csv", buffer: latin1 });
  await expect(page.getByTestId("upload-error")).toContainText("latin.csv line 3: byte offset 18 (0xe9) is not valid UTF-8");
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  await page.getByTestId("upload-input").setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: png });
  await expect(page.getByTestId("upload-error")).toContainText("photo.csv is a PNG image, not a text file");
  expect(await query(`SELECT id FROM "Dataset" WHERE "projectId" = $1`, [projectId])).toEqual([]);
});

test("the upload route refuses a body over UPLOAD_MAX_BYTES, declared or streamed (a 2 GB body stops at the limit)", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const projectId = await createProject(page, `Big upload ${Date.now()}`);
  const url = `${baseURL}/api/projects/${projectId}/uploads?fileName=big.csv`;
  // Declared too large: refused before a byte is stored.
  const declared = await page.request.post(url, { data: Buffer.alloc(11 * 1024 * 1024, "a,b\n"), headers: { "content-type": "text/csv" } });
  expect(declared.status()).toBe(413);
  expect((await declared.json()).error).toMatch(/^big\.csv is 11\.0 MiB; the limit is 10\.0 MiB/);
  // Streamed without a length: the route counts while writing and stops reading past the limit.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  let sent = 0;
  const chunk = new Uint8Array(1024 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= 2 * 1024 ** 3) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const abort = new AbortController();
  let sentAtAnswer = -1;
  const outcome = await fetch(url, {
    method: "POST",
    body,
    headers: { cookie, "content-type": "text/csv" },
    duplex: "half",
    signal: abort.signal,
  } as RequestInit & { duplex: "half" })
    .then(async (response) => {
      sentAtAnswer = sent;
      return { status: response.status, text: await response.text() };
    })
    .catch((error: Error) => ({ status: 0, text: error.message }))
    .finally(() => abort.abort());
  // The 413 arrives long before the 2 GB are sent (or the server drops the socket of a client still sending).
  if (outcome.status !== 0) {
    expect(outcome.status).toBe(413);
    expect(outcome.text).toContain("big.csv is over the 10.0 MiB upload limit");
    expect(sentAtAnswer).toBeLessThan(1024 ** 3);
  }
  expect(sent).toBeLessThan(2 * 1024 ** 3);
  const left = await readdir(join(tmpdir(), "alchemist-e2e-uploads")).catch(() => [] as string[]);
  expect(left.filter((f) => f.endsWith(".part"))).toEqual([]);
});

test("a WRENCH folder zip imports with its splits and gold labels", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const projectId = await createProject(page, `Wrench ${Date.now()}`);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles({ name: "sms-wrench.zip", mimeType: "application/zip", buffer: await tinyWrenchZip() });
  await expect(page.getByTestId("wrench-note")).toBeVisible();
  await expect(page.getByTestId("map-input-text")).toBeChecked();
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 4 rows", { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("wrench-imported.png"), fullPage: true });
  const rows = await query<{ externalId: string; split: string; gold: number }>(
    `SELECT r."externalId", r.split, r.gold FROM "Row" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d."projectId" = $1 ORDER BY r.index`,
    [projectId],
  );
  expect(rows).toEqual([
    { externalId: "train-0", split: "TRAIN", gold: 1 },
    { externalId: "train-1", split: "TRAIN", gold: 0 },
    { externalId: "dev-7", split: "DEV", gold: 0 },
    { externalId: "test-9", split: "TEST", gold: 1 },
  ]);
});

test("export the demo run's labels as CSV: the download has a probability per class on every row", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const [run] = await query<{ id: string }>(`SELECT id FROM "Run" WHERE "projectId" = $1 AND status = 'SUCCEEDED' ORDER BY "createdAt" DESC LIMIT 1`, [
    demo.projectId,
  ]);
  const labelled = async () => (await query(`SELECT 1 FROM "Pseudolabel" WHERE "runId" = $1 LIMIT 1`, [run!.id])).length > 0;
  if (!(await labelled())) {
    // The seeded run has votes but no label model yet: fit one the way a user would.
    await page.goto(`/projects/${demo.projectId}/label-model`);
    await page.getByTestId("refit-label-models").click();
    await expect.poll(labelled, { timeout: 120_000, intervals: [1000] }).toBe(true);
  }
  await page.goto(`/projects/${demo.projectId}/exports`);
  await expect(page.getByTestId("exports-page")).toBeVisible();
  await page.getByTestId("export-run").selectOption(run!.id);
  await page.getByTestId("export-format").selectOption("csv");
  await page.getByTestId("start-export").click();
  const item = page.getByTestId("export-item").first();
  await expect(item).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("exports.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), item.getByTestId("export-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^labels-run-.*\.csv$/);
  const file = testInfo.outputPath("labels.csv");
  await download.saveAs(file);
  const lines = (await readFile(file, "utf8")).trim().split("\n");
  const [rowCount] = await query<{ rowCount: number }>(`SELECT d."rowCount" FROM "Run" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE r.id = $1`, [run!.id]);
  expect(lines).toHaveLength(rowCount!.rowCount + 1);
  expect(lines[0]).toBe("id,split,gold,label,confidence,p_ham,p_spam,field_text");
  for (const line of lines.slice(1, 20)) {
    const cells = line.split(",");
    const [pHam, pSpam] = [Number(cells[5]), Number(cells[6])];
    expect(pHam + pSpam).toBeCloseTo(1, 4);
    expect(cells[3]).toBe(pSpam > pHam ? "spam" : "ham");
  }
});
