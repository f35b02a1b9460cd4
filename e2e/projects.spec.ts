import { expect, test } from "@playwright/test";
import { percent, readDemoAnalysis, type DemoAnalysis } from "./demo-analysis";

let demo: DemoAnalysis;

test.beforeAll(async () => {
  demo = await readDemoAnalysis(process.env.E2E_DATABASE_URL ?? "");
});

test("the home page redirects to the projects list, which lists the demo project", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/projects$/);
  const row = page.getByTestId("project-row").filter({ hasText: demo.projectName });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("run-status")).toHaveText("Succeeded");
});

test("the demo project shows every program with its seeded coverage", async ({ page }, testInfo) => {
  await page.goto("/projects");
  await page.getByRole("link", { name: demo.projectName }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${demo.projectId}$`));
  await expect(page.getByTestId("project-name")).toHaveText(demo.projectName);

  const rows = page.getByTestId("program-row");
  await expect(rows).toHaveCount(demo.programs.length);
  expect(demo.programs).toHaveLength(4);
  for (const program of demo.programs) {
    const row = page.locator(`[data-testid="program-row"][data-program-name="${program.name}"]`);
    await expect(row.getByTestId("program-coverage")).toHaveText(percent(program.coverage));
  }
  await expect(page.getByTestId("summary-coverage")).toHaveText(percent(demo.summary.coverage));
  await expect(page.getByTestId("summary-overlap")).toHaveText(percent(demo.summary.overlap));
  await expect(page.getByTestId("summary-conflict")).toHaveText(percent(demo.summary.conflict));

  await page.screenshot({ path: testInfo.outputPath("project-page.png"), fullPage: true });
});

test("an unknown project id renders the 404 page", async ({ page }) => {
  const response = await page.goto("/projects/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the health endpoint reports the database as reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ ok: true, db: true });
});
