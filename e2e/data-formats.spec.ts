import { expect, test, type Page } from "@playwright/test";
import { createProject, query, ready } from "./studio-steps";

/** Types into a field the way a person does: select what is there, then key by key. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.press("Backspace");
  await field.pressSequentially(text, { delay: 40 });
}

test("a label map sends 1-based gold values to classes, with the rows per class shown before the import", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const projectId = await createProject(page, `Label map ${Date.now()}`);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  // MedAbs-like: conditions numbered from 1, and one row marked "unclear".
  const csv = [
    "condition_label,medical_abstract",
    "1,tumour growth in the lung",
    "2,gastric ulcer bleeding",
    "1,breast carcinoma staging",
    "3,migraine with aura",
    "2,liver cirrhosis",
    "unclear,headache after a fall",
  ].join("\n");
  await page.getByTestId("upload-input").setInputFiles({ name: "medabs.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) });
  await expect(page.getByTestId("mapping-form")).toBeVisible();
  await page.getByTestId("map-label").selectOption("condition_label");
  await typeInto(page, "class-names", "neoplasms, digestive, nervous");
  const map = page.getByTestId("label-map");
  await expect(map).toBeVisible();
  // Three classes and values 1..3: read as 1-based; "unclear" names no class, so it starts without gold.
  await expect(page.getByTestId("label-map-1")).toHaveValue("neoplasms");
  await expect(page.getByTestId("label-map-3")).toHaveValue("nervous");
  await expect(page.getByTestId("label-map-unclear")).toHaveValue("");
  await expect(page.getByTestId("class-count-neoplasms")).toContainText("2");
  await expect(page.getByTestId("class-count-digestive")).toContainText("2");
  await expect(page.getByTestId("class-count-none")).toContainText("1");
  // The user decides by hand: the unclear one was a nervous-system case after all.
  await page.getByTestId("label-map-unclear").selectOption("nervous");
  await expect(page.getByTestId("class-count-nervous")).toContainText("2");
  await expect(page.getByTestId("class-count-none")).toContainText("0");
  await page.screenshot({ path: testInfo.outputPath("label-map.png"), fullPage: true });
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 6 rows", { timeout: 60_000 });
  const rows = await query<{ gold: number | null }>(
    `SELECT r.gold FROM "Row" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d."projectId" = $1 ORDER BY r.index`,
    [projectId],
  );
  expect(rows.map((r) => r.gold)).toEqual([0, 1, 0, 2, 1, 2]);
  const [dataset] = await query<{ classNames: string[] }>(`SELECT "classNames" FROM "Dataset" WHERE "projectId" = $1`, [projectId]);
  expect(dataset!.classNames).toEqual(["neoplasms", "digestive", "nervous"]);
});

/** A Label Studio JSON export as Label Studio writes it: annotations (one cancelled), predictions of two models. */
function labelStudioExport(): unknown[] {
  const choice = (value: string) => [
    { id: `r-${value}`, type: "choices", value: { choices: [value] }, origin: "manual", to_name: "text", from_name: "sentiment" },
  ];
  const texts = ["great phone, love it", "terrible battery", "works as promised", "broke after a day", "arrived on time", "meh"];
  const gold = ["Positive", "Negative", "Positive", "Negative", null, "Negative"];
  return texts.map((text, i) => ({
    id: 201 + i,
    data: { text },
    annotations:
      gold[i] === null
        ? []
        : [
            {
              id: 900 + i,
              completed_by: 1,
              result: choice(gold[i]!),
              was_cancelled: i === 5,
              ground_truth: false,
              created_at: "2026-11-30T10:00:00Z",
              lead_time: 4.2,
            },
          ],
    predictions: [
      { id: 500 + i, model_version: "bert-v1", score: 0.8, result: choice(i % 2 === 0 ? "Positive" : "Negative") },
      { id: 600 + i, model_version: "keywords", score: 1, result: text.includes("terrible") ? choice("Negative") : [] },
    ],
    meta: {},
    created_at: "2026-11-30T09:00:00Z",
    updated_at: "2026-11-30T10:00:00Z",
    inner_id: i + 1,
    total_annotations: 1,
    cancelled_annotations: 0,
    total_predictions: 2,
    project: 3,
  }));
}

test("a Label Studio export imports: annotations become gold through the label map, predictions become programs with their votes", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const projectId = await createProject(page, `Label Studio ${Date.now()}`);
  await page.goto(`/projects/${projectId}/datasets/new`);
  await ready(page, "upload-input");
  await page
    .getByTestId("upload-input")
    .setInputFiles({ name: "project-3-at-2026-11-30.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(labelStudioExport())) });
  await expect(page.getByTestId("label-studio-note")).toBeVisible();
  await expect(page.getByTestId("label-studio-predictions")).toHaveText("bert-v1, keywords");
  await expect(page.getByTestId("map-input-text")).toBeChecked();
  await typeInto(page, "class-names", "neg, pos");
  // Label Studio's choices are not the class names: the user maps them.
  await page.getByTestId("label-map-Negative").selectOption("neg");
  await page.getByTestId("label-map-Positive").selectOption("pos");
  await expect(page.getByTestId("class-count-neg")).toContainText("2");
  await expect(page.getByTestId("class-count-pos")).toContainText("2");
  await expect(page.getByTestId("class-count-none")).toContainText("2");
  await page.screenshot({ path: testInfo.outputPath("label-studio-mapping.png"), fullPage: true });
  await page.getByTestId("start-import").click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 6 rows", { timeout: 60_000 });
  const rows = await query<{ externalId: string; gold: number | null }>(
    `SELECT r."externalId", r.gold FROM "Row" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d."projectId" = $1 ORDER BY r.index`,
    [projectId],
  );
  // Task 206's only annotation was cancelled (skipped): no gold.
  expect(rows).toEqual([
    { externalId: "201", gold: 1 },
    { externalId: "202", gold: 0 },
    { externalId: "203", gold: 1 },
    { externalId: "204", gold: 0 },
    { externalId: "205", gold: null },
    { externalId: "206", gold: null },
  ]);
  const programs = await query<{ name: string; votes: number }>(
    `SELECT p.name, count(o.*)::int AS votes FROM "Program" p JOIN "ProgramVersion" v ON v."programId" = p.id LEFT JOIN "ProgramOutput" o ON o."codeHash" = v."codeHash" WHERE p."projectId" = $1 GROUP BY p.name ORDER BY p.name`,
    [projectId],
  );
  expect(programs.map((p) => p.name)).toEqual(["ls_bert-v1", "ls_keywords"]);
  for (const p of programs) expect(p.votes).toBeGreaterThan(0);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByText("ls_bert-v1").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("label-studio-programs.png"), fullPage: true });
});
