import { roleAllows, type Permission } from "@alchemist/engine";
import { DomainError, getMemberRole, type Db, type Role } from "@alchemist/db";

/**
 * The worker's check at the top of a job: the payload's actor (every job names one) must still
 * hold `permission` in the project, since roles can change while a job waits. A payload without
 * an actor is refused outright, never treated as trusted. Returns the actor's role.
 *
 * @example
 * await assertJobActor(prisma, payload, "edit");
 */
export async function assertJobActor(db: Db, payload: { projectId: string; actorId: string }, permission: Permission): Promise<Role> {
  // Guards untyped callers too: a job that names nobody must not write as nobody.
  if (typeof payload.actorId !== "string" || payload.actorId === "") {
    throw new DomainError(
      "FORBIDDEN",
      `the job names no actor; it needs a member with "${permission}" in project ${payload.projectId}: start it again from the studio`,
    );
  }
  const role = await getMemberRole(db, payload.projectId, payload.actorId);
  if (!role)
    throw new DomainError(
      "FORBIDDEN",
      `user ${payload.actorId} is not a member of project ${payload.projectId} (any more): a member with "${permission}" has to start this job again`,
    );
  if (!roleAllows(role, permission)) {
    throw new DomainError(
      "FORBIDDEN",
      `user ${payload.actorId} is ${role} in project ${payload.projectId}; "${permission}" needs a higher role: an owner can raise it, or a member with "${permission}" can start this job again`,
    );
  }
  return role;
}
