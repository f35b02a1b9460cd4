import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { createApiTokenInDb, createSignedInUser, uniqueEmail } from "./auth-helpers";

// The dynamic access test: every API route found on disk (so routes added later are covered
// without edits), every exported HTTP method, against the running studio and a real database:
// signed out -> 401; a signed-in member of another project -> 403/404 with nothing of the target
// project in the body. Server actions are covered by the static check in
// apps/web/src/features/auth/access-static.test.ts.

const API_DIR = join(import.meta.dirname, "..", "apps", "web", "src", "app", "api");
const PUBLIC = new Set(["health", "auth/[...all]"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface RouteCase {
  readonly route: string;
  readonly methods: string[];
}

function findRoutes(dir: string, out: RouteCase[] = []): RouteCase[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findRoutes(path, out);
    else if (entry.name === "route.ts") {
      const source = readFileSync(path, "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function\\s+${m}\\b|const\\s+${m}\\b)`).test(source));
      out.push({ route: relative(API_DIR, dir).split(sep).join("/"), methods });
    }
  }
  return out;
}

const routes = findRoutes(API_DIR).filter((r) => !PUBLIC.has(r.route));

const PAGES_DIR = join(import.meta.dirname, "..", "apps", "web", "src", "app", "projects", "[projectId]");

function findPages(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) findPages(join(dir, entry.name), out);
    else if (entry.name === "page.tsx") out.push(`projects/[projectId]/${relative(PAGES_DIR, dir).split(sep).join("/")}`.replace(/\/$/, ""));
  }
  return out;
}

const pages = findPages(PAGES_DIR).sort();

/** Target project ids and the strings that must never appear in an answer to an outsider. */
interface Target {
  readonly ids: Record<string, string>;
  readonly secrets: string[];
}

let target: Target;

test.beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const project = (
      await client.query<{ id: string; name: string; description: string }>(
        `SELECT id, name, description FROM "Project" WHERE name = 'SMS spam (demo)' LIMIT 1`,
      )
    ).rows[0]!;
    const one = async (table: string) =>
      (
        await client
          .query<{ id: string }>(`SELECT id FROM "${table}" WHERE "projectId" = $1 LIMIT 1`, [project.id])
          .catch(() => ({ rows: [] as { id: string }[] }))
      ).rows[0]?.id;
    const dataset = await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Dataset" WHERE "projectId" = $1 LIMIT 1`, [project.id]);
    const programs = await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Program" WHERE "projectId" = $1`, [project.id]);
    const rows = await client.query<{ id: string; externalId: string }>(`SELECT id, "externalId" FROM "Row" WHERE "datasetId" = $1 LIMIT 3`, [
      dataset.rows[0]?.id ?? "",
    ]);
    const ids: Record<string, string> = {
      projectId: project.id,
      datasetId: dataset.rows[0]?.id ?? "x",
      programId: programs.rows[0]?.id ?? "x",
      rowId: rows.rows[0]?.id ?? "x",
    };
    for (const [segment, table] of [
      ["jobId", "Job"],
      ["runId", "Run"],
      ["batchId", "ReviewBatch"],
      ["requestId", "GenerationRequest"],
      ["modelId", "TrainedModel"],
    ] as const)
      ids[segment] = (await one(table)) ?? "x";
    target = {
      ids,
      secrets: [
        project.name,
        project.description,
        ...dataset.rows.map((d) => d.name),
        ...programs.rows.map((p) => p.name),
        ...rows.rows.map((r) => r.externalId),
      ].filter((s) => s.length >= 4),
    };
  } finally {
    await client.end();
  }
});

/** The route's URL with every dynamic segment filled with the target project's ids. */
function urlFor(route: string, prefix = "/api/"): string {
  return `${prefix}${route.replace(/\[(?:\.\.\.)?([A-Za-z]+)\]/g, (_, name: string) => target.ids[name] ?? "x")}`;
}

async function call(ctx: APIRequestContext, method: string, url: string) {
  const options = method === "GET" || method === "DELETE" ? {} : { data: { projectId: target.ids.projectId }, headers: { "content-type": "application/json" } };
  return ctx.fetch(url, { method, ...options, maxRedirects: 0 });
}

test("the access test finds the API routes", () => {
  expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(["projects", "projects/[projectId]/jobs", "projects/[projectId]/uploads"]));
  for (const r of routes) expect(r.methods.length, `${r.route} exports no HTTP method`).toBeGreaterThan(0);
});

test("signed out, every API route answers 401 and shows nothing of the project", async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL: baseURL!, storageState: { cookies: [], origins: [] } });
  const failures: string[] = [];
  for (const { route, methods } of routes) {
    for (const method of methods) {
      const response = await call(anonymous, method, urlFor(route));
      const body = await response.text();
      if (response.status() !== 401) failures.push(`${method} ${route}: ${response.status()} ${body.slice(0, 120)}`);
      for (const secret of target.secrets) if (body.includes(secret)) failures.push(`${method} ${route}: body contains "${secret}"`);
    }
  }
  await anonymous.dispose();
  expect(failures).toEqual([]);
});

for (const via of ["cookie", "token"] as const) {
  test(`a member of another project (${via}) gets 403/404 from every project route and sees nothing of it`, async ({ baseURL }) => {
    const email = uniqueEmail(`outsider-${via}`);
    // A real signed-in user who is not a member of the target project.
    const cookie = await createSignedInUser(email);
    let client = await playwrightRequest.newContext({ baseURL: baseURL!, extraHTTPHeaders: { cookie }, storageState: { cookies: [], origins: [] } });
    expect(await (await client.get("/api/projects")).json()).toEqual({ projects: [] });
    if (via === "token") {
      await client.dispose();
      const token = await createApiTokenInDb(process.env.E2E_DATABASE_URL!, email);
      client = await playwrightRequest.newContext({
        baseURL: baseURL!,
        extraHTTPHeaders: { authorization: `Bearer ${token}` },
        storageState: { cookies: [], origins: [] },
      });
      expect((await client.get("/api/projects")).status()).toBe(200);
    }
    const failures: string[] = [];
    for (const { route, methods } of routes) {
      for (const method of methods) {
        const response = await call(client, method, urlFor(route));
        const body = await response.text();
        const projectScoped = route.includes("[projectId]");
        if (projectScoped && ![403, 404].includes(response.status())) failures.push(`${method} ${route}: ${response.status()} ${body.slice(0, 120)}`);
        if (!projectScoped && response.status() >= 500) failures.push(`${method} ${route}: ${response.status()}`);
        for (const secret of target.secrets) if (body.includes(secret)) failures.push(`${method} ${route}: body contains "${secret}"`);
      }
    }
    await client.dispose();
    expect(failures).toEqual([]);
  });
}

test("a member of another project gets the 404 page for every project page and sees nothing of it", async ({ baseURL }) => {
  expect(pages).toEqual(expect.arrayContaining(["projects/[projectId]", "projects/[projectId]/members", "projects/[projectId]/audit"]));
  const cookie = await createSignedInUser(uniqueEmail("outsider-pages"));
  const outsider = await playwrightRequest.newContext({ baseURL: baseURL!, extraHTTPHeaders: { cookie }, storageState: { cookies: [], origins: [] } });
  const failures: string[] = [];
  for (const page of pages) {
    const response = await outsider.get(urlFor(page, "/"), { maxRedirects: 0 });
    const body = await response.text();
    if (response.status() !== 404) failures.push(`${page}: ${response.status()}`);
    for (const secret of target.secrets) if (body.includes(secret)) failures.push(`${page}: body contains "${secret}"`);
  }
  await outsider.dispose();
  expect(failures).toEqual([]);
});
