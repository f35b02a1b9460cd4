import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page, type Request } from "@playwright/test";
import { createDatasetWithRows, createPrismaClient, createProgram, createRun, setRunStatus, type PrismaClient } from "@alchemist/db";
import { startMockLlmServer, type MockLlmServer } from "../packages/engine/src/node/llm/testing/mock-llm-server";
import { createSmsTaskProject } from "./sms-fixture";

// Issue 15: pages follow jobs (the jobs stream, or its polling fallback) only while one is queued or running.
const KEY = `sk-e2e-${randomBytes(12).toString("hex")}`;
const PROGRAM = "```javascript\nfunction label_function(text) {\n  return /free|prize|win|claim/.test(String(text).toLowerCase()) ? 1 : 0;\n}\n```";
const texts = ["Win a free cruise now", "Are we still on for lunch?", "You won a prize, call now", "See you at the game"];
// What following jobs looks like on the wire: the stream, the polling fallback, a model's route, or a page re-rendering itself.
const FOLLOWS = /\/api\/projects\/[^/]+\/(jobs(\/stream)?|models\/[^/?]+)(\?|$)/;
// How long a page is watched for requests it should not make (the polling fallback asks every second, a refresh loop every few).
const WATCH_MS = 3000;

let prisma: PrismaClient;
let mock: MockLlmServer;
let gate: Server;
let release: () => void = () => {};
let projectId: string;
let gateUrl: string;

/** A proxy in front of the mock LLM that holds every call until `release()`: the generation job stays running meanwhile. */
async function startGate(target: string): Promise<{ server: Server; url: string }> {
  let open = false;
  const held: (() => void)[] = [];
  release = () => {
    open = true;
    for (const go of held.splice(0)) go();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = () => {
        const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on("error", () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      };
      if (open) forward();
      else held.push(forward);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Requests that follow jobs (or re-render `path`) while `page` shows `path` for WATCH_MS. */
async function followRequests(page: Page, path: string): Promise<string[]> {
  const seen: string[] = [];
  const onRequest = (r: Request) => {
    const url = new URL(r.url());
    if (FOLLOWS.test(url.pathname + url.search) || (url.pathname === path && (r.headers()["rsc"] === "1" || url.searchParams.has("_rsc")))) seen.push(r.url());
  };
  page.on("request", onRequest);
  // An observation window, not a wait for state: nothing may happen in it.
  await page.waitForTimeout(WATCH_MS);
  page.off("request", onRequest);
  return seen;
}

test.beforeAll(async () => {
  prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  mock = await startMockLlmServer((req) =>
    req.headers.authorization === `Bearer ${KEY}` ? { text: PROGRAM, inputTokens: 400, outputTokens: 80 } : { echoKey: true },
  );
  const proxy = await startGate(mock.url);
  gate = proxy.server;
  gateUrl = `${proxy.url}/v1`;
  projectId = (await createSmsTaskProject(prisma, `Live jobs e2e ${Date.now().toString(36)}`, "javascript")).projectId;
  const rows = Array.from({ length: 24 }, (_, i) => ({
    id: `r${i}`,
    fields: { text: `${texts[i % texts.length]} #${i}` },
    split: (["train", "dev", "test"] as const)[i % 3]!,
    gold: /free|prize|win/i.test(texts[i % texts.length]!) ? 1 : 0,
  }));
  const dataset = await createDatasetWithRows(prisma, { projectId, name: "sms", rows });
  await createProgram(prisma, { projectId, name: "spam_words", language: "JAVASCRIPT", source: PROGRAM.replace(/```(javascript)?\n?/g, "") });
  const run = await createRun(prisma, { projectId, datasetId: dataset.id });
  await setRunStatus(prisma, run.id, "SUCCEEDED");
});

test.afterAll(async () => {
  // A failed step must not leave the worker's generation waiting on held calls.
  release();
  await new Promise<void>((resolve) => (gate ? gate.close(() => resolve()) : resolve()));
  await mock?.close();
  await prisma?.$disconnect();
});

test("an idle page opens no job stream or polling; a running job is followed live, and the stream ends with it", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const base = `/projects/${projectId}`;

  await page.goto(`${base}/settings`);
  await expect(page.getByTestId("secret-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("secret-provider").selectOption("openai-compatible");
  await page.getByTestId("secret-key").fill(KEY);
  await page.getByTestId("secret-base-url").fill(gateUrl);
  await page.getByTestId("save-secret").click();
  await expect(page.getByTestId("secret-saved")).toBeVisible();

  // Idle: the generate page is hydrated (its form says so) and sends nothing about jobs.
  await page.goto(`${base}/generate`);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-ready", "true");
  expect(await followRequests(page, `${base}/generate`)).toEqual([]);

  // A generation whose LLM calls are held: the job runs, and the page follows it live.
  const streams: string[] = [];
  page.on("request", (r) => FOLLOWS.test(new URL(r.url()).pathname) && streams.push(r.url()));
  await page.getByTestId("gen-provider").selectOption("openai-compatible");
  await page.getByTestId("gen-model").fill("gpt-4o-mini");
  await page.getByTestId("gen-n").fill("2");
  await page.getByTestId("gen-submit").click();
  await expect(page.getByTestId("gen-queued")).toBeVisible();
  const progress = page.getByTestId("live-jobs").locator('[data-testid="job-progress"][data-queue="generate-programs"]');
  // RUNNING is a change the server render could not show: it came over the stream.
  await expect(progress).toHaveAttribute("data-job-status", "RUNNING", { timeout: 60_000 });
  expect(streams.some((url) => url.includes("/jobs/stream") || /\/jobs(\?|$)/.test(url))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("live-job.png"), fullPage: true });

  // The calls go through; the page re-renders with the programs and stops following.
  release();
  await expect(page.getByTestId("generation-request").first()).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 90_000 });
  await expect(page.getByTestId("live-jobs")).toHaveCount(0);
  expect(mock.requests).toHaveLength(2);
  expect(await followRequests(page, `${base}/generate`)).toEqual([]);

  // Every other page that can show jobs stays quiet too once nothing runs.
  for (const path of ["", "/jobs", "/label-model", "/train", "/exports", "/runs", "/analysis"]) {
    await page.goto(`${base}${path}`);
    await expect(page.getByTestId("project-name")).toBeVisible();
    expect(await followRequests(page, `${base}${path}`), `requests on ${base}${path}`).toEqual([]);
  }
});
