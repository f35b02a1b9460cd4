import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";

/**
 * Where specs write the screenshots the docs show: docs/screenshots/ when E2E_DOCS_SCREENSHOTS=1
 * (to refresh them on purpose), otherwise test-results/, so a test run leaves the tree clean.
 *
 * @example
 * await page.screenshot({ path: join(SCREENSHOTS_DIR, "navigation.png") });
 */
export const SCREENSHOTS_DIR = join(import.meta.dirname, "..", process.env.E2E_DOCS_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots");

/**
 * Waits until the form or control `testId` is hydrated (`data-ready="true"`): before that a click
 * or a submit reaches no React handler.
 *
 * @example
 * await ready(page, "upload-input");
 */
export const ready = (page: Page, testId: string) => expect(page.getByTestId(testId)).toHaveAttribute("data-ready", "true");

/**
 * Creates a project through the projects page's form and returns its id (from the URL it opens).
 *
 * @example
 * const projectId = await createProject(page, `Exports ${Date.now()}`);
 */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects");
  const form = page.getByTestId("new-project-form");
  await form.locator('input[name="name"]').fill(name);
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * One SQL query against the e2e database (E2E_DATABASE_URL), on a connection of its own, to check
 * what the studio stored.
 *
 * @example
 * const [row] = await query<{ gold: number | null }>(`SELECT "gold" FROM "Row" WHERE "id" = $1`, [rowId]);
 */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? "" });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
