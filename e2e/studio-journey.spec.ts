import { writeFile } from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { percent } from "./demo-analysis";
import { writeSmsFixture } from "./sms-fixture";
import { setProgramCode } from "./program-steps";

const FREE_V1 = 'def label_function(x):\n    return "spam" if "free" in x.lower() else -1\n';
const FREE_V2 = 'def label_function(x):\n    t = x.lower()\n    return "spam" if ("free" in t or "win" in t) else -1\n';
// Does not compile: the static check reports line 2, which the editor marks.
const BROKEN = 'def label_function(x):\n    return "spam" if "free" in x.lower( else -1\n';
const LUNCH = 'def label_function(x):\n    t = x.lower()\n    return "ham" if ("lunch" in t or "mom" in t) else -1\n';
// The same rules in TypeScript, so expected figures are computed, not hard-coded.
const freeV1 = (text: string) => text.toLowerCase().includes("free");
const freeV2 = (text: string) => freeV1(text) || text.toLowerCase().includes("win");
const lunch = (text: string) => /lunch|mom/.test(text.toLowerCase());

const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects");
  const form = page.getByTestId("new-project-form");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="description"]').fill("Created by the studio journey test");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  await expect(page.getByTestId("project-name")).toHaveText(name);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Waits until React has hydrated a client form (it sets data-ready), so typing is not lost. */
const ready = (page: Page, testId: string) => expect(page.getByTestId(testId)).toHaveAttribute("data-ready", "true");

async function writeProgram(page: Page, projectId: string, name: string, source: string) {
  await page.goto(`/projects/${projectId}/programs/new`);
  await ready(page, "program-form");
  await page.getByTestId("program-name-input").fill(name);
  await setProgramCode(page, source);
  await page.getByTestId("save-program").click();
  // A save runs the static check in the worker first (a cold sandbox takes a few seconds).
  await expect(page).toHaveURL(/\/programs\/[^/?]+$/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: `${name} · v1` })).toBeVisible();
  await ready(page, "program-form");
}

test("create a project, import a CSV, define the task, write and try programs, apply them and read the analysis", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  // The studio works offline: every request (pages, Monaco, its worker and font) stays on its origin.
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  const foreign: string[] = [];
  const workers: string[] = [];
  page.context().on("request", (r) => /^https?:/.test(r.url()) && new URL(r.url()).origin !== origin && foreign.push(r.url()));
  page.on("worker", (w) => workers.push(w.url()));
  const rows = await writeSmsFixture(testInfo.outputPath("sms.csv"));
  const projectId = await createProject(page, `Journey ${Date.now()}`);
  await shot(page, testInfo, "01-new-project");

  await page.getByTestId("import-data").click();
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles(testInfo.outputPath("sms.csv"));
  await expect(page.getByTestId("upload-preview").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("map-label")).toHaveValue("label");
  await expect(page.getByTestId("map-split")).toHaveValue("split");
  await expect(page.getByTestId("map-id")).toHaveValue("id");
  await expect(page.getByTestId("map-input-text")).toBeChecked();
  await expect(page.getByTestId("class-names")).toHaveValue("ham, spam");
  await shot(page, testInfo, "02-upload-preview");
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 40 rows", { timeout: 60_000 });
  await shot(page, testInfo, "03-import-done");

  await page.getByTestId("import-done").getByRole("link", { name: "Browse the rows" }).click();
  await expect(page.getByTestId("data-row")).toHaveCount(40);
  await expect(page.getByTestId("data-row").first()).toContainText(rows[0]!.text);
  await shot(page, testInfo, "04-rows");

  await page.getByTestId("tab-overview").click();
  for (const split of ["train", "dev", "test"] as const) {
    await expect(page.getByTestId(`split-${split}`)).toHaveText(String(rows.filter((r) => r.split === split).length));
  }

  await page.getByTestId("tab-task").click();
  await ready(page, "task-form");
  await expect(page.getByTestId("class-name-0")).toHaveValue("ham");
  await expect(page.getByTestId("class-name-1")).toHaveValue("spam");
  await page.getByTestId("task-name").fill("SMS spam");
  await page.getByTestId("task-description").fill("Is a text message unsolicited advertising (spam) or a personal message (ham)?");
  await page.getByTestId("class-description-0").fill("a personal message");
  await page.getByTestId("class-description-1").fill("unsolicited advertising or scams");
  await page.getByTestId("save-task").click();
  await expect(page.getByTestId("task-saved")).toBeVisible();
  await shot(page, testInfo, "05-task");

  await writeProgram(page, projectId, "mentions_free", FREE_V1);
  // Ctrl/Cmd+Enter in the editor runs on sample; a compile error becomes a marker on its line.
  await setProgramCode(page, BROKEN);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("check-errors")).toBeVisible({ timeout: 90_000 });
  const markers = await page.evaluate(() =>
    window.monaco!.editor.getModelMarkers({ owner: "alchemist-check" }).map((m) => ({ line: m.startLineNumber, message: m.message })),
  );
  expect(markers.map((m) => m.line)).toEqual([2]);
  await expect(page.getByTestId("check-errors")).toContainText(markers[0]!.message);
  await expect(page.locator(".monaco-editor .squiggly-error")).toBeVisible();
  // The squiggle lies under the text layer, so the mouse goes to its middle instead of hover().
  const squiggle = (await page.locator(".monaco-editor .squiggly-error").boundingBox())!;
  await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
  await expect(page.locator(".monaco-hover").filter({ hasText: markers[0]!.message })).toBeVisible();
  await shot(page, testInfo, "06-program-marker");
  expect(workers.length, "Monaco started its editor worker").toBeGreaterThan(0);
  for (const url of workers) expect(url.startsWith(`${origin}/_next/`), url).toBe(true);
  await setProgramCode(page, FREE_V2);
  await page.getByTestId("run-on-sample").click();
  const tried = page.getByTestId("try-row");
  await expect(tried).toHaveCount(20, { timeout: 90_000 });
  for (const row of await tried.all()) {
    const input = (await row.locator("td").nth(1).textContent()) ?? "";
    await expect(row).toHaveAttribute("data-vote", freeV2(input) ? "1" : "-1");
  }
  await shot(page, testInfo, "06-run-on-sample");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByTestId("version-saved")).toHaveText("Saved as version 2.", { timeout: 60_000 });
  await expect(page.getByTestId("version-item")).toHaveCount(2);
  await shot(page, testInfo, "07-program-v2");

  await writeProgram(page, projectId, "mentions_lunch", LUNCH);
  await page.getByTestId("tab-overview").click();
  await expect(page.getByTestId("program-row")).toHaveCount(2);
  await page.getByTestId("apply-programs").click();
  const coverage = (rule: (text: string) => boolean) => percent(rows.filter((r) => rule(r.text)).length / rows.length);
  const freeRow = page.locator('[data-testid="program-row"][data-program-name="mentions_free"]');
  await expect(freeRow.getByTestId("program-coverage")).toHaveText(coverage(freeV2), { timeout: 120_000 });
  const lunchRow = page.locator('[data-testid="program-row"][data-program-name="mentions_lunch"]');
  await expect(lunchRow.getByTestId("program-coverage")).toHaveText(coverage(lunch));
  await expect(page.getByTestId("summary-coverage")).toHaveText(coverage((t) => freeV2(t) || lunch(t)));
  await expect(page.getByTestId("summary-conflict")).toHaveText(coverage((t) => freeV2(t) && lunch(t)));
  await shot(page, testInfo, "08-analysis");

  // Disable a program and re-apply: the new run leaves it out (stored votes of the other are reused).
  const firstRun = await page.getByTestId("latest-run").textContent();
  await lunchRow.getByTestId("program-toggle").click();
  await expect(lunchRow.getByTestId("program-toggle")).toHaveAttribute("aria-checked", "false");
  await page.getByTestId("apply-programs").click();
  await expect(page.getByTestId("latest-run")).not.toHaveText(firstRun ?? "", { timeout: 60_000 });
  await expect(lunchRow).toContainText("not in this run");
  await expect(page.getByTestId("summary-coverage")).toHaveText(coverage(freeV2));

  await page.getByTestId("tab-jobs").click();
  await expect(page.getByTestId("job-row").filter({ hasText: "Apply programs" })).toHaveCount(2);
  for (const row of await page.getByTestId("job-row").all()) await expect(row).toContainText("Succeeded");
  await expect(page.getByTestId("job-row").filter({ hasText: "Import dataset" })).toContainText("Succeeded");
  await shot(page, testInfo, "09-jobs");
  expect(foreign, "requests that left the studio").toEqual([]);
});

test("a label outside the given classes goes to no gold through the label map, counted before import; an unsupported file is refused naming the formats", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const path = testInfo.outputPath("bad.csv");
  await writeFile(path, "text,label\nfree money,spam\nhi mom,ham\nboiled,eggs\n");
  const projectId = await createProject(page, `Bad file ${Date.now()}`);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles(path);
  await expect(page.getByTestId("class-names")).toHaveValue("eggs, ham, spam");
  await page.getByTestId("class-names").fill("ham, spam");
  await expect(page.getByTestId("label-map-eggs")).toHaveValue("");
  await expect(page.getByTestId("class-count-none")).toContainText("no gold 1");
  await shot(page, testInfo, "label-map-no-gold");
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 3 rows", { timeout: 60_000 });

  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles({ name: "notes.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("x") });
  await expect(page.getByTestId("upload-error")).toHaveText(
    "notes.xlsx: upload a .csv, .tsv, .jsonl or .parquet file, a Label Studio JSON export, or a .zip of a WRENCH dataset folder",
  );
});
