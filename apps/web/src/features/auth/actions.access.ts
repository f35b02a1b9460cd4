import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createOwnedProject, createUserSession, sessionCookie, upsertPasswordUser } from "@alchemist/db";
import { createTestDatabase, seedDemo, type TestDatabase } from "@alchemist/db/testing";

// The dynamic half of the server-action access test: every exported action of every
// features/*/actions.ts (found on disk, so actions added later are covered) is called for real,
// with real auth and a real database, as a signed-out visitor and as a member of another project.
// Each must fail without writing anything: the whole database is hashed before and after.
// Only Next's request context (headers/cookies, revalidate, redirect) is replaced.

const SECRET = "access-test-secret-0123456789abcdef0123";
let requestCookie = "";
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestCookie ? { cookie: requestCookie } : {}),
  cookies: async () => {
    const pairs = requestCookie
      ? requestCookie.split("; ").map((p) => [p.slice(0, p.indexOf("=")), decodeURIComponent(p.slice(p.indexOf("=") + 1))] as const)
      : [];
    return {
      getAll: () => pairs.map(([name, value]) => ({ name, value })),
      get: (n: string) => pairs.find(([name]) => name === n) && { name: n, value: pairs.find(([name]) => name === n)![1] },
      set: () => {},
      delete: () => {},
    };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));

const FEATURES = join(import.meta.dirname, "..");
const PUBLIC = new Set(["account/actions.ts#signInAction", "account/actions.ts#signUpAction", "auth/actions.ts#signOutAction"]);

let db: TestDatabase;
let target: { projectId: string; projectName: string; ownerId: string; ids: Record<string, string> };
let outsiderCookie = "";

/** A hash of every table's content (sessions and tokens excluded: reading them may touch them). */
async function databaseFingerprint(): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('_prisma_migrations', 'Session', 'ApiToken', 'Verification') ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.prisma.$queryRawUnsafe<{ h: string | null }[]>(
      `SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM "${table_name}" t`,
    );
    parts.push(`${table_name}:${row?.h}`);
  }
  return parts.join("|");
}

/** Plausible values for the inputs actions read, aimed at the target project. */
function valueFor(name: string, asNumber: boolean): string | number | boolean | string[] {
  const numeric: Record<string, number> = { label: 0, slot: 0, afterIndex: 0, size: 10, overlap: 1, n: 2, seed: 1, epochs: 1, version: 1, rows: 10 };
  if (asNumber && name in numeric) return numeric[name]!;
  const fixed: Record<string, string> = {
    projectId: target.projectId,
    userId: target.ownerId,
    role: "VIEWER",
    language: "python",
    format: "csv",
    name: "probe",
    enabled: "false",
    decision: "discard",
    strategy: "random",
    kind: "program",
    provider: "builtin",
    model: "builtin",
    query: "free",
    source: "def label_function(x):\n    return 0\n",
    instruction: "abstain more",
    label: "0",
    split: "TRAIN",
    targetType: "ROW",
    classNames: "c1,c2",
    token: "a".repeat(43),
    tokenId: "x",
    description: "",
    currentPassword: "long-enough-password",
    newPassword: "long-enough-password-2",
    confirm: "long-enough-password-2",
    infoKinds: "rules",
    maxTokens: "256",
    apiKey: "sk-test-12345678",
    baseUrl: "http://127.0.0.1:11434/v1",
    functionName: "label_function",
    comment: "probe",
    body: "probe",
    text: "probe",
    header: "true",
    imageFeatures: "embeddings",
    info: "keywords",
    programBudgetMs: "1000",
    filter: "all",
  };
  if (name === "provider" && !asNumber) return "openai";
  if (name === "kind" && asNumber) return "plain";
  if (name === "className") return ["c1", "c2"];
  if (name === "classDescription") return ["", ""];
  if (name in fixed) return fixed[name]!;
  if (name.endsWith("Id")) return target.ids[name] ?? target.ids.rowId!;
  if (name.endsWith("Ids")) return [target.ownerId];
  return numeric[name] !== undefined ? String(numeric[name]) : "1";
}

interface ActionCase {
  readonly key: string;
  readonly fn: (...args: unknown[]) => Promise<unknown>;
  readonly fields: string[];
  readonly takesForm: boolean;
  /** Whether the action's module reads a projectId at all (else it acts on the caller's own account). */
  readonly projectScoped: boolean;
}

let cases: ActionCase[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: db.url, BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "http://localhost:3000", QUEUE_PREFIX: "access-test" });
  const demo = await seedDemo(db.prisma);
  const project = await db.prisma.project.findUniqueOrThrow({ where: { id: demo.projectId } });
  const program = await db.prisma.program.findFirstOrThrow({ where: { projectId: project.id } });
  const row = await db.prisma.row.findFirstOrThrow({ where: { datasetId: demo.datasetId } });
  target = {
    projectId: project.id,
    projectName: project.name,
    ownerId: demo.userId,
    ids: { datasetId: demo.datasetId, runId: demo.runId, programId: program.id, rowId: row.id, batchId: row.id, jobId: demo.runId },
  };
  const outsider = await upsertPasswordUser(db.prisma, { email: "outsider@access.test", password: "outsider-password" });
  await createOwnedProject(db.prisma, outsider.id, { name: "outsider's own" });
  const cookie = sessionCookie((await createUserSession(db.prisma, outsider.id)).token, SECRET);
  outsiderCookie = `${cookie.name}=${cookie.value}`;

  for (const file of readdirSync(FEATURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(FEATURES, d.name, "actions.ts"))) {
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const module = (await import(file)) as Record<string, unknown>;
    const fields = [...new Set([...source.matchAll(/form\.get(?:All)?\("([A-Za-z]+)"\)|"([A-Za-z]+)"(?=[,)])/g)].map((m) => m[1] ?? m[2]!))];
    for (const [name, fn] of Object.entries(module)) {
      if (typeof fn !== "function") continue;
      const key = `${relative(FEATURES, file)}#${name}`;
      if (PUBLIC.has(key)) continue;
      const signature = new RegExp(`export async function ${name}\\(([^)]*)\\)`).exec(source)?.[1] ?? "";
      cases.push({ key, fn: fn as ActionCase["fn"], fields, takesForm: /FormData/.test(signature), projectScoped: fields.includes("projectId") });
    }
  }
  cases = cases.sort((a, b) => a.key.localeCompare(b.key));
});
afterAll(() => db?.drop());

const OBJECT_KEYS = ["projectId", "rowId", "batchId", "label", "slot", "kind", "language", "query", "comment", "programId", "runId", "rows", "filter"];

async function invoke(action: ActionCase): Promise<{ ok: boolean; text: string }> {
  const form = new FormData();
  for (const field of action.fields) {
    const value = valueFor(field, false);
    for (const v of Array.isArray(value) ? value : [value]) form.append(field, String(v));
  }
  // Object-input actions read properties, not form fields: offer the usual ones too.
  const object = Object.fromEntries([...new Set([...action.fields, ...OBJECT_KEYS])].map((f) => [f, valueFor(f, true)]));
  try {
    const result = action.takesForm ? ((await action.fn.length) >= 2 ? action.fn(null, form) : action.fn(form)) : action.fn(object);
    const value = await result;
    const ok = typeof value === "object" && value !== null && (value as { ok?: boolean }).ok === true;
    return { ok: ok || value === undefined, text: JSON.stringify(value ?? null) };
  } catch (error) {
    return { ok: false, text: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe("access: every server action, called for real", () => {
  it("finds the actions", () => {
    expect(cases.map((c) => c.key)).toEqual(
      expect.arrayContaining(["programs/actions.ts#saveVersionAction", "members/actions.ts#changeRoleAction", "projects/actions.ts#createProjectAction"]),
    );
  });

  for (const who of ["signed out", "a member of another project"] as const) {
    it(`${who}: every action fails, writes nothing and names nothing of the project`, async () => {
      requestCookie = who === "signed out" ? "" : outsiderCookie;
      const problems: string[] = [];
      const reachedAuth: string[] = [];
      // Account-level actions (own tokens, own password, new projects) are theirs to use.
      const checked = cases.filter((c) => who === "signed out" || c.projectScoped);
      for (const action of checked) {
        const before = await databaseFingerprint();
        const { ok, text } = await invoke(action);
        const after = await databaseFingerprint();
        if (ok) problems.push(`${action.key} succeeded: ${text.slice(0, 160)}`);
        if (after !== before) problems.push(`${action.key} changed the database`);
        if (text.includes(target.projectName) || text.includes("ham") || text.includes("spam"))
          problems.push(`${action.key} leaked project data: ${text.slice(0, 160)}`);
        if (/sign in first|project not found|cannot (read|review|edit|manage)/.test(text)) reachedAuth.push(action.key);
        else if (process.env.ACCESS_DEBUG) console.log(action.key, text.slice(0, 300));
      }
      expect(problems).toEqual([]);
      // Most actions must fail at the authorization check itself, not earlier at input parsing
      // (the plausible inputs above pass their validation); list the others when this fails.
      const early = checked.filter((c) => !reachedAuth.includes(c.key)).map((c) => c.key);
      console.log(`${who}: ${reachedAuth.length} of ${checked.length} actions stopped at authorization; earlier (input) for: ${early.join(", ") || "none"}`);
      expect(reachedAuth.length / (reachedAuth.length + early.length), `failed before authorization: ${early.join(", ")}`).toBeGreaterThanOrEqual(0.8);
    });
  }
});
