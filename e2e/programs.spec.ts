import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { addProgramVersion, createPrismaClient, createProgram, resolveSecretsKey, setProgramEnabled, setProjectSecret } from "@alchemist/db";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { isRefinePrompt, refineReply } from "../packages/engine/src/node/llm/testing/refine-fixture";
import { percent } from "./demo-analysis";
import { seedSmsProject, writeSmsFixture, type FixtureRow } from "./sms-fixture";

const FREE_V1 = 'def label_function(x):\n    return "spam" if "free" in x.lower() else -1\n';
const FREE_V2 = 'def label_function(x):\n    t = x.lower()\n    return "spam" if ("free" in t or "prize" in t) else -1\n';
const LUNCH = 'def label_function(x):\n    t = x.lower()\n    return "ham" if ("lunch" in t or "mom" in t) else -1\n';
const CALLS = "function label_function(x) {\n  return x.toLowerCase().includes('call') ? 'spam' : -1;\n}\n";
const INSTRUCTION = 'it also labels messages containing "ringtone" as spam';
// The same rules in TypeScript (1 = spam, 0 = ham, -1 = abstain), so expected figures are computed.
const free = (t: string) => (/free|prize/.test(t.toLowerCase()) ? 1 : -1);
const lunch = (t: string) => (/lunch|mom/.test(t.toLowerCase()) ? 0 : -1);
const refined = (t: string) => (t.toLowerCase().includes("ringtone") ? 1 : lunch(t));

const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
const row = (page: Page, name: string) => page.locator(`[data-testid="program-row"][data-program-name="${name}"]`);
// null while a navigation replaces the page, so expect.poll asks again
const names = (page: Page) =>
  page
    .getByTestId("program-row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-program-name")))
    .catch(() => null);

// The worker's SECRETS_KEY in playwright.config.ts (studioEnv): the key stored here must decrypt there.
const E2E_SECRETS_KEY = process.env.E2E_SECRETS_KEY ?? "ZTJlLW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMhISE=";

let mock: MockLlmServer;
test.beforeAll(async () => {
  mock = await startMockLlmServer((req) =>
    isRefinePrompt(req)
      ? { text: refineReply(req), inputTokens: 900, outputTokens: 150 }
      : { status: 400, body: { error: { message: "not a refinement prompt" } } },
  );
});
test.afterAll(() => mock?.close());

/** A project owned by the demo user with the SMS rows, a Python task, four programs (one disabled, one with v2) and the mock LLM as its OpenAI-compatible server. */
async function seedProject(info: TestInfo): Promise<{ projectId: string; rows: FixtureRow[]; ids: Record<string, string> }> {
  const rows = await writeSmsFixture(info.outputPath("sms.csv"));
  const db = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    const { projectId, userId } = await seedSmsProject(db, `Programs ${Date.now()}`, rows);
    const make = (name: string, source: string, language: "PYTHON" | "JAVASCRIPT" = "PYTHON") =>
      createProgram(db, { projectId, name, language, source, provenance: { kind: "user", userId } });
    const freeWords = await make("free_words", FREE_V1);
    await addProgramVersion(db, freeWords.program.id, { language: "PYTHON", source: FREE_V2, provenance: { kind: "user", parent: 1, userId } });
    const lunchHam = await make("lunch_ham", LUNCH);
    const calls = await make("calls_js", CALLS, "JAVASCRIPT");
    await setProgramEnabled(db, calls.program.id, false);
    await setProjectSecret(db, {
      projectId,
      provider: "openai-compatible",
      apiKey: "mock-key-0000",
      baseUrl: mock.openaiBaseURL,
      actorId: userId,
      key: resolveSecretsKey(E2E_SECRETS_KEY, undefined),
    });
    return { projectId, rows, ids: { free_words: freeWords.program.id, lunch_ham: lunchHam.program.id, calls_js: calls.program.id } };
  } finally {
    await db.$disconnect();
  }
}

test("sort and filter the programs table, diff two versions, ask the LLM to change a program, compare before/after on dev and keep it", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const { projectId, rows, ids } = await seedProject(testInfo);
  const coverage = (rule: (t: string) => number) => percent(rows.filter((r) => rule(r.text) !== -1).length / rows.length);

  // Apply the enabled programs (real worker), then sort and filter their analysis.
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId("apply-programs").click();
  await expect(row(page, "free_words").getByTestId("program-coverage")).toHaveText(coverage(free), { timeout: 120_000 });
  await expect(row(page, "lunch_ham").getByTestId("program-coverage")).toHaveText(coverage(lunch));
  await expect(row(page, "calls_js")).toContainText("not in this run");

  const votes = (rule: (t: string) => number) => rows.filter((r) => rule(r.text) !== -1).length;
  const analysed: [string, number][] = [
    ["free_words", votes(free)],
    ["lunch_ham", votes(lunch)],
  ];
  const byCoverage = analysed.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  await page.getByTestId("sort-coverage").click();
  await expect(page).toHaveURL(/sort=coverage&dir=desc/);
  await expect.poll(() => names(page)).toEqual([...byCoverage, "calls_js"]);
  await page.getByTestId("sort-coverage").click();
  await expect(page).toHaveURL(/sort=coverage&dir=asc/);
  // programs without figures stay last in both directions
  await expect.poll(() => names(page)).toEqual([...byCoverage].reverse().concat("calls_js"));
  await page.getByTestId("sort-name").click();
  await expect.poll(() => names(page)).toEqual(["calls_js", "free_words", "lunch_ham"]);
  await shot(page, testInfo, "01-programs-sorted");

  await page.getByTestId("filter-name").fill("FREE");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/q=FREE/);
  await expect.poll(() => names(page)).toEqual(["free_words"]);
  await expect(page.getByTestId("programs-count")).toHaveText(/1 of 3 programs/);
  await page.getByTestId("filter-clear").click();
  await expect(page).not.toHaveURL(/q=FREE/);
  await page.getByTestId("filter-enabled").selectOption("off");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/enabled=off/);
  await expect.poll(() => names(page)).toEqual(["calls_js"]);
  await page.getByTestId("filter-enabled").selectOption("");
  await page.getByTestId("filter-language").selectOption("python");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/lang=python/);
  await expect.poll(() => names(page)).toEqual(["free_words", "lunch_ham"]);
  await page.getByTestId("filter-language").selectOption("");
  await page.getByTestId("filter-faults").selectOption("yes");
  await page.getByTestId("filter-apply").click();
  await expect(page).toHaveURL(/faults=yes/);
  await expect(page.getByTestId("programs-none")).toBeVisible();
  // enable/disable still works from the filtered table
  await page.getByTestId("filter-clear").click();
  await expect(page).not.toHaveURL(/faults=yes/);
  await row(page, "calls_js").getByTestId("program-toggle").click();
  await expect(row(page, "calls_js").getByTestId("program-toggle")).toHaveAttribute("aria-checked", "true");
  await row(page, "calls_js").getByTestId("program-toggle").click();
  await expect(row(page, "calls_js").getByTestId("program-toggle")).toHaveAttribute("aria-checked", "false");
  await shot(page, testInfo, "02-programs-filtered");

  // Program page: diff v1 and v2 side by side, provenance of a hand-written version.
  await row(page, "free_words").getByRole("link", { name: "free_words" }).click();
  await expect(page).toHaveURL(new RegExp(`/programs/${ids.free_words}$`));
  await expect(page.getByTestId("provenance-kind")).toContainText("user");
  await expect(page.getByTestId("provenance-author")).toHaveText(/demo/i);
  await expect(page.getByTestId("provenance-parent")).toHaveText("v1");
  await page.getByTestId("compare-from").selectOption("1");
  await page.getByTestId("compare-to").selectOption("2");
  await page.getByTestId("compare-submit").click();
  await expect(page).toHaveURL(/from=1&to=2/);
  const diff = page.getByTestId("version-diff");
  await expect(diff).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  await expect(diff.getByTestId("diff-original-label")).toHaveText("v1");
  await expect(diff.getByTestId("diff-modified-label")).toHaveText("v2");
  await expect(diff.locator(".editor.modified")).toContainText("prize");
  await expect(diff.locator(".editor.original")).not.toContainText("prize");
  await expect(diff.locator(".line-insert, .char-insert").first()).toBeVisible();
  await shot(page, testInfo, "03-version-diff");

  // Ask the LLM (the mock server, as the project's OpenAI-compatible provider) to change lunch_ham.
  await page.goto(`/projects/${projectId}/programs/${ids.lunch_ham}`);
  await expect(page.getByTestId("refine-form")).toBeVisible();
  await page.getByTestId("refine-instruction").fill(INSTRUCTION);
  await page.getByTestId("refine-provider").selectOption("openai-compatible");
  await page.getByTestId("refine-model").fill("mock-refiner");
  await page.getByTestId("refine-submit").click();
  const refinement = page.getByTestId("refinement");
  await expect(refinement).toHaveAttribute("data-status", /^(READY|FAILED)$/, { timeout: 120_000 });
  // a failed refinement shows its error in refine-status: name it instead of a bare status mismatch
  if ((await refinement.getAttribute("data-status")) !== "READY")
    throw new Error(`refinement failed: ${await page.getByTestId("refine-status").textContent()}`);

  const dev = rows.filter((r) => r.split === "dev");
  const gold = (r: FixtureRow) => (r.label === "spam" ? 1 : 0);
  const side = (rule: (t: string) => number) => {
    const voted = dev.filter((r) => rule(r.text) !== -1);
    return {
      coverage: percent(voted.length / dev.length),
      accuracy: voted.length ? percent(voted.filter((r) => rule(r.text) === gold(r)).length / voted.length) : "—",
    };
  };
  const [before, after] = [side(lunch), side(refined)];
  expect(after.coverage, "the fixture rows must make the change visible on dev").not.toBe(before.coverage);
  await expect(page.getByTestId("refine-metric-coverage").getByTestId("before")).toHaveText(before.coverage);
  await expect(page.getByTestId("refine-metric-coverage").getByTestId("after")).toHaveText(after.coverage);
  await expect(page.getByTestId("refine-metric-accuracy").getByTestId("before")).toHaveText(before.accuracy);
  await expect(page.getByTestId("refine-metric-accuracy").getByTestId("after")).toHaveText(after.accuracy);
  const changed = dev.filter((r) => lunch(r.text) !== refined(r.text)).length;
  await expect(page.getByTestId("refine-changed")).toContainText(`${changed} of ${dev.length} dev votes changed`);
  await expect(page.getByTestId("refine-changed")).toContainText("the 1 other enabled program");
  const refineDiff = page.getByTestId("refine-diff");
  await expect(refineDiff).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  await expect(refineDiff.locator(".editor.modified")).toContainText("ringtone");
  await expect(page.getByTestId("version-item")).toHaveCount(2);
  await shot(page, testInfo, "04-refine-before-after");

  // the mock was asked once, with the task, the current code and the instruction
  expect(mock.requests).toHaveLength(1);
  const prompt = String(mock.requests[0]!.body.messages.at(-1)!.content);
  expect(prompt).toContain(`Change it so that: ${INSTRUCTION}`);
  expect(prompt).toContain('return "ham" if ("lunch" in t or "mom" in t) else -1');

  await page.getByTestId("refine-keep").click();
  await expect(refinement).toHaveAttribute("data-status", "KEPT");
  await expect(page.getByTestId("refine-status")).toHaveText("Kept as v2.");
  await page.getByTestId("version-item").first().click();
  await expect(page.getByTestId("provenance-kind")).toContainText("llm-refine");
  await expect(page.getByTestId("provenance-instruction")).toHaveText(INSTRUCTION);
  await expect(page.getByTestId("provenance-model")).toHaveText("mock-refiner");
  await expect(page.getByTestId("provenance-provider")).toHaveText("openai-compatible");
  await expect(page.getByTestId("provenance-parent")).toHaveText("v1");
  await expect(page.getByTestId("provenance-author")).toHaveText(/demo/i);
  await page.getByText("Prompt that produced it").click();
  await expect(page.getByTestId("provenance-prompt")).toContainText(`Change it so that: ${INSTRUCTION}`);
  await shot(page, testInfo, "05-provenance");

  // the same refinement through the API; a bad request names the field
  const api = `/api/projects/${projectId}/programs/${ids.lunch_ham}/refinements`;
  const refinementId = await page.goto(`/projects/${projectId}/programs/${ids.lunch_ham}`).then(() => refinement.getAttribute("data-refinement-id"));
  const stored = await (await page.request.get(`${api}/${refinementId}`)).json();
  expect(stored).toMatchObject({
    status: "KEPT",
    baseVersion: 1,
    candidateVersion: 2,
    provider: "openai-compatible",
    model: "mock-refiner",
    instruction: INSTRUCTION,
    metrics: { devRows: dev.length, changedVotes: changed },
  });
  const bad = await page.request.post(api, { data: { instruction: "x", provider: "openai", model: "m" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/instruction: Say what to change/);

  // the refinement's calls are on the project's cost ledger
  await page.goto(`/projects/${projectId}/costs`);
  await expect(page.locator("body")).toContainText("mock-refiner");
});
