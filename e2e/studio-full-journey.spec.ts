import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { signUpInPage, uniqueEmail } from "./auth-helpers";
import { percent } from "./demo-analysis";
import { writeJourneyCsv, type JourneyRow } from "./journey-fixture";
import { checkOnnxModel } from "./journey-onnx";
import { programCode, setProgramCode } from "./program-steps";
import { query } from "./studio-steps";

// One journey, from sign-up to exported labels, on a brand-new user and project (not the demo).
// Every page visited is saved as test-results/journey/NN-<page>.png (test-results is git-ignored).
const SHOTS = join(import.meta.dirname, "..", "test-results", "journey");
// A key only this run knows: the mock server answers only requests that carry it.
const KEY = `sk-journey-${randomBytes(12).toString("hex")}`;

// What the mock LLM writes: one spam program, one ham program (alternating by request).
const SPAM_V1 = 'def label_function(x):\n    t = x.lower()\n    return "spam" if ("free" in t or "prize" in t) else -1\n';
const HAM = 'def label_function(x):\n    t = x.lower()\n    return "ham" if ("lunch" in t or "mom" in t or "meeting" in t) else -1\n';
// The edit made in Monaco: the spam program also fires on "win" and "claim".
const SPAM_V2 = 'def label_function(x):\n    t = x.lower()\n    return "spam" if ("free" in t or "prize" in t or "win" in t or "claim" in t) else -1\n';
// The same rules in TypeScript, so expected figures are computed, not hard-coded.
const spamV1 = (t: string) => /free|prize/.test(t.toLowerCase());
const spamV2 = (t: string) => /free|prize|win|claim/.test(t.toLowerCase());
const ham = (t: string) => /lunch|mom|meeting/.test(t.toLowerCase());

test.use({ storageState: { cookies: [], origins: [] } });

let mock: MockLlmServer;
let served = 0;
test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mock = await startMockLlmServer((req) => {
    if (req.headers.authorization !== `Bearer ${KEY}`) return { echoKey: true };
    const source = served++ % 2 === 0 ? SPAM_V1 : HAM;
    return { text: `\`\`\`python\n${source}\`\`\``, inputTokens: 420, outputTokens: 90 };
  });
});
test.afterAll(() => mock?.close());

/**
 * Waits until the project has at least `atLeast` jobs on `queue` and none of them is still queued
 * or running, then expects every one of them to have succeeded.
 */
async function settleJobs(projectId: string, queue: string, atLeast: number, timeout = 120_000) {
  const statuses = () =>
    query<{ status: string }>(`SELECT status FROM "Job" WHERE "projectId" = $1 AND queue = $2`, [projectId, queue]).then((r) => r.map((j) => j.status));
  await expect
    .poll(
      async () => {
        const s = await statuses();
        return s.length >= atLeast && s.every((x) => x !== "QUEUED" && x !== "RUNNING");
      },
      { timeout, intervals: [500, 1000] },
    )
    .toBe(true);
  expect(await statuses(), `${queue} jobs`).toEqual(expect.arrayContaining(["SUCCEEDED"]));
  expect(
    (await statuses()).filter((s) => s !== "SUCCEEDED"),
    `${queue} jobs that did not succeed`,
  ).toEqual([]);
}

/** Waits until React has hydrated a client form (it sets data-ready), so typing is not lost. */
const ready = (page: Page, testId: string) => expect(page.getByTestId(testId)).toHaveAttribute("data-ready", "true", { timeout: 30_000 });

let shotNumber = 0;
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${String(++shotNumber).padStart(2, "0")}-${name}.png`), fullPage: true });

async function analysisCoverage(page: Page, projectId: string): Promise<string> {
  await page.goto(`/projects/${projectId}/analysis`);
  await expect(page.getByTestId("analysis-page")).toBeVisible();
  return (await page.getByTestId("summary-coverage").textContent()) ?? "";
}

test("a new user goes from sign-up and a CSV to a trained, downloaded model and exported labels", async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  const csvPath = testInfo.outputPath("sms-journey.csv");
  const rows: JourneyRow[] = await writeJourneyCsv(csvPath, 300);
  const count = (rule: (t: string) => boolean) => rows.filter((r) => rule(r.text)).length;
  const coverageOf = (rule: (t: string) => boolean) => percent(count(rule) / rows.length);
  // The fixture must make the edit visible in the analysis, or the "before/after" check proves nothing.
  expect(coverageOf((t) => spamV1(t) || ham(t))).not.toBe(coverageOf((t) => spamV2(t) || ham(t)));

  // 1. Sign up as a brand-new user.
  const email = uniqueEmail("journey");
  await signUpInPage(page, email, `journey-${randomBytes(6).toString("hex")}`);
  await expect(page).toHaveURL(/\/projects$/);
  await shot(page, "projects");

  // 2. Create a project.
  const name = `Full journey ${Date.now().toString(36)}`;
  const form = page.getByTestId("new-project-form");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="description"]').fill("SMS spam, from upload to a model");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const projectId = new URL(page.url()).pathname.split("/").pop()!;
  await shot(page, "new-project");

  // 3. Upload the CSV: preview, mapping (id, text, label as gold, split), classes; import with progress.
  await page.getByTestId("import-data").click();
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles(csvPath);
  await expect(page.getByTestId("upload-preview").locator("tbody tr")).toHaveCount(10, { timeout: 30_000 });
  await expect(page.getByTestId("map-id")).toHaveValue("id");
  await expect(page.getByTestId("map-label")).toHaveValue("label");
  await expect(page.getByTestId("map-split")).toHaveValue("split");
  await expect(page.getByTestId("map-input-text")).toBeChecked();
  await expect(page.getByTestId("class-names")).toHaveValue("ham, spam");
  await shot(page, "upload-mapping");
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText(`Imported ${rows.length} rows`, { timeout: 90_000 });
  await shot(page, "import-done");
  await page.getByTestId("import-done").getByRole("link", { name: "Browse the rows" }).click();
  await expect(page.getByTestId("data-row").first()).toContainText(rows[0]!.text);
  await shot(page, "dataset-rows");
  await page.getByTestId("tab-overview").click();
  for (const split of ["train", "dev", "test"] as const) {
    await expect(page.getByTestId(`split-${split}`)).toHaveText(String(rows.filter((r) => r.split === split).length));
  }

  // 4. Define the task: two classes with descriptions, Python programs.
  await page.getByTestId("tab-task").click();
  await ready(page, "task-form");
  await expect(page.getByTestId("class-name-0")).toHaveValue("ham");
  await expect(page.getByTestId("class-name-1")).toHaveValue("spam");
  await page.getByTestId("task-name").fill("SMS spam");
  await page.getByTestId("task-description").fill("Is a text message unsolicited advertising (spam) or a personal message (ham)?");
  await page.getByTestId("task-language").selectOption("python");
  await page.getByTestId("class-description-0").fill("a personal message between people who know each other");
  await page.getByTestId("class-description-1").fill("unsolicited advertising, prizes, scams");
  await page.getByTestId("save-task").click();
  await expect(page.getByTestId("task-saved")).toBeVisible();
  await page.getByTestId("preview-prompt").click();
  await expect(page.getByTestId("preview-user")).toContainText("def label_function", { timeout: 30_000 });
  await shot(page, "task");

  // 5. A provider key in the project settings (only its last 4 shown).
  await page.getByTestId("tab-settings").click();
  await ready(page, "secret-form");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").fill(KEY);
  await page.getByTestId("secret-base-url").fill(mock.openaiBaseURL);
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toHaveText(`Saved the key ending in ${KEY.slice(-4)}.`);
  await expect(page.getByTestId("secret-openai-compatible").getByTestId("secret-last4")).toHaveText(`••••${KEY.slice(-4)}`);
  // The settings this project's runs start with: a seed of its own and a stricter breaker.
  await ready(page, "run-settings-form");
  await page.getByTestId("run-setting-seed").fill("7");
  await page.getByTestId("run-setting-maxConsecutiveFaults").fill("2");
  await page.getByTestId("save-run-settings").click();
  await expect(page.getByTestId("run-settings-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("run-setting-seed")).toHaveValue("7");
  await shot(page, "settings");

  // 6. Generate two programs with the mock LLM, after seeing the estimate next to zero-shot.
  await page.getByTestId("tab-generate").click();
  await ready(page, "generate-form");
  await page.getByTestId("gen-provider").selectOption("openai-compatible");
  await expect(page.getByTestId("gen-key-note")).toContainText(`••••${KEY.slice(-4)}`);
  await page.getByTestId("gen-model").fill("gpt-4o-mini");
  await page.getByTestId("gen-n").fill("2");
  await page.getByTestId("gen-language").selectOption("python");
  await expect(page.getByTestId("gen-estimate")).toContainText(`Zero-shot labeling of all ${rows.length} rows with gpt-4o-mini`, { timeout: 30_000 });
  await expect(page.getByTestId("gen-estimate-programs")).toHaveText(/^\$\d+\.\d{2,4}$/);
  await expect(page.getByTestId("gen-estimate-zeroshot")).toHaveText(/^\$\d+\.\d{2,4}$/);
  expect(mock.requests, "nothing is spent before Generate").toHaveLength(0);
  await shot(page, "generate-estimate");
  await page.getByTestId("gen-submit").click();
  await expect(page.getByTestId("gen-queued")).toBeVisible();
  const request = page.getByTestId("generation-request").first();
  await expect(request).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 120_000 });
  await expect(request.getByTestId("generated-program")).toHaveCount(2);
  expect(mock.requests.length).toBeGreaterThanOrEqual(2);
  await shot(page, "generate-done");
  const programUrls = await request.getByTestId("generated-program").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));

  // 7. Apply the generated programs (live progress on the overview), read the analysis.
  await page.getByTestId("tab-overview").click();
  await expect(page.getByTestId("program-row")).toHaveCount(2);
  await page.getByTestId("apply-programs").click();
  await shot(page, "apply-progress");
  await settleJobs(projectId, "apply-programs", 1);
  await expect(page.getByTestId("summary-coverage")).toHaveText(
    coverageOf((t) => spamV1(t) || ham(t)),
    { timeout: 60_000 },
  );
  await shot(page, "overview-applied");
  const before = await analysisCoverage(page, projectId);
  expect(before).toBe(coverageOf((t) => spamV1(t) || ham(t)));
  await shot(page, "analysis-before");

  // 8. Open the spam program, edit it in Monaco, run it on sample rows, save a new version.
  let spamUrl: string | undefined;
  for (const url of programUrls) {
    await page.goto(url);
    await expect(page.getByTestId("program-code")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
    const code = (await programCode(page)) ?? "";
    if (code.includes('"spam"')) {
      spamUrl = url;
      break;
    }
  }
  expect(spamUrl, "one generated program labels spam").toBeTruthy();
  await ready(page, "program-form");
  await shot(page, "program-v1");
  await setProgramCode(page, SPAM_V2);
  await page.getByTestId("run-on-sample").click();
  const tried = page.getByTestId("try-row");
  await expect(tried.first()).toBeVisible({ timeout: 90_000 });
  expect(await tried.count()).toBeGreaterThan(0);
  for (const row of await tried.all()) {
    const input = (await row.locator("td").nth(1).textContent()) ?? "";
    await expect(row).toHaveAttribute("data-vote", spamV2(input) ? "1" : "-1");
  }
  await shot(page, "program-run-on-sample");
  await page.getByTestId("save-program").click();
  await expect(page.getByTestId("version-saved")).toHaveText("Saved as version 2.", { timeout: 30_000 });
  await expect(page.getByTestId("version-item")).toHaveCount(2);
  await shot(page, "program-v2");

  // 9. Apply again: the analysis changes with the edit.
  await page.getByTestId("tab-overview").click();
  await page.getByTestId("apply-programs").click();
  await settleJobs(projectId, "apply-programs", 2);
  const after = await analysisCoverage(page, projectId);
  expect(after).toBe(coverageOf((t) => spamV2(t) || ham(t)));
  expect(after).not.toBe(before);
  await expect(page.getByTestId("analysis-row")).toHaveCount(2);
  await expect(page.getByTestId("heatmap").getByTestId("heatmap-cell")).toHaveCount(4);
  await shot(page, "analysis-after");

  // 10. Fit the label models and compare them on dev.
  await page.getByTestId("tab-label-model").click();
  await expect(page.getByTestId("label-model-page")).toBeVisible();
  await page.getByTestId("refit-label-models").click();
  await expect(page.getByTestId("refit-queued")).toBeVisible();
  await settleJobs(projectId, "fit-label-models", 1);
  await page.reload();
  const models = page.getByTestId("label-model-row");
  await expect(models.first()).toBeVisible({ timeout: 30_000 });
  expect(await models.count()).toBeGreaterThan(1);
  await expect(page.locator('[data-testid="label-model-row"][data-chosen="true"]')).toHaveCount(1);
  await expect(page.getByTestId("learned-accuracy-row")).toHaveCount(2);
  await shot(page, "label-model");

  // 11. Review five rows from the keyboard (loaded directly, so no link holds the focus Enter would use).
  await page.goto(`/projects/${projectId}/review`);
  // The apply's completion queued the review orders; if the job is still running the page shows it, then the queue.
  await expect(page.getByTestId("review-item")).toBeVisible({ timeout: 30_000 });
  await ready(page, "review-queue");
  const gold = page.getByTestId("review-gold-count");
  const reviewedBefore = Number(await gold.getAttribute("data-reviewed"));
  const labelled = page.locator('[data-testid="review-list-item"][data-state="labelled"]');
  for (const [i, key] of ["a", "2", "Enter", "1", "a"].entries()) {
    await page.keyboard.press(key);
    // A label that changes a row's imported gold asks for the correction; the same key confirms it.
    await expect(labelled.nth(i).or(page.getByTestId("review-correction"))).toBeVisible();
    if (await page.getByTestId("review-correction").isVisible()) await page.keyboard.press(key);
    await expect(labelled).toHaveCount(i + 1);
  }
  await expect(gold).toHaveAttribute("data-reviewed", String(reviewedBefore + 5));
  await shot(page, "review");
  // Reviewed dev rows re-score the programs: let that finish before training on the newest run.
  await settleJobs(projectId, "apply-programs", 2);
  await settleJobs(projectId, "fit-label-models", 1);

  // 12. Train the distilled model: live loss curve, test metrics.
  await page.getByTestId("tab-train").click();
  await expect(page.getByTestId("train-page")).toBeVisible();
  await page.getByTestId("train-form").locator('input[name="epochs"]').fill("25");
  await page.getByTestId("train-model").click();
  await expect(page).toHaveURL(/[?&]model=/, { timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByTestId("loss-curve").getAttribute("data-points")), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId("live-model")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 150_000 });
  await expect(page.getByTestId("model-status")).toHaveText("Trained");
  expect(Number(await page.getByTestId("loss-curve").getAttribute("data-points"))).toBeGreaterThan(1);
  await expect(page.getByTestId("loss-line")).toBeVisible();
  await expect(page.getByTestId("metric-accuracy")).toHaveText(/^\d+\.\d%$/);
  const cells = await page.getByTestId("confusion-matrix").locator("tbody td").allTextContents();
  expect(cells).toHaveLength(4);
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.split === "test").length);
  await shot(page, "train");

  // 13. Download the ONNX model: a protobuf ModelProto that onnxruntime runs.
  const [model] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-onnx").click()]);
  expect(model.suggestedFilename()).toMatch(/\.onnx$/);
  const modelPath = testInfo.outputPath("model.onnx");
  await model.saveAs(modelPath);
  const bytes = await readFile(modelPath);
  expect(bytes.length).toBeGreaterThan(0);
  const onnx = await checkOnnxModel(bytes);
  expect(onnx.classes).toEqual(["ham", "spam"]);
  for (const p of onnx.probabilities) {
    expect(p).toHaveLength(2);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 4);
  }

  // 14. Export the labels as CSV: header, one line per row, probabilities that sum to 1.
  await page.getByTestId("tab-exports").click();
  await expect(page.getByTestId("exports-page")).toBeVisible();
  await page.getByTestId("export-format").selectOption("csv");
  await page.getByTestId("start-export").click();
  const item = page.getByTestId("export-item").first();
  await expect(item).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 90_000 });
  await shot(page, "exports");
  const [download] = await Promise.all([page.waitForEvent("download"), item.getByTestId("export-download").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const labelsPath = testInfo.outputPath("labels.csv");
  await download.saveAs(labelsPath);
  const lines = (await readFile(labelsPath, "utf8")).trim().split("\n");
  // The mapped gold column is not a row field: exporting it as one would hand gold to anyone reading fields.
  expect(lines[0]).toBe("id,split,gold,label,confidence,p_ham,p_spam,field_id,field_text,field_split");
  expect(lines).toHaveLength(rows.length + 1);
  const ids = new Set(rows.map((r) => r.id));
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    expect(ids.has(cells[0]!), cells[0]).toBe(true);
    const [pHam, pSpam] = [Number(cells[5]), Number(cells[6])];
    expect(pHam + pSpam).toBeCloseTo(1, 4);
    expect(cells[3]).toBe(pSpam > pHam ? "spam" : "ham");
  }

  // 15. Runs, costs and jobs.
  await page.getByTestId("tab-runs").click();
  await expect(page.getByTestId("runs-page")).toBeVisible();
  expect(await page.getByTestId("run-row").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("run-row").first().getByTestId("run-settings")).toHaveText("seed 7 · stops after 2 faults");
  await shot(page, "runs");
  await page.getByTestId("tab-costs").click();
  await expect(page.getByTestId("costs-page")).toBeVisible();
  await expect(page.getByTestId("costs-spent")).toHaveText(/^\$\d/);
  await expect(page.getByTestId("request-row")).toHaveCount(1);
  await expect(page.getByTestId("costs-comparison")).toBeVisible();
  await shot(page, "costs");
  await page.getByTestId("tab-jobs").click();
  await expect(page.getByTestId("jobs-page")).toBeVisible();
  for (const kind of ["Import dataset", "Apply programs", "Generate programs"]) {
    await expect(page.getByTestId("job-row").filter({ hasText: kind }).first()).toContainText("Succeeded");
  }
  await expect(page.getByTestId("job-row").filter({ hasText: "Failed" })).toHaveCount(0);
  await shot(page, "jobs");
});
