import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createPrismaClient, createProgram } from "@alchemist/db";
import { programCode } from "./program-steps";
import { percent } from "./demo-analysis";
import { seedSmsProject, writeSmsFixture, type FixtureRow } from "./sms-fixture";

const FREE = 'def label_function(x):\n    return "spam" if "free" in x.lower() else -1\n';

const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

/** A project owned by the demo user with the SMS rows, a Python task and the program "typed" (v1 = FREE), plus `extra` programs by name. */
async function seedProject(
  info: TestInfo,
  extra: Record<string, string> = {},
): Promise<{ projectId: string; programId: string; ids: Record<string, string>; rows: FixtureRow[] }> {
  const rows = await writeSmsFixture(info.outputPath("sms.csv"));
  const db = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    const { projectId, userId } = await seedSmsProject(db, `Editor ${Date.now()}`, rows);
    const { program } = await createProgram(db, {
      projectId,
      name: "typed",
      language: "PYTHON",
      source: FREE,
      provenance: { kind: "user", userId },
    });
    const ids: Record<string, string> = {};
    for (const [name, source] of Object.entries(extra))
      ids[name] = (await createProgram(db, { projectId, name, language: "PYTHON", source, provenance: { kind: "user", userId } })).program.id;
    return { projectId, programId: program.id, ids, rows };
  } finally {
    await db.$disconnect();
  }
}

/** The program's stored versions, newest first, straight from Postgres. */
async function storedVersions(programId: string): Promise<{ version: number; source: string }[]> {
  const db = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    return await db.programVersion.findMany({ where: { programId }, orderBy: { version: "desc" }, select: { version: true, source: true } });
  } finally {
    await db.$disconnect();
  }
}

/** Monaco's text area, the moment it is on screen: clicks it and puts the cursor at the end of the file. */
async function typeAtEnd(page: Page, text: string) {
  const lines = page.locator('[data-testid="program-code"] .monaco-editor .view-lines');
  await lines.waitFor({ state: "visible", timeout: 30_000 });
  await lines.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text, { delay: 40 });
}

test("typing at 40 ms per key from the moment the editor appears loses and moves nothing; Ctrl+S saves exactly what the editor shows, with LF line endings", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const { projectId, programId } = await seedProject(testInfo);
  let expected = FREE;
  for (let round = 1; round <= 4; round++) {
    await page.goto(`/projects/${projectId}/programs/${programId}`);
    // Before Monaco has loaded the saved code is shown read-only (if it is still on screen).
    expect(await page.evaluate(() => document.querySelector<HTMLTextAreaElement>('[data-testid="code-editor"]')?.readOnly ?? null)).not.toBe(false);
    // Code typed the moment the editor is visible (auto-closed brackets and quotes are typed over,
    // so the text is exactly the keys pressed), saved with Ctrl+S straight after the last key.
    const typed = `# round ${round}: free prize (win) now\nWORDS_${round} = ["free", "prize", 'win']\n`;
    await typeAtEnd(page, typed);
    await page.keyboard.press("ControlOrMeta+S");
    await expect(page.getByTestId("version-saved")).toHaveText(`Saved as version ${round + 1}.`, { timeout: 60_000 });
    expected += typed;
    const [latest] = await storedVersions(programId);
    expect(latest).toEqual({ version: round + 1, source: expected });
    expect(latest!.source).not.toContain("\r");
    expect(await programCode(page)).toBe(expected);
    await expect(page.getByTestId("program-form")).toHaveAttribute("data-dirty", "false");
  }
  await page.reload();
  await expect(page.getByTestId("program-code")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  expect(await programCode(page)).toBe(expected);
  await shot(page, testInfo, "01-typed-and-saved");
});

test("save refuses code that does not compile, naming the line; leaving with unsaved edits asks first", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { projectId, programId } = await seedProject(testInfo);
  await page.goto(`/projects/${projectId}/programs/${programId}`);
  // Line 3 is FREE's last (empty) line; the broken assignment goes there.
  await typeAtEnd(page, "BROKEN = = 1\n");
  await expect(page.getByTestId("unsaved-changes")).toBeVisible();
  await page.getByTestId("save-program").click();
  const refused = page.getByTestId("save-refused");
  await expect(refused).toBeVisible({ timeout: 60_000 });
  await expect(refused).toContainText("Not saved: the program does not compile");
  const errorLine = 3;
  await expect(page.getByTestId("save-check-error")).toHaveAttribute("data-line", String(errorLine));
  await expect(refused).toContainText(`line ${errorLine}`);
  const markers = await page.evaluate(() => window.monaco!.editor.getModelMarkers({ owner: "alchemist-check" }).map((m) => m.startLineNumber));
  expect(markers).toEqual([errorLine]);
  expect((await storedVersions(programId)).map((v) => v.version)).toEqual([1]);
  await expect(page.getByTestId("program-form")).toHaveAttribute("data-dirty", "true");
  await shot(page, testInfo, "02-save-refused");

  // A link inside the app asks; dismissing it keeps the page and the edit.
  const dialogs: { type: string; message: string }[] = [];
  page.on("dialog", (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    void d.dismiss();
  });
  const url = page.url();
  await page.getByTestId("version-item").first().getByRole("link").click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toEqual({ type: "confirm", message: expect.stringContaining("unsaved changes") });
  expect(page.url()).toBe(url);
  expect(await programCode(page)).toBe(`${FREE}BROKEN = = 1\n`);

  // Closing or reloading the tab gets the browser's own prompt; dismissed, the page stays.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs.length).toBe(2);
  expect(dialogs[1]!.type).toBe("beforeunload");
  expect(page.isClosed()).toBe(false);

  // Fixed code saves; with nothing unsaved, links navigate without asking.
  await page.locator('[data-testid="program-code"] .monaco-editor .view-lines').click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Shift+ArrowUp");
  await page.keyboard.press("Backspace");
  expect(await programCode(page)).toBe(FREE);
  await expect(page.getByTestId("program-form")).toHaveAttribute("data-dirty", "false");
  await typeAtEnd(page, "FIXED = len('ok')\n");
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByTestId("version-saved")).toHaveText("Saved as version 2.", { timeout: 60_000 });
  expect((await storedVersions(programId))[0]!.source).toBe(`${FREE}FIXED = len('ok')\n`);
  await page.getByTestId("version-item").last().getByRole("link").click();
  await expect(page).toHaveURL(/\?version=1$/);
  await expect(page.getByTestId("program-code")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  await expect.poll(() => programCode(page)).toBe(FREE);
  expect(dialogs).toHaveLength(2);
});

test("the program page shows the last run's coverage, dev accuracy and faults, says when it faulted on every row, and runs on a filtered sample of chosen size with wrong votes marked", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // "noon" only appears in ham messages, so every vote of noon_spam on a dev row is wrong.
  const NOON = 'def label_function(x):\n    return "spam" if "noon" in x.lower() else -1\n';
  const DIVIDES = "def label_function(x):\n    return 1 // 0\n";
  const { projectId, programId, ids, rows } = await seedProject(testInfo, { noon_spam: NOON, divides: DIVIDES });
  await page.goto(`/projects/${projectId}/programs/${programId}`);
  await expect(page.getByTestId("last-run")).toHaveAttribute("data-state", "none");

  // A real apply (the worker), then the figures it stored.
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("apply-programs").click();
  const freeCoverage = percent(rows.filter((r) => r.text.toLowerCase().includes("free")).length / rows.length);
  await expect(page.locator('[data-testid="program-row"][data-program-name="typed"]').getByTestId("program-coverage")).toHaveText(freeCoverage, {
    timeout: 120_000,
  });

  await page.goto(`/projects/${projectId}/programs/${ids.divides}`);
  const broken = page.getByTestId("last-run");
  await expect(broken).toHaveAttribute("data-state", "all-faults");
  await expect(page.getByTestId("last-run-all-faults")).toContainText(`faulted on every one of the ${rows.length} rows`);
  await expect(page.getByTestId("last-run-faults")).toHaveText(String(rows.length));
  await expect(page.getByTestId("last-run-coverage")).toHaveText("0.0%");
  await shot(page, testInfo, "03-faulted-every-row");

  await page.goto(`/projects/${projectId}/programs/${ids.noon_spam}`);
  await expect(page.getByTestId("last-run")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("last-run-accuracy")).toHaveText("0.0%");
  await expect(page.getByTestId("last-run-faults")).toHaveText("0");
  const noonRows = rows.filter((r) => r.text.toLowerCase().includes("noon"));
  await expect(page.getByTestId("last-run-coverage")).toHaveText(percent(noonRows.length / rows.length));

  // Run on sample: wrong on dev gold, then the rows it votes on, 50 at most.
  await expect(page.getByTestId("program-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("sample-filter").selectOption("wrong");
  await page.getByTestId("run-on-sample").click();
  const tried = page.getByTestId("try-row");
  const wrongOnDev = noonRows.filter((r) => r.split === "dev");
  await expect(tried).toHaveCount(wrongOnDev.length, { timeout: 90_000 });
  for (const row of await tried.all()) await expect(row).toHaveAttribute("data-wrong", "true");
  const devRows = rows.filter((r) => r.split === "dev").length;
  await expect(page.getByTestId("try-filter-summary")).toHaveText(`${wrongOnDev.length} of ${devRows} scanned rows it votes wrong on (dev gold).`);
  await shot(page, testInfo, "04-sample-wrong-on-dev");
  await page.getByTestId("sample-size").selectOption("50");
  await page.getByTestId("sample-filter").selectOption("fires");
  await page.getByTestId("run-on-sample").click();
  await expect(page.getByTestId("try-filter-summary")).toHaveText(`${noonRows.length} of ${rows.length} scanned rows it votes on.`, { timeout: 90_000 });
  await expect(tried).toHaveCount(noonRows.length);
  await expect(page.locator('[data-testid="try-row"][data-wrong="true"]')).toHaveCount(wrongOnDev.length);
});
