import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";
import { addMember, createOwnedProject, getMemberRole, listMembers, listProjectsForUser, removeMember, setMemberRole } from "./repositories/memberships";
import { acceptInvitation, createInvitation, findInvitation, listOpenInvitations, revokeInvitation } from "./repositories/invitations";
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from "./repositories/api-tokens";
import { listAuditEvents, recordAudit } from "./repositories/audit";
import { createUserSession, sessionCookie, upsertPasswordUser } from "./repositories/users";
import { verifyPassword } from "./password";
import { DEMO_USER, seedDemo } from "./testing/seed-demo";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const user = (email: string) => db.prisma.user.create({ data: { email, name: email } });

describe("memberships", () => {
  it("makes the creator owner, lists only the user's projects and keeps one owner", async () => {
    const alice = await user("alice@x.test");
    const bob = await user("bob@x.test");
    const project = await createOwnedProject(db.prisma, alice.id, { name: "mine" });
    await createOwnedProject(db.prisma, bob.id, { name: "bobs" });
    expect((await listProjectsForUser(db.prisma, alice.id)).map((p) => [p.name, p.role])).toEqual([["mine", "OWNER"]]);
    expect(await getMemberRole(db.prisma, project.id, bob.id)).toBeNull();
    await addMember(db.prisma, project.id, bob.id, "VIEWER");
    expect(await getMemberRole(db.prisma, project.id, bob.id)).toBe("VIEWER");
    // Accepting a lower-role invitation never demotes.
    await addMember(db.prisma, project.id, bob.id, "EDITOR");
    expect((await addMember(db.prisma, project.id, bob.id, "VIEWER")).role).toBe("EDITOR");
    const lastOwner = { name: "DomainError", code: "CONFLICT", message: expect.stringMatching(/needs at least one owner: make someone else an owner first/) };
    await expect(setMemberRole(db.prisma, project.id, alice.id, "EDITOR")).rejects.toMatchObject(lastOwner);
    await expect(removeMember(db.prisma, project.id, alice.id)).rejects.toMatchObject(lastOwner);
    const stranger = await user("stranger@x.test");
    await expect(setMemberRole(db.prisma, project.id, stranger.id, "EDITOR")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/is not a member of this project/),
    });
    await setMemberRole(db.prisma, project.id, bob.id, "OWNER");
    await removeMember(db.prisma, project.id, alice.id);
    expect((await listMembers(db.prisma, project.id)).map((m) => [m.email, m.role])).toEqual([["bob@x.test", "OWNER"]]);
  });
});

describe("invitations", () => {
  it("stores only the hash, accepts once, rejects expired and revoked links", async () => {
    const owner = await user("owner@x.test");
    const guest = await user("guest@x.test");
    const project = await createOwnedProject(db.prisma, owner.id, { name: "invite" });
    const { token, invitation } = await createInvitation(db.prisma, { projectId: project.id, role: "REVIEWER", createdById: owner.id });
    expect(invitation.tokenHash).not.toContain(token);
    expect((await findInvitation(db.prisma, token))?.project.name).toBe("invite");
    expect(await acceptInvitation(db.prisma, token, guest.id)).toMatchObject({ projectId: project.id, role: "REVIEWER" });
    await expect(acceptInvitation(db.prisma, token, guest.id)).rejects.toThrow(/already used/);
    const expired = await createInvitation(db.prisma, {
      projectId: project.id,
      role: "EDITOR",
      createdById: owner.id,
      ttlHours: 1,
      now: new Date(Date.now() - 2 * 3600_000),
    });
    await expect(acceptInvitation(db.prisma, expired.token, guest.id)).rejects.toThrow(/expired/);
    const revoked = await createInvitation(db.prisma, { projectId: project.id, role: "EDITOR", createdById: owner.id });
    expect((await listOpenInvitations(db.prisma, project.id)).map((i) => i.id)).toEqual([revoked.invitation.id]);
    expect(await revokeInvitation(db.prisma, project.id, revoked.invitation.id)).toBe(true);
    await expect(acceptInvitation(db.prisma, revoked.token, guest.id)).rejects.toMatchObject({
      name: "DomainError",
      code: "CONFLICT",
      message: "this invitation was revoked: ask a project owner for a new link",
    });
    await expect(acceptInvitation(db.prisma, "nope", guest.id)).rejects.toThrow(/not valid/);
  });
});

describe("api tokens", () => {
  it("resolves a token to its user until revoked, never storing the secret", async () => {
    const owner = await user("tok@x.test");
    const { token, apiToken } = await createApiToken(db.prisma, owner.id, "cli");
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    expect(JSON.stringify(await db.prisma.apiToken.findMany())).not.toContain(token);
    expect(await resolveApiToken(db.prisma, token)).toBe(owner.id);
    expect((await listApiTokens(db.prisma, owner.id))[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(await resolveApiToken(db.prisma, `${token}x`)).toBeNull();
    expect(await revokeApiToken(db.prisma, owner.id, apiToken.id)).toBe(true);
    expect(await resolveApiToken(db.prisma, token)).toBeNull();
  });
});

describe("audit", () => {
  it("records events and pages them newest first", async () => {
    const owner = await user("audit@x.test");
    const project = await createOwnedProject(db.prisma, owner.id, { name: "audited" });
    for (let i = 0; i < 5; i++)
      await recordAudit(db.prisma, {
        projectId: project.id,
        actorId: owner.id,
        action: "program.save",
        targetType: "program",
        targetId: `p${i}`,
        details: { version: i },
      });
    await expect(recordAudit(db.prisma, { projectId: project.id, actorId: owner.id, action: "Bad", targetType: "x" })).rejects.toThrow(/noun\.verb/);
    const first = await listAuditEvents(db.prisma, project.id, { limit: 3 });
    expect(first.events.map((e) => e.targetId)).toEqual(["p4", "p3", "p2"]);
    expect(first.events[0]?.actorEmail).toBe("audit@x.test");
    const second = await listAuditEvents(db.prisma, project.id, { limit: 3, cursor: first.nextCursor });
    expect(second.events.map((e) => e.targetId)).toEqual(["p1", "p0"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("users and sessions", () => {
  it("stores an argon2id hash on a credential account and resets it on upsert", async () => {
    const user = await upsertPasswordUser(db.prisma, { email: "Pat@X.test", password: "first-password" });
    expect(user.email).toBe("pat@x.test");
    const account = await db.prisma.account.findFirstOrThrow({ where: { userId: user.id, providerId: "credential" } });
    expect(account.password).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(account.password!, "first-password")).toBe(true);
    expect(await verifyPassword(account.password!, "wrong")).toBe(false);
    await upsertPasswordUser(db.prisma, { email: "pat@x.test", password: "second-password" });
    const again = await db.prisma.account.findMany({ where: { userId: user.id } });
    expect(again).toHaveLength(1);
    expect(await verifyPassword(again[0]!.password!, "second-password")).toBe(true);
  });

  it("opens a session whose cookie is the token signed like better-auth signs it", async () => {
    const user = await upsertPasswordUser(db.prisma, { email: "sess@x.test", password: "whatever-123" });
    const { token, expiresAt } = await createUserSession(db.prisma, user.id, { ttlSeconds: 60 });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const cookie = sessionCookie(token, "s".repeat(32));
    expect(cookie.name).toBe("better-auth.session_token");
    expect(decodeURIComponent(cookie.value).startsWith(`${token}.`)).toBe(true);
    expect(sessionCookie(token, "t".repeat(32)).value).not.toBe(cookie.value);
  });

  it("seeds the demo project owned by the demo user", async () => {
    const { projectId, userId } = await seedDemo(db.prisma);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(DEMO_USER.email);
    expect(await getMemberRole(db.prisma, projectId, userId)).toBe("OWNER");
  });
});
