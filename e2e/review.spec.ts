import { expect, test, type Page } from "@playwright/test";
import { addMember, createPrismaClient, upsertPasswordUser } from "@alchemist/db";
import pg from "pg";
import { readDemoAnalysis } from "./demo-analysis";

const REVIEWER = { email: "reviewer@alchemist.local", password: "reviewer-e2e-2026", name: "Rita Reviewer" } as const;
let projectId: string;

test.beforeAll(async () => {
  const databaseUrl = process.env.E2E_DATABASE_URL ?? "";
  projectId = (await readDemoAnalysis(databaseUrl)).projectId;
  // A second member for team review: a plain reviewer of the demo project.
  const prisma = createPrismaClient(databaseUrl);
  try {
    const user = await upsertPasswordUser(prisma, REVIEWER);
    await addMember(prisma, projectId, user.id, "REVIEWER");
  } finally {
    await prisma.$disconnect();
  }
});

/** Presses a shortcut and waits until the number of labelled rows on the page reaches `expected`. */
async function readGold(rowId: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ gold: number | null; goldSource: string }>(`SELECT gold, "goldSource" FROM "Row" WHERE id = $1`, [rowId])).rows[0];
  } finally {
    await client.end();
  }
}

async function pressAndWait(page: Page, key: string, expected: number) {
  const labelled = page.locator('[data-testid="review-list-item"][data-state="labelled"]');
  const correction = page.getByTestId("review-correction");
  await page.keyboard.press(key);
  // Demo rows come with imported gold: a label that changes it asks for the correction first,
  // which the same key confirms.
  await expect(labelled.nth(expected - 1).or(correction)).toBeVisible();
  if (await correction.isVisible()) await page.keyboard.press(key);
  await expect(labelled).toHaveCount(expected);
}

test("review five rows of the demo project from the keyboard; the review gold count grows", async ({ page }, testInfo) => {
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("tab-review").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/review`));
  // Loaded directly (not by clicking), so no link keeps the focus that Enter would activate.
  await page.goto(`/projects/${projectId}/review?order=conflict`);
  // The order is computed by a review-order job (queued by this first view if no apply queued it): "computing…", then the queue.
  await expect(page.getByTestId("review-order-note")).toContainText("programs disagree", { timeout: 30_000 });
  const gold = page.getByTestId("review-gold-count");
  const before = Number(await gold.getAttribute("data-reviewed"));
  await expect(page.getByTestId("review-list-item")).toHaveCount(20);
  await expect(page.getByTestId("review-votes").locator("tr")).toHaveCount(4);

  const first = await page.getByTestId("review-item").getAttribute("data-row-id");
  await pressAndWait(page, "a", 1); // accept the suggestion
  await expect(page.getByTestId("review-item")).not.toHaveAttribute("data-row-id", first!);
  await pressAndWait(page, "2", 2); // correct to class 2 (spam)
  await pressAndWait(page, "Enter", 3); // accept again
  await page.keyboard.press("s"); // skip one row
  await pressAndWait(page, "1", 4); // ham
  await page.keyboard.press("k"); // back to the labelled row...
  await page.keyboard.press("j"); // ...and forward again
  await page.keyboard.press("j");
  await pressAndWait(page, "a", 5);
  await expect(gold).toHaveAttribute("data-reviewed", String(before + 5));
  await page.screenshot({ path: testInfo.outputPath("review-page.png"), fullPage: true });

  // The labels are gold on the server: a fresh load counts them and no longer lists those rows.
  await page.reload();
  await expect(page.getByTestId("review-gold-count")).toHaveAttribute("data-reviewed", String(before + 5));
  await expect(page.getByTestId("review-item")).not.toHaveAttribute("data-row-id", first!);
});

test("a DEV label re-scores the programs; pseudolabels then order the queue by uncertainty", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const applyJobs = async () => {
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    try {
      const result = await client.query<{ status: string }>(
        `SELECT status FROM "Job" WHERE "projectId" = $1 AND queue = 'apply-programs' ORDER BY "createdAt" DESC`,
        [projectId],
      );
      return result.rows.map((r) => r.status);
    } finally {
      await client.end();
    }
  };
  await page.goto(`/projects/${projectId}/review?order=conflict&split=DEV`);
  await expect(page.getByTestId("review-item")).toBeVisible();
  // A re-score the previous test's DEV labels started must finish first, or this one would only join it.
  await expect.poll(async () => (await applyJobs()).every((status) => status !== "QUEUED" && status !== "RUNNING"), { timeout: 60_000 }).toBe(true);
  const before = (await applyJobs()).length;
  await pressAndWait(page, "2", 1);
  await expect(page.getByTestId("review-status")).toContainText(/re-scored|already queued/);
  // The worker re-analyses the run (all votes are stored) and refits the label model.
  await expect
    .poll(
      async () => {
        const jobs = await applyJobs();
        return jobs.length > before && jobs[0] === "SUCCEEDED";
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  // The re-score's completion queues the uncertainty order's job; the page shows it computing, then the order.
  await page.goto(`/projects/${projectId}/review?order=uncertainty`);
  await expect(page.getByTestId("review-order-note")).toContainText("Most uncertain pseudolabels first", { timeout: 30_000 });
  await expect(page.getByTestId("review-pseudolabel")).toContainText("% confidence");
  await page.screenshot({ path: testInfo.outputPath("review-uncertainty.png"), fullPage: true });
});

test("team review: a blind batch for two reviewers, a disagreement adjudicated into gold, agreement statistics", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(`/projects/${projectId}/review/batches`);
  const form = page.getByTestId("create-batch-form");
  const name = `e2e round ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Rows", { exact: true }).fill("3");
  await form.getByLabel("Reviewers per row (overlap)").fill("2");
  await form.getByLabel("Pick rows by").selectOption("random");
  // Exactly the two of us, whoever else the demo project has by now.
  for (const box of await form.getByTestId("batch-reviewer").all()) await box.uncheck();
  await form.getByRole("checkbox", { name: /Demo/ }).check();
  await form.getByRole("checkbox", { name: new RegExp(REVIEWER.name) }).check();
  await page.getByTestId("create-batch").click();
  const batch = page.getByTestId("batch-row").filter({ hasText: name });
  await expect(batch).toHaveCount(1);
  await expect(batch.getByTestId("batch-mine")).toHaveText("0 / 3");

  // The owner labels all three rows ham; blind: no votes, no pseudolabel.
  await batch.getByTestId("batch-open").click();
  await expect(page.getByTestId("batch-label-page")).toBeVisible();
  await expect(page.getByTestId("review-votes")).toHaveCount(0);
  await pressAndWait(page, "1", 1);
  await pressAndWait(page, "1", 2);
  await pressAndWait(page, "1", 3);
  const batchUrl = page.url();

  // The reviewer signs in in a fresh browser and labels the same rows ham, spam, ham.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const reviewer = await context.newPage();
  await reviewer.goto("/sign-in");
  await reviewer.getByLabel("Email").fill(REVIEWER.email);
  await reviewer.getByLabel("Password").fill(REVIEWER.password);
  await reviewer.getByRole("button", { name: "Sign in" }).click();
  await expect(reviewer).toHaveURL(/\/projects$/);
  await reviewer.goto(batchUrl);
  await expect(reviewer.getByTestId("review-list-item")).toHaveCount(3);
  await expect(reviewer.getByTestId("review-votes")).toHaveCount(0);
  await pressAndWait(reviewer, "1", 1);
  await pressAndWait(reviewer, "2", 2);
  await pressAndWait(reviewer, "1", 3);
  // Reviewers cannot adjudicate.
  await reviewer.goto(`${batchUrl}/adjudicate`);
  await expect(reviewer.getByTestId("forbidden")).toBeVisible();
  await expect(reviewer.getByTestId("adjudicate-page")).toHaveCount(0);
  await context.close();

  await page.goto(`${batchUrl}/adjudicate`);
  // Unanimous rows whose imported gold differs wait here too (data-kind="gold-conflict"): consensus never overwrites gold.
  const disagreements = page.locator('[data-testid="disagreement"][data-kind="disagreement"]');
  await expect(disagreements).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("adjudicate-page.png"), fullPage: true });
  const rowId = (await disagreements.getAttribute("data-row-id"))!;
  const goldBefore = await readGold(rowId);
  await disagreements.getByTestId("adjudicate-1").click();
  // Changing the row's imported gold is an explicit correction.
  if (goldBefore?.gold !== 1) await disagreements.getByTestId("adjudicate-correct").click();
  // Decided rows leave the list; the decision is the row's gold now.
  await expect(disagreements).toHaveCount(0);
  expect(await readGold(rowId)).toEqual({ gold: 1, goldSource: "REVIEW" });

  await page.goto(`${batchUrl}/stats`);
  await expect(page.getByTestId("stats-pair")).toHaveCount(1);
  await expect(page.getByTestId("stats-pair")).toContainText("66.7%");
  // 2 of 3 rows agree with 5 ham and 1 spam overall: Fleiss' kappa is (2/3 - 26/36) / (1 - 26/36) = -0.200.
  await expect(page.getByTestId("stats-fleiss")).toHaveText("-0.200");
  await expect(page.getByTestId("stats-programs")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("agreement-page.png"), fullPage: true });
});
