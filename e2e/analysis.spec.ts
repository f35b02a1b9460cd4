import pg from "pg";
import { expect, test } from "@playwright/test";
import { percent, readDemoAnalysis, type DemoAnalysis } from "./demo-analysis";

interface StoredProgram {
  name: string;
  coverage: number;
  votes?: number;
  conflictRows?: number;
  devIncorrect?: number;
}

let demo: DemoAnalysis;
let stored: { rows: number; programs: StoredProgram[]; pairs: { overlap: number[]; conflict: number[] } };

// The whole stored snapshot (seeded by global setup), so expected figures are read, not hard-coded.
test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL ?? "";
  demo = await readDemoAnalysis(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(`SELECT analysis FROM "Run" WHERE "projectId" = $1 AND status = 'SUCCEEDED' ORDER BY "createdAt" DESC LIMIT 1`, [
      demo.projectId,
    ]);
    stored = result.rows[0].analysis;
  } finally {
    await client.end();
  }
});

test("analysis: summary, charts, heatmap and click-through to the rows behind them", async ({ page }, info) => {
  await page.goto(`/projects/${demo.projectId}`);
  await page.getByTestId("tab-analysis").click();
  await expect(page.getByTestId("analysis-page")).toBeVisible();
  await expect(page.getByTestId("summary-coverage")).toHaveText(percent(demo.summary.coverage));
  await expect(page.getByTestId("analysis-row")).toHaveCount(demo.programs.length);
  for (const chart of ["chart-coverage", "chart-overlap", "chart-conflict", "chart-accuracy"]) {
    await expect(page.getByTestId(chart).getByTestId("bar")).toHaveCount(demo.programs.length);
  }
  const m = demo.programs.length;
  const heatmap = page.getByTestId("heatmap");
  await expect(heatmap.getByTestId("heatmap-cell")).toHaveCount(m * m);
  await expect(heatmap).toHaveAttribute("data-mode", "conflict");
  await expect(heatmap.locator('[data-a="0"][data-b="1"]')).toHaveAttribute("data-count", String(stored.pairs.conflict[1]));
  await page.getByTestId("heatmap-overlap").click();
  await expect(heatmap).toHaveAttribute("data-mode", "overlap");
  await expect(heatmap.locator('[data-a="0"][data-b="1"]')).toHaveAttribute("data-count", String(stored.pairs.overlap[1]));
  await page.screenshot({ path: info.outputPath("analysis-page.png"), fullPage: true });

  // Click a program: the rows where it votes, with its vote on each, paged on the server.
  const first = stored.programs[0]!;
  await page.getByTestId("analysis-row").first().getByTestId("program-fires-link").click();
  await expect(page.getByTestId("click-through-title")).toHaveText(`Rows where ${first.name} votes`);
  await expect(page.getByTestId("click-through-total")).toHaveText(`${first.votes} rows`);
  const rows = page.getByTestId("click-row");
  await expect(rows).toHaveCount(Math.min(25, first.votes!));
  await expect(rows.first().getByTestId("click-row-vote").filter({ hasText: first.name })).toHaveCount(1);
  if (first.votes! > 25) {
    await page.getByTestId("click-next").click();
    await expect(page.getByTestId("click-page")).toContainText("Page 2 of");
    await expect(rows).toHaveCount(Math.min(25, first.votes! - 25));
  }

  // Click a heatmap cell: the rows where that pair disagrees.
  const pair = stored.pairs.conflict.findIndex((c, x) => c > 0 && Math.floor(x / m) !== x % m);
  if (pair >= 0) {
    const [a, b] = [Math.floor(pair / m), pair % m];
    // The toggle keeps its state across the client-side navigations above.
    await page.getByTestId("heatmap-conflict").click();
    await expect(page.getByTestId("heatmap")).toHaveAttribute("data-mode", "conflict");
    await page.getByTestId("heatmap").locator(`[data-a="${a}"][data-b="${b}"]`).click();
    await expect(page.getByTestId("click-through-title")).toHaveText(
      `Rows where ${stored.programs[a]!.name} and ${stored.programs[b]!.name} vote different classes`,
    );
    await expect(page.getByTestId("click-row")).toHaveCount(Math.min(25, stored.pairs.conflict[pair]!));
  }

  // "Wrong on dev": only dev rows, each with its gold label shown.
  const wrong = stored.programs.findIndex((p) => (p.devIncorrect ?? 0) > 0);
  if (wrong >= 0) {
    await page.getByTestId("analysis-row").nth(wrong).getByTestId("program-wrong-link").click();
    await expect(page.getByTestId("click-row")).toHaveCount(Math.min(25, stored.programs[wrong]!.devIncorrect!));
    for (const gold of await page.getByTestId("click-row-gold").allTextContents()) expect(gold).not.toBe("—");
  }
  await page.screenshot({ path: info.outputPath("analysis-click-through.png"), fullPage: true });
});

test("label model: refit, then the models side by side on dev, the chosen one and learned accuracies", async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.goto(`/projects/${demo.projectId}/analysis`);
  await page.getByTestId("tab-label-model").click();
  await expect(page.getByTestId("label-model-page")).toBeVisible();
  // The demo seed stores votes and the analysis but fits nothing: refit from the stored votes.
  if ((await page.getByTestId("label-model-table").count()) === 0) {
    await page.getByTestId("refit-label-models").click();
    await expect(page.getByTestId("label-model-table")).toBeVisible({ timeout: 90_000 });
  }
  const models = page.getByTestId("label-model-row");
  await expect(models).toHaveCount(5);
  await expect(page.locator('[data-testid="label-model-row"][data-chosen="true"]')).toHaveCount(1);
  const chosen = await page.locator('[data-testid="label-model-row"][data-chosen="true"]').getAttribute("data-name");
  await expect(page.getByTestId("chosen-name")).toHaveText(chosen!);
  await expect(page.getByTestId("chosen-label-model")).toContainText("dev");
  await expect(page.getByTestId("learned-accuracy-row")).toHaveCount(demo.programs.length);
  await expect(page.getByTestId("chart-estimated-balance").getByTestId("bar")).toHaveCount(2);
  await expect(page.getByTestId("chart-dev-balance").getByTestId("bar")).toHaveCount(2);
  await page.screenshot({ path: info.outputPath("label-model-page.png"), fullPage: true });
});
