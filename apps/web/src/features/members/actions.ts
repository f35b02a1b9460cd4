"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { authorizeProject, requireUser } from "@/features/auth";
import { changeMemberRole, inviteMember, joinByInvitation, removeProjectMember, withdrawInvitation } from "./server/members-service";

const RoleInput = z.enum(["OWNER", "EDITOR", "REVIEWER", "VIEWER"], { error: "pick a role: owner, editor, reviewer or viewer" });
const id = z.string().min(1).max(64);

/** Owners: creates an invitation link with a role; the link is shown once. */
export async function createInvitationAction(_previous: ActionResult<{ url: string }> | null, form: FormData): Promise<ActionResult<{ url: string }>> {
  try {
    const input = z.object({ projectId: id, role: RoleInput }).parse({ projectId: form.get("projectId"), role: form.get("role") });
    const actor = await authorizeProject(input.projectId, "manage");
    const { url } = await inviteMember(input.projectId, actor.userId, input.role);
    revalidatePath(`/projects/${input.projectId}/members`);
    return { ok: true, data: { url } };
  } catch (error) {
    return actionError(error);
  }
}

/** Owners: revokes an open invitation. */
export async function revokeInvitationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = z.object({ projectId: id, invitationId: id }).parse({ projectId: form.get("projectId"), invitationId: form.get("invitationId") });
    const actor = await authorizeProject(input.projectId, "manage");
    await withdrawInvitation(input.projectId, actor.userId, input.invitationId);
    revalidatePath(`/projects/${input.projectId}/members`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/** Owners: changes a member's role. */
export async function changeRoleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = z
      .object({ projectId: id, userId: id, role: RoleInput })
      .parse({ projectId: form.get("projectId"), userId: form.get("userId"), role: form.get("role") });
    const actor = await authorizeProject(input.projectId, "manage");
    await changeMemberRole(input.projectId, actor.userId, input.userId, input.role);
    revalidatePath(`/projects/${input.projectId}/members`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/** Owners: removes a member. */
export async function removeMemberAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = z.object({ projectId: id, userId: id }).parse({ projectId: form.get("projectId"), userId: form.get("userId") });
    const actor = await authorizeProject(input.projectId, "manage");
    await removeProjectMember(input.projectId, actor.userId, input.userId);
    revalidatePath(`/projects/${input.projectId}/members`);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

/** The invitation page's "Join": adds the signed-in user to the project and opens it. */
export async function acceptInvitationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let projectId: string;
  try {
    const token = z.string().min(20).max(100).parse(form.get("token"));
    const { userId } = await requireUser();
    projectId = (await joinByInvitation(token, userId)).projectId;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/projects/${projectId}`);
}
