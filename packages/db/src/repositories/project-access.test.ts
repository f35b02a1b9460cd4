import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { addMember } from "./memberships";
import { getMemberProject } from "./project-access";
import { createProject } from "./projects";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("getMemberProject", () => {
  it("gives a member's role with the project's header, and nothing to anyone else", async () => {
    const project = await createProject(db.prisma, { name: "access", description: "one query" });
    const member = await db.prisma.user.create({ data: { email: "member@access.test" } });
    const outsider = await db.prisma.user.create({ data: { email: "outsider@access.test" } });
    await addMember(db.prisma, project.id, member.id, "REVIEWER");
    expect(await getMemberProject(db.prisma, project.id, member.id)).toEqual({
      role: "REVIEWER",
      project: { id: project.id, name: "access", description: "one query" },
    });
    expect(await getMemberProject(db.prisma, project.id, outsider.id)).toBeNull();
    expect(await getMemberProject(db.prisma, "no-such-project", member.id)).toBeNull();
  });
});
