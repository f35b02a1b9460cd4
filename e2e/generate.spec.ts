import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatasetWithRows, createPrismaClient, type PrismaClient } from "@alchemist/db";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { DEMO_LOGIN } from "./auth-state";
import { createSmsTaskProject } from "./sms-fixture";

// A key only this run knows: the mock server refuses any other (echoing it, as real providers do).
const KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
const PROGRAM =
  "```javascript\nfunction label_function(text) {\n  const t = text.toLowerCase();\n  if (/free|prize|win|claim/.test(t)) return 1;\n  return t.length < 40 ? 0 : -1;\n}\n```";
const texts = [
  "Win a free cruise now",
  "Are we still on for lunch?",
  "You won a prize, call now",
  "See you at the game",
  "Claim your free ringtone",
  "Running late, sorry",
];
const splits = ["train", "dev", "test"] as const;

let prisma: PrismaClient;
let mock: MockLlmServer;
let projectId: string;

test.beforeAll(async () => {
  prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  mock = await startMockLlmServer((req) =>
    req.headers.authorization === `Bearer ${KEY}` ? { text: PROGRAM, inputTokens: 400, outputTokens: 80 } : { echoKey: true },
  );
  // A project of its own (owned by the signed-in demo user) with a task and 36 rows, so the
  // spec does not depend on the journey's upload steps.
  projectId = (await createSmsTaskProject(prisma, `Generate e2e ${Date.now().toString(36)}`, "javascript")).projectId;
  const rows = Array.from({ length: 36 }, (_, i) => ({
    id: `r${i}`,
    fields: { text: `${texts[i % texts.length]} #${i}` },
    split: splits[i % 3]!,
    gold: /free|prize|claim/i.test(texts[i % texts.length]!) ? 1 : 0,
  }));
  await createDatasetWithRows(prisma, { projectId, name: "sms", rows });
});

test.afterAll(async () => {
  await mock?.close();
  await prisma?.$disconnect();
});

test("set a provider key (only its last 4 shown), see the estimate next to zero-shot, generate against the mock LLM and see the programs", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);

  // Settings: the key goes in once and never comes back to the browser.
  await page.goto(`/projects/${projectId}/settings`);
  await expect(page.getByTestId("secret-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").fill(KEY);
  await page.getByTestId("secret-base-url").fill(mock.openaiBaseURL);
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toHaveText(`Saved the key ending in ${KEY.slice(-4)}.`);
  await expect(page.getByTestId("secret-openai-compatible").getByTestId("secret-last4")).toHaveText(`••••${KEY.slice(-4)}`);
  await page.reload();
  await expect(page.getByTestId("secret-openai-compatible")).toContainText(DEMO_LOGIN.email);
  expect(await page.content()).not.toContain(KEY);
  await page.screenshot({ path: testInfo.outputPath("settings.png"), fullPage: true });

  // Task page: keywords reach the exact prompt preview.
  await page.goto(`/projects/${projectId}/task`);
  await expect(page.getByTestId("supplementary-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("supp-keywords").fill("spam: free, prize, claim\nham: lunch, game");
  await page.getByTestId("save-supplementary").click();
  await expect(page.getByTestId("supplementary-saved")).toBeVisible();
  await page.getByTestId("preview-kind").selectOption("keywords");
  await page.getByTestId("preview-prompt").click();
  await expect(page.getByTestId("preview-user")).toContainText("Keywords per class:\nspam: free, prize, claim");
  await expect(page.getByTestId("preview-user")).toContainText("function label_function(text)");

  // Generate: the estimate is shown before anything is spent.
  await page.goto(`/projects/${projectId}/generate`);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("gen-provider").selectOption("openai-compatible");
  await expect(page.getByTestId("gen-key-note")).toHaveText(`Project key ••••${KEY.slice(-4)} at ${mock.openaiBaseURL}`);
  await page.getByTestId("gen-model").fill("gpt-4o-mini");
  await page.getByTestId("gen-n").fill("2");
  await page.getByTestId("gen-kind-keywords").check();
  await expect(page.getByTestId("gen-estimate")).toContainText("Zero-shot labeling of all 36 rows with gpt-4o-mini");
  await expect(page.getByTestId("gen-estimate-programs")).toHaveText(/^\$0\.\d{4}$/);
  await expect(page.getByTestId("gen-estimate-zeroshot")).toHaveText(/^\$0\.\d{4}$/);
  expect(mock.requests).toHaveLength(0);
  await page.screenshot({ path: testInfo.outputPath("generate-estimate.png"), fullPage: true });

  await page.getByTestId("gen-submit").click();
  await expect(page.getByTestId("gen-queued")).toBeVisible();
  const request = page.getByTestId("generation-request").first();
  await expect(request).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 90_000 });
  await expect(request.getByTestId("generated-program")).toHaveCount(2);
  await expect(request).toContainText("2 of 2 programs");
  await expect(request).toContainText("2 calls");
  // the worker decrypted the project's key and sent it; the keywords went in the prompt
  expect(mock.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  expect(mock.requests.map((r) => String(r.body.messages.at(-1)!.content)).some((p) => p.startsWith("Keywords per class:\nspam: free, prize, claim"))).toBe(
    true,
  );
  await page.screenshot({ path: testInfo.outputPath("generate-done.png"), fullPage: true });

  await request.getByTestId("generated-program").first().click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/programs/`));
  expect(await page.content()).not.toContain(KEY);
});
