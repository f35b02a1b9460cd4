import { createHash, randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { addMember, createPrismaClient, createUserSession, sessionCookie, upsertPasswordUser } from "@alchemist/db";

/** A fresh address per call, so reruns against the same e2e database never collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@e2e.test`;
}

/** Signs up through the /sign-up form and waits for the page it continues to. */
export async function signUpInPage(page: Page, email: string, password: string, next = "/projects"): Promise<void> {
  await page.goto(next === "/projects" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
}

/** Signs in through the /sign-in form. */
export async function signInInPage(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Issues an API token for a user straight in the database (what the Account page's "Create
 * token" stores: sha256 + prefix), for tests that need a token without clicking through.
 */
export async function createApiTokenInDb(databaseUrl: string, email: string): Promise<string> {
  const token = `alc_${randomBytes(32).toString("base64url")}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const user = (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email.toLowerCase()])).rows[0];
    if (!user) throw new Error(`no user ${email}`);
    await client.query(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "tokenHash") VALUES ($1, $2, 'e2e', $3, $4)`, [
      `tok${randomBytes(8).toString("hex")}`,
      user.id,
      token.slice(0, 10),
      createHash("sha256").update(token).digest("hex"),
    ]);
    return token;
  } finally {
    await client.end();
  }
}

/**
 * A signed-in user made straight in the database (user + session + the signed cookie, the same
 * helpers the load bench uses), without the sign-up endpoint and its per-IP rate limit.
 * Returns the `Cookie` header value.
 */
export async function createSignedInUser(email: string): Promise<string> {
  const prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    const user = await upsertPasswordUser(prisma, { email, password: "outsider-password-1" });
    const { token } = await createUserSession(prisma, user.id);
    const cookie = sessionCookie(token, process.env.E2E_BETTER_AUTH_SECRET!);
    return `${cookie.name}=${cookie.value}`;
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * A new user holding `role` in the project, signed in (user + membership + session made straight
 * in the database like createSignedInUser), with the cookie a browser context needs.
 */
export async function createProjectMember(
  projectId: string,
  role: "OWNER" | "EDITOR" | "REVIEWER" | "VIEWER",
): Promise<{ email: string; userId: string; cookie: { name: string; value: string } }> {
  const prisma = createPrismaClient(process.env.E2E_DATABASE_URL!);
  try {
    const email = uniqueEmail(role.toLowerCase());
    const user = await upsertPasswordUser(prisma, { email, password: "member-password-1" });
    await addMember(prisma, projectId, user.id, role);
    const { token } = await createUserSession(prisma, user.id);
    return { email, userId: user.id, cookie: sessionCookie(token, process.env.E2E_BETTER_AUTH_SECRET!) };
  } finally {
    await prisma.$disconnect();
  }
}
