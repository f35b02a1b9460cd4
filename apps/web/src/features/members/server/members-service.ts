import "server-only";
import {
  acceptInvitation,
  createInvitation,
  findInvitation,
  getPrisma,
  listMembers,
  listOpenInvitations,
  recordAudit,
  removeMember,
  revokeInvitation,
  setMemberRole,
  type Role,
} from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

/**
 * The members page's data: members with roles and the open invitations.
 *
 * @example
 * const { members, invitations } = await getMembersView(projectId);
 */
export async function getMembersView(projectId: string) {
  const db = getPrisma();
  const [members, invitations] = await Promise.all([listMembers(db, projectId), listOpenInvitations(db, projectId)]);
  return { members, invitations };
}

/**
 * Creates an invitation link for `role`; the URL (with the secret token) is returned once.
 *
 * @example
 * const { url } = await inviteMember(projectId, actorId, "EDITOR");
 */
export async function inviteMember(projectId: string, actorId: string, role: Role) {
  const db = getPrisma();
  const { invitation, token } = await createInvitation(db, { projectId, role, createdById: actorId });
  await recordAudit(db, {
    projectId,
    actorId,
    action: "invitation.create",
    targetType: "invitation",
    targetId: invitation.id,
    details: { role, expiresAt: invitation.expiresAt.toISOString() },
  });
  return { url: `${getEnv().BETTER_AUTH_URL.replace(/\/$/, "")}/invite/${token}`, expiresAt: invitation.expiresAt };
}

/**
 * Revokes an open invitation of the project.
 *
 * @example
 * await withdrawInvitation(projectId, actorId, invitationId);
 */
export async function withdrawInvitation(projectId: string, actorId: string, invitationId: string): Promise<void> {
  const db = getPrisma();
  if (!(await revokeInvitation(db, projectId, invitationId))) throw new AppError("NOT_FOUND", "no such open invitation");
  await recordAudit(db, { projectId, actorId, action: "invitation.revoke", targetType: "invitation", targetId: invitationId });
}

/**
 * Changes a member's role (never leaving the project without an owner).
 *
 * @example
 * await changeMemberRole(projectId, actorId, userId, "VIEWER");
 */
export async function changeMemberRole(projectId: string, actorId: string, userId: string, role: Role): Promise<void> {
  const db = getPrisma();
  const before = await db.membership.findUnique({ where: { userId_projectId: { userId, projectId } }, select: { role: true } });
  if (!before) throw new AppError("NOT_FOUND", "no such member");
  await setMemberRole(db, projectId, userId, role);
  await recordAudit(db, { projectId, actorId, action: "member.role-change", targetType: "user", targetId: userId, details: { from: before.role, to: role } });
}

/**
 * Removes a member (never the last owner).
 *
 * @example
 * await removeProjectMember(projectId, actorId, userId);
 */
export async function removeProjectMember(projectId: string, actorId: string, userId: string): Promise<void> {
  const db = getPrisma();
  const removed = await removeMember(db, projectId, userId);
  await recordAudit(db, { projectId, actorId, action: "member.remove", targetType: "user", targetId: userId, details: { role: removed.role } });
}

/**
 * What the invitation page shows for a link: the project's name and the role, or why it cannot be used.
 *
 * @example
 * const view = await getInvitationView(token);
 */
export async function getInvitationView(token: string): Promise<{ ok: true; projectName: string; role: Role } | { ok: false; reason: string }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "This invitation link is not valid." };
  const invitation = await findInvitation(getPrisma(), token);
  if (!invitation) return { ok: false, reason: "This invitation link is not valid." };
  if (invitation.revokedAt) return { ok: false, reason: "This invitation was revoked." };
  if (invitation.acceptedAt) return { ok: false, reason: "This invitation was already used." };
  if (invitation.expiresAt <= new Date()) return { ok: false, reason: "This invitation has expired; ask for a new link." };
  return { ok: true, projectName: invitation.project.name, role: invitation.role };
}

/**
 * Joins the invitation's project as the signed-in user.
 *
 * @example
 * const { projectId } = await joinByInvitation(token, userId);
 */
export async function joinByInvitation(token: string, userId: string) {
  const db = getPrisma();
  const joined = await acceptInvitation(db, token, userId);
  await recordAudit(db, {
    projectId: joined.projectId,
    actorId: userId,
    action: "member.join",
    targetType: "user",
    targetId: userId,
    details: { role: joined.role, invitationId: joined.invitationId },
  });
  return joined;
}
