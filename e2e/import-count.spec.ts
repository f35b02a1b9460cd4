import { expect, test } from "@playwright/test";
import { createOwnedProject, createPrismaClient, type PrismaClient } from "@alchemist/db";
import { DEMO_LOGIN } from "./auth-state";

// Issue 15: a headerless file past the 2,000 previewed rows shows its exact row count, and the
// "first row is data" reading imports every row, the first one included.
const ROWS = 2345;
const csv = Array.from({ length: ROWS }, (_, i) => `${i % 2},${i % 2 ? "win a free prize now" : "see you at lunch"} message ${i}`).join("\n") + "\n";

let prisma: PrismaClient;
let projectId: string;

test.beforeAll(async () => {
  prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_LOGIN.email } });
  projectId = (await createOwnedProject(prisma, owner.id, { name: `Import count e2e ${Date.now().toString(36)}` })).id;
});

test.afterAll(async () => {
  await prisma?.$disconnect();
});

test("a headerless file: the header that looks like data is flagged, and read as data it shows and imports exactly N rows", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await expect(page.getByTestId("upload-input")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("upload-header")).toBeChecked();
  await page.getByTestId("upload-input").setInputFiles({ name: "sms-headerless.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  // Read with a header, the first row ("0,see you at lunch message 0") became the column names: flagged, one row short.
  await expect(page.getByTestId("header-warning")).toContainText("The first row looks like data");
  await expect(page.getByTestId("start-import")).toHaveText(`Import ${(ROWS - 1).toLocaleString("en-US")} rows`);

  await page.getByTestId("read-without-header").click();
  await expect(page.getByTestId("upload-header")).not.toBeChecked();
  await expect(page.getByTestId("header-warning")).toHaveCount(0);
  // The exact count, not "2,000+": the rows past the preview are counted to the end of the file.
  await expect(page.getByTestId("start-import")).toHaveText(`Import ${ROWS.toLocaleString("en-US")} rows`);
  await expect(page.getByTestId("map-input-column_2")).toBeVisible();
  if (!(await page.getByTestId("map-input-column_2").isChecked())) await page.getByTestId("map-input-column_2").check();
  if (await page.getByTestId("map-input-column_1").isChecked()) await page.getByTestId("map-input-column_1").uncheck();
  await page.screenshot({ path: testInfo.outputPath("import-count.png"), fullPage: true });

  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText(`Imported ${ROWS} rows`, { timeout: 90_000 });
  const dataset = await prisma.dataset.findFirstOrThrow({ where: { projectId }, select: { id: true, rowCount: true } });
  expect(dataset.rowCount).toBe(ROWS);
  expect(await prisma.row.count({ where: { datasetId: dataset.id } })).toBe(ROWS);
  // the first line of the file is a row, not a header
  const first = await prisma.row.findFirstOrThrow({ where: { datasetId: dataset.id }, orderBy: { index: "asc" }, select: { fields: true } });
  expect(Object.values(first.fields as Record<string, unknown>)).toContain("see you at lunch message 0");
});
