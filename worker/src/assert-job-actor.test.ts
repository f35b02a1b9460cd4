import { createOwnedProject, removeMember, setMemberRole } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertJobActor } from "./assert-job-actor";
import { createMember } from "./testing/create-member";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("assertJobActor", () => {
  it("re-checks the payload's actor: a role that still allows it passes, a demoted, removed or missing actor fails the job saying what to do", async () => {
    const owner = await db.prisma.user.create({ data: { email: "owner@actor.test" } });
    const project = await createOwnedProject(db.prisma, owner.id, { name: "actor" });
    const actorId = await createMember(db.prisma, project.id, "EDITOR");
    expect(await assertJobActor(db.prisma, { projectId: project.id, actorId }, "edit")).toBe("EDITOR");
    await expect(assertJobActor(db.prisma, { projectId: project.id, actorId }, "manage")).rejects.toMatchObject({
      name: "DomainError",
      code: "FORBIDDEN",
      message: expect.stringMatching(/is EDITOR in project .*"manage" needs a higher role: an owner can raise it/),
    });
    await setMemberRole(db.prisma, project.id, actorId, "VIEWER");
    await expect(assertJobActor(db.prisma, { projectId: project.id, actorId }, "edit")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeMember(db.prisma, project.id, actorId);
    await expect(assertJobActor(db.prisma, { projectId: project.id, actorId }, "read")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(
        new RegExp(`user ${actorId} is not a member of project ${project.id} \\(any more\\): a member with "read" has to start this job again`),
      ),
    });
    await expect(assertJobActor(db.prisma, { projectId: project.id } as never, "read")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/the job names no actor/),
    });
  });
});
