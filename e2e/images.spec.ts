import { readFile } from "node:fs/promises";
import { expect, request as playwrightRequest, test, type Page, type TestInfo } from "@playwright/test";
import { writeShapesClipModel, writeShapesZip } from "@alchemist/engine/node";
import { conceptReply, insightReply, isConceptPrompt, isInsightPrompt } from "../packages/engine/src/node/llm/testing/concept-fixture";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { setProgramCode } from "./program-steps";
import { createProject, ready } from "./studio-steps";

const N = 160;
const ROUND = "a round circle";
const SQUARE = "a square with sharp corners";
const CIRCLE_RULE = `def label_function(s):\n    return "circle" if s["${ROUND}"] > s["${SQUARE}"] + 0.02 else -1\n`;
const SQUARE_RULE = `def label_function(s):\n    return "square" if s["${SQUARE}"] > s["${ROUND}"] + 0.02 else -1\n`;

const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

// "Propose concepts" asks the project's LLM: the repo's mock server with the concept fixture, behind a project key.
const KEY = `sk-images-e2e-${Date.now()}`;
let mock: MockLlmServer;

test.beforeAll(async () => {
  // The worker loads CLIP_MODEL_DIR when the first image job needs it: the shapes world's fitted tiny CLIP.
  await writeShapesClipModel(process.env.E2E_CLIP_MODEL_DIR!);
  mock = await startMockLlmServer((req) =>
    isConceptPrompt(req) ? { text: conceptReply(req) } : isInsightPrompt(req) ? { text: insightReply() } : { status: 400 },
  );
});
test.afterAll(async () => {
  await mock?.close();
});

async function writeProgram(page: Page, projectId: string, name: string, source: string) {
  await page.goto(`/projects/${projectId}/programs/new`);
  await ready(page, "program-form");
  await page.getByTestId("program-name-input").pressSequentially(name, { delay: 20 });
  await setProgramCode(page, source);
  await page.getByTestId("save-program").click();
  await expect(page).toHaveURL(/\/programs\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: `${name} · v1` })).toBeVisible();
}

/** Every thumbnail in the grid has been served (by the access-checked route) and decoded at 128 px. */
async function expectThumbnailsLoaded(page: Page, grid: string) {
  const images = page.getByTestId(grid).locator("img");
  // Thumbnails load lazily: bring the last one into view so every one is requested.
  await images.last().scrollIntoViewIfNeeded();
  await expect
    .poll(() => images.evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 128).length), {
      timeout: 30_000,
    })
    .toBe(await images.count());
}

test("upload an image zip, edit its concepts, write programs over scores, apply, review thumbnails and train a model on CLIP embeddings", async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(420_000);
  const zip = testInfo.outputPath("shapes.zip");
  await writeShapesZip(zip, { n: N, seed: 11, side: 96 });
  const projectId = await createProject(page, `Shapes ${Date.now()}`);

  // 1. Upload: the preview recognises a zip of pictures with a label file.
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page.getByTestId("upload-input").setInputFiles(zip);
  await expect(page.getByTestId("image-note")).toContainText(`${N} pictures`);
  await expect(page.getByTestId("class-names")).toHaveValue("circle, square");
  const concepts = page.getByTestId("image-concepts");
  await concepts.fill("");
  await concepts.pressSequentially(`${ROUND}\nblue water`, { delay: 10 });
  await shot(page, testInfo, "01-image-upload");
  await page.getByTestId("start-image-import").click();
  await expect(page.getByTestId("import-done")).toContainText(`Imported ${N} rows`, { timeout: 120_000 });

  // 2. The rows page shows the pictures as thumbnails with their scores.
  await page.getByTestId("import-done").getByRole("link", { name: "Browse the rows" }).click();
  await expect(page.getByTestId("dataset-rows-page")).toBeVisible();
  const rowsUrl = page.url();
  const tiles = page.getByTestId("rows-image-grid").getByTestId("image-tile");
  await expect(tiles).toHaveCount(50);
  await expect(tiles.first().getByTestId("image-scores")).toContainText("blue water");
  await expectThumbnailsLoaded(page, "rows-image-grid");
  const src = (await tiles.first().locator("img").getAttribute("src"))!;
  const served = await page.request.get(src);
  expect(served.headers()["content-type"]).toBe("image/webp");
  // Signed out, the same picture is refused.
  const anonymous = await playwrightRequest.newContext({ baseURL: baseURL!, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get(src)).status()).toBe(401);
  await anonymous.dispose();
  await shot(page, testInfo, "02-rows-thumbnails");

  // 3. Task: the input is the scores; the concepts are edited here and re-scored by a job.
  await page.goto(`/projects/${projectId}/task`);
  await ready(page, "task-form");
  await expect(page.getByTestId("task-input-scores")).toBeChecked();
  await page.getByTestId("task-name").fill("Shapes");
  await page.getByTestId("task-description").fill("Is the object in the picture a circle or a square?");
  await page.getByTestId("save-task").click();
  await expect(page.getByTestId("task-saved")).toBeVisible();
  await ready(page, "concepts-form");
  await expect(page.getByTestId("concepts-input")).toHaveValue(`${ROUND}\nblue water`);
  // The project's LLM proposes concepts for the classes (one call, booked); they land in the list to edit.
  await page.goto(`/projects/${projectId}/settings`);
  await ready(page, "secret-form");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").fill(KEY);
  await page.getByTestId("secret-base-url").fill(mock.openaiBaseURL);
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toBeVisible();
  await page.goto(`/projects/${projectId}/task`);
  await ready(page, "concepts-form");
  await page.getByTestId("propose-provider").selectOption("openai-compatible");
  await page.getByTestId("propose-model").fill("mock-vision");
  await page.getByTestId("propose-concepts").click();
  await expect(page.getByTestId("proposed-concepts-note")).toContainText("proposed 4 concepts", { timeout: 60_000 });
  await expect(page.getByTestId("concepts-input")).toHaveValue(`${ROUND}\n${SQUARE}\nblue water\ngreen grass`);
  // RoboShot insights from the same LLM: harmful (background) and helpful (outline) pairs, saved with the concepts below.
  await page.getByTestId("propose-insights").click();
  await expect(page.getByTestId("proposed-concepts-note")).toContainText("proposed 1 harmful and 1 helpful insights", { timeout: 60_000 });
  await expect(page.getByTestId("insights-input")).toHaveValue(`harmful: blue water | green grass\nhelpful: ${ROUND} | ${SQUARE}`);
  expect(mock.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  await shot(page, testInfo, "03-proposed-concepts");
  await page.getByTestId("concepts-input").fill("");
  await page.getByTestId("concepts-input").pressSequentially(`${ROUND}\n${SQUARE}`, { delay: 10 });
  await page.getByTestId("save-concepts").click();
  await expect(page.getByTestId("rescore-status")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
  await shot(page, testInfo, "03-concepts");
  // The insights are stored with the scoring they calibrated.
  await page.reload();
  await expect(page.getByTestId("insights-input")).toHaveValue(`harmful: blue water | green grass\nhelpful: ${ROUND} | ${SQUARE}`);
  await page.goto(rowsUrl);
  await expect(page.getByTestId("rows-image-grid").getByTestId("image-scores").first()).toContainText(SQUARE);

  // 4. Programs over the scores, applied to every picture.
  await writeProgram(page, projectId, "looks_round", CIRCLE_RULE);
  await writeProgram(page, projectId, "looks_square", SQUARE_RULE);
  // Run on sample over pictures: every sampled row shows its thumbnail and the concept scores the program read.
  await ready(page, "program-form");
  await page.getByTestId("run-on-sample").click();
  const sampled = page.getByTestId("try-row");
  await expect(sampled.first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("try-thumbnail")).toHaveCount(await sampled.count());
  await expect(sampled.first().getByTestId("try-scores")).toContainText(SQUARE);
  await expectThumbnailsLoaded(page, "try-results");
  await shot(page, testInfo, "04-run-on-sample-thumbnails");
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("apply-programs").click();
  const round = page.locator('[data-testid="program-row"][data-program-name="looks_round"]');
  await expect(round.getByTestId("program-coverage")).toHaveText(/^\d+(\.\d)?%$/, { timeout: 120_000 });
  await shot(page, testInfo, "04-applied");

  // 5. Review: the queue's pictures as thumbnails with scores and pseudolabels.
  await page.goto(`/projects/${projectId}/review`);
  await expect(page.getByTestId("review-image-grid")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("review-item")).toBeVisible();
  await expect(page.getByTestId("review-image-grid").getByTestId("image-scores").first()).toContainText(ROUND);
  await expectThumbnailsLoaded(page, "review-image-grid");
  await shot(page, testInfo, "05-review-thumbnails");

  // 6. Train: the project's settings choose what the distilled model reads (here the CLIP embeddings and the concept scores).
  await page.goto(`/projects/${projectId}/settings`);
  await ready(page, "run-settings-form");
  await page.getByTestId("run-setting-imageFeatures").selectOption("both");
  await page.getByTestId("save-run-settings").click();
  await expect(page.getByTestId("run-settings-saved")).toBeVisible();
  await page.goto(`/projects/${projectId}/train`);
  await expect(page.getByTestId("train-image-features")).toHaveValue("both");
  await page.getByTestId("train-form").locator('input[name="epochs"]').fill("60");
  await page.getByTestId("train-model").click();
  await expect(page).toHaveURL(/[?&]model=/, { timeout: 30_000 });
  await expect(page.getByTestId("live-model")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 120_000 });
  await expect(page.getByTestId("model-status")).toHaveText("Trained");
  await expect(page.getByTestId("model-features")).toHaveText("CLIP image embeddings and concept scores");
  // The label file's place column is a group field: worst-group accuracy on the test pictures, both models.
  const byPlace = page.locator('[data-testid="group-accuracy-field"][data-field="place"]');
  await expect(byPlace.getByTestId("worst-group-accuracy")).toHaveText(/^\d+(\.\d)?%$/);
  await expect(byPlace.getByTestId("worst-group")).toHaveText(/^(circle|square) \/ \S+$/);
  await expect(byPlace.getByTestId("group-row")).toHaveCount(4);
  // "Label new data" with the project's image model and a zip of pictures: a clear 400 saying what to do, never a 500.
  const predicted = await page.request.post(`/api/projects/${projectId}/predict`, {
    multipart: { data: { name: "new-pictures.zip", mimeType: "application/zip", buffer: await readFile(zip) } },
  });
  expect(predicted.status()).toBe(400);
  expect((await predicted.json()).error).toMatch(/is an image model .*upload them as an image dataset of this project/);
  const accuracy = Number((await page.getByTestId("metric-accuracy").textContent())!.replace("%", "")) / 100;
  // The test pictures are balanced (half circles): the model must beat always answering one class.
  expect(accuracy).toBeGreaterThan(0.65);
  await shot(page, testInfo, "06-trained");
});
