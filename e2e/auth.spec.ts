import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signInInPage, signUpInPage, uniqueEmail } from "./auth-helpers";

const run = promisify(execFile);
const PASSWORD = "first-password-123";

// These tests manage their own sessions: start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test("signed-out visitors are sent to sign in, and come back after signing in", async ({ page }) => {
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await page.request.get("/api/projects");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ code: "UNAUTHENTICATED" });
});

test("sign up, sign out, a wrong password is refused, sign in again", async ({ page }) => {
  const email = uniqueEmail("alice");
  await signUpInPage(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in/);

  await signInInPage(page, email, "not-the-password");
  await expect(page.getByTestId("form-error")).toContainText(/invalid email or password/i);
  await signInInPage(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("user-email")).toHaveText(email);
});

test("changing the password signs out the other sessions and only the new password works", async ({ page, browser }) => {
  const email = uniqueEmail("bob");
  await signUpInPage(page, email, PASSWORD);
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await other.newPage();
  await signInInPage(otherPage, email, PASSWORD);
  await expect(otherPage.getByTestId("user-email")).toHaveText(email);

  await page.goto("/account");
  await page.getByLabel("Current password").fill("wrong-current-pw");
  await page.getByLabel("New password", { exact: true }).fill("second-password-456");
  await page.getByLabel("Repeat the new password").fill("second-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-error")).toContainText(/current password is wrong/i);

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("second-password-456");
  await page.getByLabel("Repeat the new password").fill("second-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
  // This browser stays signed in; the other session is gone.
  await page.goto("/projects");
  await expect(page.getByTestId("user-email")).toHaveText(email);
  await otherPage.goto("/projects");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();

  await page.getByTestId("sign-out").click();
  // The sign-out action redirects to /sign-in once the session is gone; signing in before that
  // raced it (the redirect could land mid-form).
  await expect(page).toHaveURL(/\/sign-in/);
  await signInInPage(page, email, PASSWORD);
  await expect(page.getByTestId("form-error")).toBeVisible();
  await signInInPage(page, email, "second-password-456");
  await expect(page).toHaveURL(/\/projects$/);
});

test("an owner invites a viewer by link; the viewer joins, sees the project and cannot edit until promoted", async ({ page, browser }) => {
  const owner = uniqueEmail("owner");
  await signUpInPage(page, owner, PASSWORD);
  const projectName = `Team project ${Date.now().toString(36)}`;
  await page.getByTestId("new-project-form").getByLabel("New project").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(projectName);
  const projectId = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/projects/${projectId}/members`);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-role")).toHaveText("owner");
  await page.getByTestId("invite-form").getByLabel("Role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const inviteUrl = (await page.getByTestId("invite-url").textContent())!;
  expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  const invitePath = new URL(inviteUrl).pathname;

  const guestContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const guest = await guestContext.newPage();
  const viewer = uniqueEmail("viewer");
  // Before joining, the viewer-to-be sees nothing of the project.
  await guest.goto(invitePath);
  await expect(guest.getByTestId("invitation-page")).toContainText(projectName);
  await guest.getByRole("link", { name: "create an account" }).click();
  await guest.getByLabel("Email").fill(viewer);
  await guest.getByLabel("Password").fill(PASSWORD);
  await guest.getByRole("button", { name: "Sign up" }).click();
  // Signing up from the invitation joins the project and lands in it (not on an empty list).
  await expect(guest).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(guest.getByTestId("project-name")).toHaveText(projectName);

  // The link works once.
  await guest.goto(invitePath);
  await expect(guest.getByTestId("invitation-invalid")).toContainText(/already used/);

  // A viewer reads but cannot change data or manage members.
  expect((await guest.request.get(`/api/projects/${projectId}/jobs`)).status()).toBe(200);
  const upload = await guest.request.post(`/api/projects/${projectId}/uploads?fileName=rows.csv`, {
    data: "text\nhello\n",
    headers: { "content-type": "text/csv" },
  });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toMatchObject({ code: "FORBIDDEN" });
  await guest.goto(`/projects/${projectId}/members`);
  await expect(guest.getByText("Only owners can invite people or change roles.")).toBeVisible();
  await expect(guest.getByTestId("invite-form")).toHaveCount(0);

  // The owner promotes the viewer to editor; the same upload is now accepted.
  await page.reload();
  const viewerRow = page.locator(`[data-testid="member-row"][data-email="${viewer}"]`);
  await expect(viewerRow.getByTestId("member-role")).toHaveText("viewer");
  await viewerRow.getByLabel("Role").selectOption("EDITOR");
  await viewerRow.getByRole("button", { name: "Save" }).click();
  await expect(viewerRow.getByTestId("member-role")).toHaveText("editor");
  const again = await guest.request.post(`/api/projects/${projectId}/uploads?fileName=rows.csv`, {
    data: "text\nhello\n",
    headers: { "content-type": "text/csv" },
  });
  expect(again.status(), await again.text()).toBe(200);

  // The last owner cannot be removed; the audit log shows the membership changes.
  const ownerRow = page.locator(`[data-testid="member-row"][data-email="${owner}"]`);
  await ownerRow.getByTestId("remove-member").click();
  await expect(ownerRow.getByTestId("form-error")).toContainText(/at least one owner/);
  await page.goto(`/projects/${projectId}/audit`);
  await expect(page.locator('[data-testid="audit-row"][data-action="invitation.create"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"][data-action="member.join"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"][data-action="member.role-change"]')).toHaveCount(1);
  await guestContext.close();
});

test("an API token lists the user's projects over REST and in the CLI, until revoked", async ({ page, baseURL }) => {
  const email = uniqueEmail("cli");
  await signUpInPage(page, email, PASSWORD);
  const projectName = `CLI project ${Date.now().toString(36)}`;
  await page.getByTestId("new-project-form").getByLabel("New project").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-name")).toHaveText(projectName);

  await page.goto("/account");
  await page.getByLabel("New token name").fill("e2e cli");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^alc_/);

  const context = page.context();
  await context.clearCookies();
  const listed = await page.request.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { projects: { name: string; role: string }[] };
  expect(body.projects).toEqual([expect.objectContaining({ name: projectName, role: "OWNER" })]);

  const cli = await run("npx", ["tsx", "apps/cli/src/main.ts", "studio", "projects", "--url", baseURL!], {
    cwd: `${import.meta.dirname}/..`,
    env: { ...process.env, ALCHEMIST_TOKEN: token },
  });
  expect(cli.stdout).toContain(projectName);
  expect(cli.stdout).toContain("owner");

  await signInInPage(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/projects$/);
  await page.goto("/account");
  await page.getByTestId("token-row").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token-row")).toContainText("revoked");
  const revoked = await page.request.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  await expect(
    run("npx", ["tsx", "apps/cli/src/main.ts", "studio", "projects", "--url", baseURL!, "--token", token], { cwd: `${import.meta.dirname}/..` }),
  ).rejects.toMatchObject({ stderr: expect.stringMatching(/HTTP 401/) });
});
