import { readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { roleAllows, type Permission, type ProjectRole } from "@alchemist/engine";
import { createPrismaClient, insertReviewBatch } from "@alchemist/db";
import { DEMO_PROJECT_NAME } from "@alchemist/db/testing";
import { createProjectMember } from "./auth-helpers";

// Every project page x every role, as a member would use them: each page either renders (200, no
// error boundary) or, where the role may not see it, answers the 403 page; on the pages it renders,
// every visible enabled control is pressed and must work (no error boundary, no 5xx, no "your role
// cannot" refusal): a control a role cannot use must be absent or disabled. Pages are found on
// disk, so a page added later is covered without editing this file.

const APP = join(import.meta.dirname, "..", "apps", "web", "src", "app");

function findPages(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) findPages(join(dir, entry.name), out);
    else if (entry.name === "page.tsx") out.push(relative(APP, dir).split(sep).join("/"));
  }
  return out;
}

const PAGES = findPages(join(APP, "projects")).sort();

/** Pages that need more than "read"; every other page must render for every member. */
const NEEDS: Record<string, Permission> = {
  "projects/[projectId]/settings": "manage",
  "projects/[projectId]/audit": "manage",
  "projects/[projectId]/datasets/new": "edit",
  "projects/[projectId]/programs/new": "edit",
  "projects/[projectId]/review/batches/[batchId]/adjudicate": "edit",
  "projects/[projectId]/review/batches/[batchId]": "review",
};

const ROLES: readonly ProjectRole[] = ["VIEWER", "REVIEWER", "EDITOR", "OWNER"];

// Controls the sweep never presses: they destroy data, start long jobs, end the session, or change
// what other specs read (labels, exemplars, task classes). Saves of unchanged forms are pressed;
// the writes each role may make are pressed by the role tests below.
const SKIP_NAMES =
  /delete|remove|revoke|sign out|cancel|discard|keep v|apply programs|generate programs|train model|refit|re-?score|next round|start export|import|upload|join|create|save as new version|run on sample|label new data|ask for|change password|accept|skip|read it as data|change the mapping|^comment$|save key|correct gold/i;
const SKIP_TEST_IDS = /^(program-toggle|next-round|pick-|add-class|review-class-|review-accept|review-correction|adjudicate-|predict-submit|sign-out)/;
const CONTROLS = 'button:visible, [role="switch"]:visible, input[type="submit"]:visible';

const ids: Record<string, string> = {};
const members = new Map<ProjectRole, { email: string; userId: string; cookie: { name: string; value: string } }>();

test.beforeAll(async () => {
  const prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    const project = await prisma.project.findFirstOrThrow({ where: { name: DEMO_PROJECT_NAME }, select: { id: true } });
    ids.projectId = project.id;
    for (const role of ROLES) members.set(role, await createProjectMember(project.id, role));
    const dataset = await prisma.dataset.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    const program = await prisma.program.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    ids.datasetId = dataset.id;
    ids.programId = program.id;
    // A batch of six train rows, two for each member who may review (the batch pages need one).
    const rows = (
      await prisma.row.findMany({ where: { datasetId: dataset.id, split: "TRAIN" }, orderBy: { index: "asc" }, take: 6, select: { index: true } })
    ).map((r) => r.index);
    const reviewers = (["REVIEWER", "EDITOR", "OWNER"] as const).map((role) => members.get(role)!.userId);
    const batch = await insertReviewBatch(prisma, {
      projectId: project.id,
      datasetId: dataset.id,
      runId: null,
      name: `roles ${Date.now().toString(36)}`,
      overlap: 1,
      blind: false,
      strategy: "random",
      seed: 1,
      createdBy: members.get("OWNER")!.userId,
      rows,
      assignments: rows.map((_, row) => ({ row, userId: reviewers[Math.floor(row / 2)]! })),
    });
    ids.batchId = batch.id;
  } finally {
    await prisma.$disconnect();
  }
});

function urlFor(route: string): string {
  return `/${route.replace(/\[([A-Za-z]+)\]/g, (_, name: string) => ids[name] ?? "x")}`;
}

/** A signed-in browser context for the role's member, with a page that records what went wrong. */
async function openAs(browser: Browser, baseURL: string, role: ProjectRole) {
  const { cookie } = members.get(role)!;
  const context = await browser.newContext({
    baseURL,
    storageState: {
      cookies: [{ ...cookie, domain: new URL(baseURL).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }],
      origins: [],
    },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on("dialog", (dialog) => void dialog.accept());
  // In-flight requests, so a press can wait for what it started (server action, re-render,
  // navigation); the jobs event stream stays open on purpose and is not counted.
  const inflight = new Set<Request>();
  page.on("request", (request) => {
    if (!request.url().includes("/jobs/stream")) inflight.add(request);
  });
  page.on("requestfinished", (request) => inflight.delete(request));
  page.on("requestfailed", (request) => inflight.delete(request));
  const settle = async () => {
    await page.waitForLoadState("load");
    for (let quiet = 0, looks = 0; quiet < 3 && looks < 200; looks++) {
      await page.waitForTimeout(100);
      quiet = inflight.size === 0 ? quiet + 1 : 0;
    }
  };
  return { context, page, problems, settle };
}

async function expectHealthy(page: Page, where: string) {
  await expect.soft(page.getByTestId("error-view"), `${where}: the error boundary is showing`).toHaveCount(0);
  await expect.soft(page.getByText(/your role \(\w+\) cannot/), `${where}: a control the role may not use was offered`).toHaveCount(0);
  await expect.soft(page.getByText("Something went wrong"), `${where}: a server error`).toHaveCount(0);
}

/** Presses every visible, enabled control of the page once (one per test id or name), back on the page after each. */
async function pressControls(page: Page, url: string, where: string, settle: () => Promise<void>): Promise<string[]> {
  const pressed = new Set<string>();
  const controls = page.locator(CONTROLS);
  for (let i = 0; i < (await controls.count()); i++) {
    const control = controls.nth(i);
    const testId = await control.getAttribute("data-testid", { timeout: 2_000 }).catch(() => null);
    const name =
      ((await control.textContent({ timeout: 2_000 }).catch(() => null)) ?? "").trim() ||
      ((await control.getAttribute("aria-label", { timeout: 2_000 }).catch(() => null)) ?? "");
    const key = testId ?? name;
    if (!key || pressed.has(key) || SKIP_NAMES.test(name) || (testId !== null && SKIP_TEST_IDS.test(testId))) continue;
    if (!(await control.isEnabled({ timeout: 2_000 }).catch(() => false))) continue;
    pressed.add(key);
    await control.click({ timeout: 5_000 });
    await settle();
    await expectHealthy(page, `${where}: after pressing "${name}"`);
    if (new URL(page.url()).pathname !== new URL(url, page.url()).pathname || new URL(page.url()).search !== new URL(url, page.url()).search) {
      await page.goto(url);
      await settle();
    }
  }
  return [...pressed];
}

async function visitEveryPage(page: Page, role: ProjectRole, settle: () => Promise<void>) {
  const report: string[] = [];
  for (const route of PAGES) {
    const url = urlFor(route);
    const need = NEEDS[route] ?? "read";
    const allowed = roleAllows(role, need);
    const response = await page.goto(url);
    expect.soft(response?.status(), `${role} ${route}`).toBe(allowed ? 200 : 403);
    if (!allowed) {
      await expect.soft(page.getByTestId("forbidden"), `${role} ${route}: the 403 page`).toContainText("Not available to your role");
      report.push(`${route}: 403`);
      continue;
    }
    await settle();
    await expectHealthy(page, `${role} ${route}`);
    const pressed = await pressControls(page, url, `${role} ${route}`, settle);
    report.push(`${route}: 200, pressed ${pressed.length ? pressed.join(", ") : "nothing"}`);
  }
  return report;
}

test.describe("every page for every role", () => {
  // Budget from the work: each page is loaded, settled and has its controls pressed.
  test.describe.configure({ timeout: PAGES.length * 30_000 });

  test("the sweep finds the project pages", () => {
    expect(PAGES).toEqual(
      expect.arrayContaining([
        "projects",
        "projects/[projectId]",
        "projects/[projectId]/settings",
        "projects/[projectId]/audit",
        "projects/[projectId]/programs/[programId]",
      ]),
    );
    for (const route of Object.keys(NEEDS)) expect(PAGES, `NEEDS names ${route}, which is not a page`).toContain(route);
  });

  for (const role of ROLES) {
    test(`${role.toLowerCase()}: every page renders or says 403, every visible control works`, async ({ browser, baseURL }, testInfo) => {
      const { context, page, problems, settle } = await openAs(browser, baseURL!, role);
      const canEdit = roleAllows(role, "edit");

      // The overview: the program switches work for editors and owners, and are disabled (with
      // the reason) for the others.
      await page.goto(urlFor("projects/[projectId]"));
      const toggles = page.getByTestId("program-toggle");
      await expect(toggles.first()).toBeVisible();
      if (canEdit) {
        await expect(page.getByTestId("apply-programs")).toBeEnabled();
        const first = page.getByTestId("program-row").first().getByTestId("program-toggle");
        const before = await first.getAttribute("aria-checked");
        const after = before === "true" ? "false" : "true";
        await first.click();
        await expect(first).toHaveAttribute("aria-checked", after);
        await first.click();
        await expect(first).toHaveAttribute("aria-checked", before!);
      } else {
        for (const toggle of await toggles.all()) await expect(toggle).toBeDisabled();
        await expect(page.getByTestId("apply-programs")).toHaveCount(0);
        await expect(page.getByTestId("new-program")).toHaveCount(0);
        await expect(page.getByTestId("role-note").first()).toContainText(`your role (${role.toLowerCase()})`);
        // A page left open while the role was lowered: the refused action answers with a message
        // under the switch, and the page stays.
        const stale = page.getByTestId("program-row").first();
        await stale.getByTestId("program-toggle").evaluate((button) => button.removeAttribute("disabled"));
        await stale.getByTestId("program-toggle").click();
        await expect(stale.getByTestId("form-error")).toContainText(`your role (${role.toLowerCase()}) cannot edit`);
        await expect(page.getByTestId("error-view")).toHaveCount(0);
      }

      // The program page: the editor for editors and owners, the code read-only for the others;
      // members who may review comment there.
      await page.goto(urlFor("projects/[projectId]/programs/[programId]"));
      await expect(page.getByTestId(canEdit ? "program-form" : "program-source-readonly")).toBeVisible();
      await expect(page.getByTestId(canEdit ? "program-source-readonly" : "program-form")).toHaveCount(0);
      if (roleAllows(role, "review")) {
        const body = `${role.toLowerCase()} was here ${Date.now().toString(36)}`;
        await page.getByTestId("comment-body").fill(body);
        await page.getByTestId("comment-submit").click();
        await expect(page.getByTestId("comment").filter({ hasText: body })).toHaveCount(1);
      } else {
        await expect(page.getByTestId("comment-body")).toHaveCount(0);
      }

      const report = await visitEveryPage(page, role, settle);
      // What each page answered and which controls were pressed, kept beside the test's output.
      writeFileSync(testInfo.outputPath("pages.txt"), `${report.join("\n")}\n`);
      await testInfo.attach(`${role.toLowerCase()}-pages.txt`, { path: testInfo.outputPath("pages.txt"), contentType: "text/plain" });
      expect(
        report.filter((line) => line.includes(": 200, pressed ") && !line.endsWith("pressed nothing")).length,
        `${role}: the sweep pressed no control anywhere`,
      ).toBeGreaterThan(0);
      expect(problems, `${role}: server errors or page errors`).toEqual([]);
      await context.close();
    });
  }
});
