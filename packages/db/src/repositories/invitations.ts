import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../client";
import type { Role } from "../generated/prisma/enums";
import { DomainError } from "../domain-error";
import { addMember } from "./memberships";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

const unusable = (why: string) => new DomainError("CONFLICT", `${why}: ask a project owner for a new link`);

/**
 * Creates an invitation link token (returned once; only its sha256 is stored).
 *
 * @example
 * const { token } = await createInvitation(prisma, { projectId, role: "EDITOR", createdById: userId });
 */
export async function createInvitation(db: Db, input: { projectId: string; role: Role; createdById: string; ttlHours?: number; now?: Date }) {
  const ttlHours = input.ttlHours ?? 24 * 7;
  if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 90) throw new Error(`invitation lifetime must be in (0, 2160] hours, got ${ttlHours}`);
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  const invitation = await db.invitation.create({
    data: {
      projectId: input.projectId,
      role: input.role,
      createdById: input.createdById,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + ttlHours * 3600_000),
    },
  });
  return { invitation, token };
}

/**
 * An invitation by its link token with the project's name, or null when the token is unknown.
 *
 * @example
 * const found = await findInvitation(prisma, token);
 */
export async function findInvitation(db: Db, token: string) {
  return db.invitation.findUnique({ where: { tokenHash: sha256(token) }, include: { project: { select: { id: true, name: true } } } });
}

/**
 * Accepts an invitation for `userId`: adds them with its role (never demoting) and marks it used,
 * atomically, so a link works once.
 *
 * @example
 * const { projectId } = await acceptInvitation(prisma, token, userId);
 */
export async function acceptInvitation(db: Db, token: string, userId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: sha256(token) } });
    if (!invitation) throw unusable("this invitation link is not valid");
    if (invitation.revokedAt) throw unusable("this invitation was revoked");
    if (invitation.acceptedAt) throw unusable("this invitation was already used");
    if (invitation.expiresAt <= now) throw unusable(`this invitation expired on ${invitation.expiresAt.toISOString()}`);
    // Conditional update: a concurrent accept of the same link updates 0 rows and fails here.
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now, acceptedById: userId } });
    if (claimed.count !== 1) throw unusable("this invitation was already used");
    const { role } = await addMember(tx, invitation.projectId, userId, invitation.role);
    return { projectId: invitation.projectId, role, invitationId: invitation.id };
  });
}

/**
 * Open (unused, unexpired, unrevoked) invitations of a project, newest first.
 *
 * @example
 * const open = await listOpenInvitations(prisma, projectId);
 */
export async function listOpenInvitations(db: Db, projectId: string, now = new Date()) {
  return db.invitation.findMany({
    where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, expiresAt: true, createdAt: true, createdById: true },
  });
}

/**
 * Revokes an open invitation of the project; false when there was none.
 *
 * @example
 * await revokeInvitation(prisma, projectId, invitationId);
 */
export async function revokeInvitation(db: Db, projectId: string, invitationId: string): Promise<boolean> {
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, projectId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}
