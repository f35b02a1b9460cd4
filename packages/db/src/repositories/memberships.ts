import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { DomainError } from "../domain-error";

const notAMember = (userId: string) => new DomainError("NOT_FOUND", `user ${userId} is not a member of this project (any more): reload the members list`);

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
 * Creates a project with `userId` as its OWNER, in one statement (the name is validated at the
 * edge: the studio's `CreateProjectInput`).
 *
 * @example
 * const project = await createOwnedProject(prisma, userId, { name: "SMS spam" });
 */
export async function createOwnedProject(db: Db, userId: string, input: { name: string; description?: string }) {
  return db.project.create({
    data: { name: input.name, description: input.description ?? "", memberships: { create: { userId, role: "OWNER" } } },
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
    include: { project: { include: { _count: { select: { datasets: true, programs: true, runs: true } } } } },
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
      if (!current) throw notAMember(userId);
      if (current.role === "OWNER" && role !== "OWNER") {
        const owners = await tx.membership.count({ where: { projectId, role: "OWNER" } });
        if (owners <= 1) throw new DomainError("CONFLICT", "a project needs at least one owner: make someone else an owner first");
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
      if (!current) throw notAMember(userId);
      if (current.role === "OWNER") {
        const owners = await tx.membership.count({ where: { projectId, role: "OWNER" } });
        if (owners <= 1) throw new DomainError("CONFLICT", "a project needs at least one owner: make someone else an owner first");
      }
      await tx.membership.delete({ where: { id: current.id } });
      return current;
    },
    { isolationLevel: "Serializable" },
  );
}
