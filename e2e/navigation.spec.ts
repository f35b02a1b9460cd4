import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readDemoAnalysis, type DemoAnalysis } from "./demo-analysis";
import { SCREENSHOTS_DIR } from "./studio-steps";

// The project shell as a user finds their way through it: the workflow navigation, the step lit
// on nested pages, titles, the favicon, a quiet idle overview, and the owner's project admin
// (rename, budget, delete, invitations). Screenshots for the docs: E2E_DOCS_SCREENSHOTS=1 (see studio-steps).

let demo: DemoAnalysis;

test.beforeAll(async () => {
  demo = await readDemoAnalysis(process.env.E2E_DATABASE_URL ?? "");
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
});

const navGroups = (page: Page) => page.getByTestId("project-nav").locator('[data-testid^="nav-group-"]');

test("the project navigation is grouped by the workflow, with settings apart, titles and a favicon", async ({ page }) => {
  await page.goto(`/projects/${demo.projectId}`);
  await expect(page.getByTestId("project-name")).toHaveText(demo.projectName);
  await expect(navGroups(page)).toHaveCount(5);
  expect(await navGroups(page).evaluateAll((groups) => groups.map((g) => g.getAttribute("data-testid")))).toEqual([
    "nav-group-data",
    "nav-group-programs",
    "nav-group-model",
    "nav-group-review",
    "nav-group-deliver",
  ]);
  await expect(page.getByTestId("nav-group-model")).toContainText("Label model");
  await expect(page.getByTestId("nav-group-deliver")).toContainText("Exports");
  // Administration is its own navigation, not part of the workflow.
  const settings = page.getByTestId("project-settings-nav");
  for (const key of ["jobs", "costs", "members", "audit", "settings"]) await expect(settings.getByTestId(`tab-${key}`)).toBeVisible();
  await expect(page.getByTestId("project-nav").getByTestId("tab-settings")).toHaveCount(0);
  await expect(page.getByTestId("tab-overview")).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle(`${demo.projectName} · Alchemist Studio`);
  // The latest run is named, not an id; the overview says what to do next.
  await expect(page.getByTestId("latest-run")).toContainText(/Run \d+ · /);
  await expect(page.getByTestId("next-step")).toBeVisible();

  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image/);

  await page.screenshot({ path: join(SCREENSHOTS_DIR, "navigation.png"), clip: { x: 0, y: 0, width: 1280, height: 330 } });
});

test("nested pages light up their step: a program, a dataset, a review batch list, costs", async ({ page }) => {
  await page.goto(`/projects/${demo.projectId}`);
  const programName = (await page.getByTestId("program-row").first().getAttribute("data-program-name"))!;
  await page.getByTestId("program-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/projects/${demo.projectId}/programs/[^/]+$`));
  await expect(page.getByTestId("nav-group-programs")).toHaveAttribute("data-active", "true");
  await expect(page.getByTestId("nav-group-data")).toHaveAttribute("data-active", "false");
  await expect(page.getByTestId("tab-overview")).not.toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle(`${programName} · ${demo.projectName} · Alchemist Studio`);

  await page.getByTestId("tab-overview").click();
  await page.getByTestId("dataset-link").first().click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+$/);
  await expect(page.getByTestId("nav-group-data")).toHaveAttribute("data-active", "true");
  await expect(page.getByTestId("nav-group-programs")).toHaveAttribute("data-active", "false");
  await expect(page).toHaveTitle(new RegExp(` · rows · ${demo.projectName.replace(/[()]/g, "\\$&")} · Alchemist Studio$`));

  await page.goto(`/projects/${demo.projectId}/review/batches`);
  await expect(page.getByTestId("tab-review")).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle(`Team review · ${demo.projectName} · Alchemist Studio`);

  await page.getByTestId("tab-costs").click();
  await expect(page).toHaveURL(/\/costs$/);
  await expect(page.getByTestId("tab-costs")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("project-settings-nav")).toHaveAttribute("data-active", "true");
  for (const group of ["data", "programs", "model", "review", "deliver"])
    await expect(page.getByTestId(`nav-group-${group}`)).toHaveAttribute("data-active", "false");
});

test("an idle overview stays quiet: no self-refresh, no job stream, almost no prefetches", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`/projects/${demo.projectId}`);
  await expect(page.getByTestId("programs-table")).toBeVisible();
  // Six seconds of an idle page: before, it refreshed itself every 2.5 s (an RSC request for its
  // own URL) and re-prefetched every tab each time.
  await page.waitForTimeout(6_000);
  const own = new URL(`/projects/${demo.projectId}`, page.url()).pathname;
  const refreshes = requests.filter((url) => new URL(url).pathname === own && url.includes("_rsc="));
  expect(refreshes, refreshes.join("\n")).toEqual([]);
  expect(requests.filter((url) => url.includes("/jobs/stream") || new URL(url).pathname.endsWith("/jobs"))).toEqual([]);
  // Only what is likely next (the next-step link, New program) is prefetched: not 15 tabs and every
  // program. (Next fetches a route's tree and its segments separately, so count pages, not requests.)
  const prefetched = [...new Set(requests.filter((url) => url.includes("_rsc=")).map((url) => new URL(url).pathname))];
  expect(prefetched.length, prefetched.join("\n")).toBeLessThanOrEqual(3);
});

test("heatmap cells show their numbers on hover", async ({ page }) => {
  await page.goto(`/projects/${demo.projectId}/analysis`);
  const cell = page.locator('[data-testid="heatmap-cell"][data-a="0"][data-b="1"]');
  await cell.hover();
  await expect(page.getByTestId("heatmap-readout")).toContainText(/ × .*rows/);
  await expect(page.getByTestId("heatmap-readout")).toContainText(String(Number(await cell.getAttribute("data-count")).toLocaleString("en")));
});

test("an owner renames a project, sets its LLM budget, keeps the invite role, and deletes it after typing its name", async ({ page }) => {
  const name = `Rename me ${Date.now().toString(36)}`;
  await page.goto("/projects");
  await page.getByTestId("new-project-form").getByLabel("New project").pressSequentially(name, { delay: 20 });
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(name);
  const projectId = new URL(page.url()).pathname.split("/")[2]!;
  // A new project's next step is its data.
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-step", "import");

  await page.getByTestId("tab-settings").click();
  const renamed = `${name} v2`;
  const nameInput = page.getByTestId("project-name-input");
  await nameInput.fill("");
  await nameInput.pressSequentially(renamed, { delay: 20 });
  await page.getByTestId("rename-project").click();
  await expect(page.getByTestId("project-name")).toHaveText(renamed);
  await expect(page).toHaveTitle(`Settings · ${renamed} · Alchemist Studio`);
  await page.getByTestId("tab-audit").click();
  await expect(page.locator('[data-testid="audit-row"][data-action="project.rename"]')).toHaveCount(1);

  await page.getByTestId("tab-costs").click();
  await expect(page.getByTestId("costs-budget")).toHaveText("none");
  await page.getByTestId("budget-input").pressSequentially("-3", { delay: 20 });
  await page.getByTestId("save-budget").click();
  await expect(page.getByTestId("form-error")).toContainText("cannot be negative");
  await page.getByTestId("budget-input").fill("");
  await page.getByTestId("budget-input").pressSequentially("5", { delay: 20 });
  await page.getByTestId("save-budget").click();
  await expect(page.getByTestId("costs-budget")).toHaveText("$5.00");
  await page.reload();
  await expect(page.getByTestId("budget-input")).toHaveValue("5");

  await page.getByTestId("tab-members").click();
  await page.getByTestId("invite-form").getByLabel("Role").selectOption("REVIEWER");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByTestId("invite-url")).toBeVisible();
  await expect(page.getByTestId("invite-form").getByLabel("Role")).toHaveValue("REVIEWER");

  await page.getByTestId("tab-settings").click();
  await expect(page.getByTestId("delete-project")).toBeDisabled();
  await page.getByTestId("delete-confirm-name").pressSequentially("wrong name", { delay: 20 });
  await expect(page.getByTestId("delete-project")).toBeDisabled();
  await page.getByTestId("delete-confirm-name").fill("");
  await page.getByTestId("delete-confirm-name").pressSequentially(renamed, { delay: 20 });
  await page.getByTestId("delete-project").click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("project-row").filter({ hasText: renamed })).toHaveCount(0);
  expect((await page.goto(`/projects/${projectId}`))?.status()).toBe(404);
});
