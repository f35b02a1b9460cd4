import { randomBytes } from "node:crypto";
import { addMember, type Db } from "@alchemist/db";

/**
 * Test helper: a new user holding `role` in the project, for the `actorId` every job payload
 * names (the worker re-checks that member's role before a job writes anything).
 *
 * @example
 * const actorId = await createMember(db.prisma, project.id);
 * await queue.add(QUEUES.applyPrograms, { projectId: project.id, runId, datasetId, actorId });
 */
export async function createMember(db: Db, projectId: string, role: "OWNER" | "EDITOR" | "REVIEWER" | "VIEWER" = "EDITOR"): Promise<string> {
  const user = await db.user.create({ data: { email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@member.test`, name: role.toLowerCase() } });
  await addMember(db, projectId, user.id, role);
  return user.id;
}
