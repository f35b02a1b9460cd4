import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { findSessionUser, verifySessionCookie } from "./session-lookup";
import { createUserSession, sessionCookie, upsertPasswordUser } from "./users";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const SECRET = "session-lookup-test-secret-0123456789abcdef";

describe("session lookup", () => {
  it("accepts the cookie better-auth signs and nothing else", () => {
    const value = decodeURIComponent(sessionCookie("tok-123", SECRET).value);
    expect(verifySessionCookie(value, SECRET)).toBe("tok-123");
    expect(verifySessionCookie(value, `${SECRET}x`)).toBeNull();
    expect(verifySessionCookie(value.replace("tok-123", "tok-124"), SECRET)).toBeNull();
    expect(verifySessionCookie("tok-123", SECRET)).toBeNull();
    expect(verifySessionCookie(".abc", SECRET)).toBeNull();
    expect(verifySessionCookie("tok.c2hvcnQ=", SECRET)).toBeNull();
  });

  it("finds the session's user in one read, or nothing", async () => {
    const user = await upsertPasswordUser(db.prisma, { email: "lookup@example.test", password: "lookup-password-1234", name: "Lou" });
    const { token, expiresAt } = await createUserSession(db.prisma, user.id, { ttlSeconds: 3600 });
    expect(await findSessionUser(db.prisma, token)).toEqual({ userId: user.id, email: "lookup@example.test", name: "Lou", expiresAt });
    expect(await findSessionUser(db.prisma, "no-such-token")).toBeNull();
  });
});
