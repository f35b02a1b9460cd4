import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";

/** What an action needs: viewers read; reviewers also review; editors also edit; owners also manage. */
export type Permission = "read" | "review" | "edit" | "manage";

const GRANTS: Record<Role, readonly Permission[]> = {
  VIEWER: ["read"],
  REVIEWER: ["read", "review"],
  EDITOR: ["read", "review", "edit"],
  OWNER: ["read", "review", "edit", "manage"],
};

/**
 * Whether `role` grants `permission` (the project permission matrix).
 *
 * @example
 * roleAllows("REVIEWER", "edit"); // false
 */
export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Thrown when a user is not a member (`reason: "not-member"`) or lacks the permission. */
export class AccessDeniedError extends Error {
  readonly reason: "not-member" | "forbidden";
  constructor(reason: "not-member" | "forbidden", message: string) {
    super(message);
    this.name = "AccessDeniedError";
    this.reason = reason;
  }
}

/**
 * The user's role in the project, or null when they are not a member.
 *
 * @example
 * const role = await getMemberRole(prisma, projectId, userId);
 */
export async function getMemberRole(db: Db | Prisma.TransactionClient, projectId: string, userId: string): Promise<Role | null> {
  const membership = await db.membership.findUnique({ where: { userId_projectId: { userId, projectId } }, select: { role: true } });
  return membership?.role ?? null;
}

/**
 * Checks that the user still holds `permission` in the project and returns their role; throws
 * AccessDeniedError otherwise. Workers call it before writing on a job's actor's behalf, since
 * roles can change between enqueue and run.
 *
 * @example
 * await assertMemberCan(prisma, payload.projectId, payload.actorId, "edit");
 */
export async function assertMemberCan(db: Db, projectId: string, userId: string, permission: Permission): Promise<Role> {
  const role = await getMemberRole(db, projectId, userId);
  if (!role) throw new AccessDeniedError("not-member", `user ${userId} is not a member of project ${projectId}`);
  if (!roleAllows(role, permission)) throw new AccessDeniedError("forbidden", `user ${userId} is ${role} in project ${projectId}; "${permission}" needs a higher role`);
  return role;
}

/**
 * Creates a project with `userId` as its OWNER, in one statement.
 *
 * @example
 * const project = await createOwnedProject(prisma, userId, { name: "SMS spam" });
 */
export async function createOwnedProject(db: Db, userId: string, input: { name: string; description?: string }) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new Error(`project name must be 1-200 characters, got ${name.length}`);
  return db.project.create({
    data: { name, description: input.description ?? "", memberships: { create: { userId, role: "OWNER" } } },
  });
}

/**
 * The user's projects, newest first, with their role and item counts.
 *
 * @example
 * for (const p of await listProjectsForUser(prisma, userId)) console.log(p.name, p.role);
 */
export async function listProjectsForUser(db: Db, userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { project: { createdAt: "desc" } },
    include: { project: { include: { _count: { select: { datasets: true, programs: true, runs: true, tasks: true } } } } },
  });
  return memberships.map((m) => ({ ...m.project, role: m.role }));
}

/**
 * A project's members with their emails, owners first.
 *
 * @example
 * const members = await listMembers(prisma, projectId);
 */
export async function listMembers(db: Db, projectId: string) {
  const rows = await db.membership.findMany({
    where: { projectId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    include: { user: { select: { email: true, name: true } } },
  });
  return rows.map((m) => ({ userId: m.userId, role: m.role, email: m.user.email, name: m.user.name, createdAt: m.createdAt }));
}

/**
 * Adds a member or, when already one, keeps the higher of the two roles (accepting an invitation
 * never demotes anyone).
 *
 * @example
 * await addMember(prisma, projectId, userId, "EDITOR");
 */
export async function addMember(db: Db | Prisma.TransactionClient, projectId: string, userId: string, role: Role) {
  const order: Role[] = ["VIEWER", "REVIEWER", "EDITOR", "OWNER"];
  const existing = await getMemberRole(db, projectId, userId);
  if (existing && order.indexOf(existing) >= order.indexOf(role)) return { role: existing, changed: false };
  await db.membership.upsert({
    where: { userId_projectId: { userId, projectId } },
    create: { userId, projectId, role },
    update: { role },
  });
  return { role, changed: true };
}

/**
 * Changes a member's role; refuses to demote the last OWNER. Serializable so two owners demoting
 * each other at once cannot leave the project ownerless.
 *
 * @example
 * await setMemberRole(prisma, projectId, userId, "VIEWER");
 */
export async function setMemberRole(db: Db, projectId: string, userId: string, role: Role) {
  return db.$transaction(
    async (tx) => {
      const current = await tx.membership.findUnique({ where: { userId_projectId: { userId, projectId } } });
      if (!current) throw new AccessDeniedError("not-member", `user ${userId} is not a member of project ${projectId}`);
      if (current.role === "OWNER" && role !== "OWNER") {
        const owners = await tx.membership.count({ where: { projectId, role: "OWNER" } });
        if (owners <= 1) throw new LastOwnerError();
      }
      return tx.membership.update({ where: { id: current.id }, data: { role } });
    },
    { isolationLevel: "Serializable" },
  );
}

/**
 * Removes a member; refuses to remove the last OWNER.
 *
 * @example
 * await removeMember(prisma, projectId, userId);
 */
export async function removeMember(db: Db, projectId: string, userId: string) {
  return db.$transaction(
    async (tx) => {
      const current = await tx.membership.findUnique({ where: { userId_projectId: { userId, projectId } } });
      if (!current) throw new AccessDeniedError("not-member", `user ${userId} is not a member of project ${projectId}`);
      if (current.role === "OWNER") {
        const owners = await tx.membership.count({ where: { projectId, role: "OWNER" } });
        if (owners <= 1) throw new LastOwnerError();
      }
      await tx.membership.delete({ where: { id: current.id } });
      return current;
    },
    { isolationLevel: "Serializable" },
  );
}

/** A project must keep at least one owner. */
export class LastOwnerError extends Error {
  constructor() {
    super("a project needs at least one owner: make someone else an owner first");
    this.name = "LastOwnerError";
  }
}

/**
 * The worker's check at the top of a job: the payload's actor (every job names one) must still
 * hold `permission` in the project, since roles can change while a job waits. A payload without
 * an actor is refused outright, never treated as trusted.
 *
 * @example
 * await assertJobActor(prisma, payload, "edit");
 */
export async function assertJobActor(db: Db, payload: { projectId: string; actorId: string }, permission: Permission): Promise<Role> {
  // Guards untyped callers too: a job that names nobody must not write as nobody.
  if (typeof payload.actorId !== "string" || payload.actorId === "") throw new AccessDeniedError("not-member", `the job names no actor; it needs a member with "${permission}" in project ${payload.projectId}`);
  return assertMemberCan(db, payload.projectId, payload.actorId, permission);
}
