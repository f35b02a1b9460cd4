import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { setProgramCode } from "./program-steps";
import { createProject, query, ready } from "./studio-steps";

// The CLI's multi-label example: 120 headlines (80 train, 16 dev, 24 test) tagged with one or two topics (sports|tech).
const EXAMPLE = join(import.meta.dirname, "..", "examples", "multilabel");
const CLASSES = ["sports", "politics", "tech", "business"];
// Its three Python programs (each returns a list of topics or -1); the JavaScript one needs another task language.
const PROGRAMS = ["game_and_vote_words", "people_words", "short_headline"];

async function writeProgram(page: Page, projectId: string, name: string) {
  await page.goto(`/projects/${projectId}/programs/new`);
  await ready(page, "program-form");
  await page.getByTestId("program-name-input").fill(name);
  await setProgramCode(page, await readFile(join(EXAMPLE, "programs", `${name}.py`), "utf8"));
  await page.getByTestId("save-program").click();
  // A save runs the static check in the worker first (a cold sandbox takes a few seconds), then opens the program's page.
  await expect(page.getByRole("heading", { name: `${name} · v1` })).toBeVisible({ timeout: 60_000 });
}

test("a multi-label project: the task says multi-label, gold lists import, programs return class lists, label models and the MLP report micro-F1", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const projectId = await createProject(page, `Multi-label ${Date.now()}`);

  // The task first: a multi-label task reads its gold column as lists of these classes.
  await page.goto(`/projects/${projectId}/task`);
  await ready(page, "task-form");
  await page.getByTestId("task-name").fill("news topics");
  for (let i = 2; i < CLASSES.length; i++) await page.getByTestId("add-class").click();
  for (const [i, name] of CLASSES.entries()) await page.getByTestId(`class-name-${i}`).fill(name);
  await page.getByTestId("task-multi-label").check();
  await page.getByTestId("save-task").click();
  await expect(page.getByTestId("task-saved")).toBeVisible();
  const [task] = await query<{ multiLabel: boolean }>(`SELECT "multiLabel" FROM "Task" WHERE "projectId" = $1`, [projectId]);
  expect(task?.multiLabel).toBe(true);

  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles(join(EXAMPLE, "data.csv"));
  await expect(page.getByTestId("map-label")).toHaveValue("labels");
  await expect(page.getByTestId("class-names")).toHaveValue(CLASSES.join(", "));
  await expect(page.getByTestId("multi-label-note")).toBeVisible();
  await page.getByTestId("map-split").selectOption("split");
  await page.getByTestId("map-id").selectOption("id");
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 120 rows", { timeout: 60_000 });
  // Gold lists are stored as class-set bitmasks and shown as lists: row 2 is "sports|tech".
  const [row2] = await query<{ gold: number | null }>(
    `SELECT r."gold" FROM "Row" r JOIN "Dataset" d ON d."id" = r."datasetId" WHERE d."projectId" = $1 AND r."externalId" = '2'`,
    [projectId],
  );
  expect(row2?.gold).toBe(0b0101);
  await page.getByTestId("import-done").getByRole("link", { name: "Browse the rows" }).click();
  await expect(page.getByTestId("data-row").nth(1)).toContainText("sports|tech");

  // Gold lists are stored now: switching the task back to single-label is refused, naming why.
  await page.goto(`/projects/${projectId}/task`);
  await ready(page, "task-form");
  await page.getByTestId("task-multi-label").uncheck();
  await page.getByTestId("save-task").click();
  await expect(page.getByTestId("form-error")).toContainText("multi-label can only be switched before any gold is imported");
  const [still] = await query<{ multiLabel: boolean }>(`SELECT "multiLabel" FROM "Task" WHERE "projectId" = $1`, [projectId]);
  expect(still?.multiLabel).toBe(true);

  for (const name of PROGRAMS) await writeProgram(page, projectId, name);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId("program-row")).toHaveCount(PROGRAMS.length);
  await page.getByTestId("apply-programs").click();
  await expect(page.locator('[data-testid="program-row"][data-program-name="people_words"]').getByTestId("program-coverage")).toHaveText(/\d/, {
    timeout: 120_000,
  });

  // The analysis page names the votes' class sets and gives the label models' micro/macro F1.
  await page.goto(`/projects/${projectId}/analysis`);
  await expect(page.getByTestId("analysis-micro-f1")).toHaveText(/^\d\.\d{3}$/, { timeout: 60_000 });

  // The label-model page: one binary label model per class, micro/macro F1 on test gold.
  await expect
    .poll(
      async () => {
        await page.goto(`/projects/${projectId}/label-model`);
        return page.getByTestId("multi-label-class-row").count();
      },
      { timeout: 60_000 },
    )
    .toBe(CLASSES.length);
  const lmMicro = Number(await page.getByTestId("lm-micro-f1").textContent());
  const lmMacro = Number(await page.getByTestId("lm-macro-f1").textContent());
  const [run] = await query<{ metrics: { multiLabel: { test: { microF1: number; macroF1: number } } } }>(
    `SELECT "metrics" FROM "Run" WHERE "projectId" = $1 AND "status" = 'SUCCEEDED' ORDER BY "createdAt" DESC LIMIT 1`,
    [projectId],
  );
  expect(lmMicro).toBe(Number(run!.metrics.multiLabel.test.microF1.toFixed(3)));
  expect(lmMacro).toBe(Number(run!.metrics.multiLabel.test.macroF1.toFixed(3)));
  await page.screenshot({ path: testInfo.outputPath("multi-label-label-model.png"), fullPage: true });

  // The Train page: the sigmoid MLP's micro/macro F1 and per-class report.
  await page.goto(`/projects/${projectId}/train`);
  await expect(page.getByTestId("train-form")).toBeVisible();
  await page.getByTestId("train-model").click();
  await expect(page.getByTestId("live-model")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 180_000 });
  await expect(page.getByTestId("multi-label-model-class")).toHaveCount(CLASSES.length);
  const micro = Number(await page.getByTestId("model-micro-f1").textContent());
  const macro = Number(await page.getByTestId("model-macro-f1").textContent());
  const [model] = await query<{ metrics: { kind: string; microF1: number; macroF1: number; n: number } }>(
    `SELECT "metrics" FROM "TrainedModel" WHERE "projectId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [projectId],
  );
  expect(model!.metrics).toMatchObject({ kind: "multi-label", n: 24 });
  expect(micro).toBe(Number(model!.metrics.microF1.toFixed(3)));
  // Far above tagging no topic at all (micro-F1 0): the MLP learned the topics from the label models.
  expect(micro).toBeGreaterThan(0.5);
  testInfo.annotations.push({
    type: "figures",
    description: `label models micro-F1 ${lmMicro} / macro-F1 ${lmMacro}; MLP micro-F1 ${micro} / macro-F1 ${macro}`,
  });
  console.log(`multi-label e2e: label models micro-F1 ${lmMicro} / macro-F1 ${lmMacro}; MLP micro-F1 ${micro} / macro-F1 ${macro}`);
  await page.screenshot({ path: testInfo.outputPath("multi-label-train.png"), fullPage: true });
});
