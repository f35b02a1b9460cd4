import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatasetWithRows, createPrismaClient, createProgram, createRun, setRunStatus, type PrismaClient } from "@alchemist/db";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { createSmsTaskProject } from "./sms-fixture";

const KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
const js = (body: string) => `function label_function(text) {\n  const t = String(text).toLowerCase();\n${body}\n  return -1;\n}\n`;
// the project's one program labels spam only: every ham row is uncovered
const BASE = js("  if (/free|prize|win|claim/.test(t)) return 1;");
const AIMED = js("  if (/lunch|game|late|see you/.test(t)) return 0;");
const texts = [
  "Win a free cruise now",
  "Are we still on for lunch?",
  "You won a prize, call now",
  "See you at the game",
  "Claim your free ringtone",
  "Running late, sorry",
];
const prompt = (r: MockRequest) => String(r.body.messages.at(-1)!.content);
const aimedAtUncovered = (r: MockRequest) => /get no vote from any current program/.test(prompt(r));

let prisma: PrismaClient;
let mock: MockLlmServer;
let projectId: string;

test.beforeAll(async () => {
  prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  // weak-spot prompts get the ham rule, any other the spam rule again (a duplicate a round drops)
  mock = await startMockLlmServer((req) => {
    if (req.headers.authorization !== `Bearer ${KEY}`) return { echoKey: true };
    const aimed = /get no vote from any current program|get wrong|A class the programs miss|unsure about/.test(prompt(req));
    return { text: `\`\`\`javascript\n${aimed ? AIMED : BASE}\`\`\``, inputTokens: 400, outputTokens: 80 };
  });
  // A project of its own with a task, 48 rows, one program and a finished run of it: round 1.
  projectId = (await createSmsTaskProject(prisma, `Rounds e2e ${Date.now().toString(36)}`, "javascript")).projectId;
  const rows = Array.from({ length: 48 }, (_, i) => ({
    id: `r${i}`,
    fields: { text: `${texts[i % texts.length]} #${i}` },
    split: (["train", "dev", "test", "train"] as const)[Math.floor(i / 6) % 4]!,
    gold: /free|prize|win|claim/i.test(texts[i % texts.length]!) ? 1 : 0,
  }));
  const dataset = await createDatasetWithRows(prisma, { projectId, name: "sms", rows });
  await createProgram(prisma, { projectId, name: "spam_words", language: "JAVASCRIPT", source: BASE });
  const run = await createRun(prisma, { projectId, datasetId: dataset.id });
  await setRunStatus(prisma, run.id, "SUCCEEDED");
});

test.afterAll(async () => {
  await mock?.close();
  await prisma?.$disconnect();
});

test("Next round: the studio's second round adds a program aimed at the uncovered rows and shows the per-round chart", async ({ page }, testInfo) => {
  test.setTimeout(180_000);

  // the provider key goes in on the Settings page, as a user does
  await page.goto(`/projects/${projectId}/settings`);
  await expect(page.getByTestId("secret-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").pressSequentially(KEY, { delay: 5 });
  await page.getByTestId("secret-base-url").pressSequentially(mock.openaiBaseURL, { delay: 5 });
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toBeVisible();

  await page.goto(`/projects/${projectId}/generate`);
  const panel = page.getByTestId("rounds-panel");
  await expect(panel).toContainText("Rounds aimed at weak spots");
  await expect(panel.getByTestId("rounds-chart")).toHaveCount(0);
  await expect(panel.getByTestId("next-round-form")).toHaveAttribute("data-ready", "true");
  await panel.getByTestId("round-provider").selectOption("openai-compatible");
  await panel.getByTestId("round-model").pressSequentially("gpt-4o-mini", { delay: 20 });
  await panel.getByTestId("round-n").fill("2");
  await panel.getByTestId("next-round").click();
  await expect(panel.getByTestId("next-round-queued")).toHaveText("Round 2 queued: its progress is shown below.");

  // the page re-renders when the round's job ends (live jobs); round 1 is what the run had
  const round2 = panel.getByTestId("round-2");
  await expect(round2.getByTestId("round-outcome")).toHaveText("kept", { timeout: 120_000 });
  const round1 = panel.getByTestId("round-1");
  await expect(round1.getByTestId("round-outcome")).toHaveText("base");
  await expect(round2.getByTestId("round-aimed")).toContainText("18 uncovered");
  await expect(round2.getByTestId("round-added")).toHaveText("1");
  const coverage = async (row: typeof round1) => Number((await row.getByTestId("round-coverage").textContent())!.replace("%", ""));
  expect(await coverage(round2)).toBeGreaterThan(await coverage(round1));
  const metric = async (row: typeof round1, id: string) => Number(await row.getByTestId(id).textContent());
  // spam F1 was perfect already (binary F1 scores the spam class); covering ham shows in accuracy
  expect(await metric(round2, "round-dev-f1")).toBeGreaterThanOrEqual(await metric(round1, "round-dev-f1"));
  expect(await metric(round2, "round-dev-accuracy")).toBeGreaterThan(await metric(round1, "round-dev-accuracy"));
  const chart = panel.getByTestId("rounds-chart");
  await expect(chart.locator("svg")).toBeVisible();
  await expect(chart).toContainText("Rounds: dev F1 and coverage");
  await page.screenshot({ path: testInfo.outputPath("rounds.png"), fullPage: true });

  // the LLM was asked about the uncovered (ham) rows, quoting them, never the spam ones it covers
  expect(mock.requests).toHaveLength(2);
  expect(aimedAtUncovered(mock.requests[0]!)).toBe(true);
  expect(prompt(mock.requests[0]!)).toMatch(/lunch|the game|Running late/);
  expect(prompt(mock.requests[0]!)).not.toMatch(/free cruise/);

  // the kept program is a project program now, and a run with it was queued
  const programs = await prisma.program.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { name: true, enabled: true } });
  expect(programs).toEqual([
    { name: "spam_words", enabled: true },
    { name: expect.stringMatching(/^r2_gen_0[12]_/), enabled: true },
  ]);
  const round = await prisma.improvementRound.findFirstOrThrow({ where: { projectId } });
  expect(round.nextRunId).not.toBeNull();
  await expect.poll(async () => (await prisma.run.findUniqueOrThrow({ where: { id: round.nextRunId! } })).status, { timeout: 60_000 }).toBe("SUCCEEDED");
});
