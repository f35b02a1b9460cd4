import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatasetWithRows, createPrismaClient, type PrismaClient } from "@alchemist/db";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { createSmsTaskProject } from "./sms-fixture";

// Issue 17: the Generate page's ablation sweep, end to end against the mock LLM.
const KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
// Two different programs (one per call), so the sweep's 1- and 2-program points differ.
const RULES = ["/free|prize|win|claim/", "/free|prize/"];
const program = (rule: string) =>
  `\`\`\`javascript\nfunction label_function(text) {\n  const t = String(text).toLowerCase();\n  if (${rule}.test(t)) return 1;\n  return t.length < 40 ? 0 : -1;\n}\n\`\`\``;
const texts = [
  "Win a free cruise now",
  "Are we still on for lunch?",
  "You won a prize, call now",
  "See you at the game",
  "Claim your free ringtone",
  "Running late, sorry",
];

let prisma: PrismaClient;
let mock: MockLlmServer;
let projectId: string;

test.beforeAll(async () => {
  prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  let calls = 0;
  mock = await startMockLlmServer((req) =>
    req.headers.authorization === `Bearer ${KEY}` ? { text: program(RULES[calls++ % RULES.length]!), inputTokens: 400, outputTokens: 80 } : { echoKey: true },
  );
  projectId = (await createSmsTaskProject(prisma, `Sweep e2e ${Date.now().toString(36)}`, "javascript")).projectId;
  const rows = Array.from({ length: 36 }, (_, i) => ({
    id: `r${i}`,
    fields: { text: `${texts[i % texts.length]} #${i}` },
    split: (["train", "dev", "test"] as const)[i % 3]!,
    gold: /free|prize|win|claim/i.test(texts[i % texts.length]!) ? 1 : 0,
  }));
  await createDatasetWithRows(prisma, { projectId, name: "sms", rows });
});

test.afterAll(async () => {
  await mock?.close();
  await prisma?.$disconnect();
});

test("a small ablation sweep runs against the mock LLM and shows its results table", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(`/projects/${projectId}/settings`);
  await expect(page.getByTestId("secret-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").fill(KEY);
  await page.getByTestId("secret-base-url").fill(mock.openaiBaseURL);
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toBeVisible();

  await page.goto(`/projects/${projectId}/generate`);
  const panel = page.getByTestId("sweep-panel");
  await expect(panel.getByTestId("sweep-table")).toHaveCount(0);
  await expect(panel.getByTestId("sweep-form")).toHaveAttribute("data-ready", "true");
  // One cell (no extra info, temperature 0.3) scored at 1 and 2 programs; no zero-shot calls.
  await panel.getByTestId("sweep-provider").selectOption("openai-compatible");
  await panel.getByTestId("sweep-model").fill("gpt-4o-mini");
  await panel.getByTestId("sweep-programs").fill("1, 2");
  await panel.getByTestId("sweep-info-none").check();
  await panel.getByTestId("sweep-info-keywords").uncheck();
  await panel.getByTestId("sweep-temperatures").fill("0.3");
  await panel.getByTestId("sweep-zero-shot").fill("0");
  await panel.getByTestId("run-sweep").click();
  await expect(panel.getByTestId("sweep-queued")).toBeVisible();

  // The page re-renders when the sweep's job ends (live jobs), with the stored result.
  await expect(panel.getByTestId("sweep-table")).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId("sweep-status")).toHaveText("Newest sweep: succeeded");
  const points = panel.getByTestId("sweep-point");
  await expect(points).toHaveCount(2);
  await expect(points.nth(0)).toContainText("none");
  await expect(points.nth(0).locator("td").nth(2)).toHaveText("1");
  await expect(points.nth(1).locator("td").nth(2)).toHaveText("2");
  // 12 test rows with gold: every point has a test F1
  for (const i of [0, 1]) await expect(points.nth(i).getByTestId("sweep-test-f1")).toHaveText(/^\d\.\d{3}$/);
  await expect(panel.getByTestId("sweep-baseline")).toContainText("zero-shot (not run)");
  await expect(panel.getByTestId("sweep-baseline")).toContainText("this sweep: 2 paid calls");
  await expect(panel.getByTestId("sweep-chart").locator("svg")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sweep.png"), fullPage: true });

  // the largest count was generated once for the cell: two calls, both with the project's key
  expect(mock.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  // a sweep adds no program to the project
  expect(await prisma.program.count({ where: { projectId } })).toBe(0);
});
