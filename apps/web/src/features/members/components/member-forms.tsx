"use client";

import { useActionState, useState, type ChangeEvent } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { acceptInvitationAction, changeRoleAction, createInvitationAction, removeMemberAction, revokeInvitationAction } from "../actions";

const ROLES = [
  ["VIEWER", "Viewer"],
  ["REVIEWER", "Reviewer"],
  ["EDITOR", "Editor"],
  ["OWNER", "Owner"],
] as const;

function RoleSelect({ value, onChange }: { value?: string; onChange?: (role: string) => void }) {
  return (
    <select
      name="role"
      defaultValue={value ?? "EDITOR"}
      onChange={onChange && ((e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value))}
      aria-label="Role"
      data-testid="role-select"
      className="input py-1"
    >
      {ROLES.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}

/**
 * Owners: pick a role and get an invitation link (shown once).
 *
 * @example
 * <InviteForm projectId={projectId} />
 */
export function InviteForm({ projectId }: { projectId: string }) {
  const [state, action] = useActionState(createInvitationAction, null);
  const [role, setRole] = useState("EDITOR");
  return (
    // React resets a form after its action ran (the role went back to the first option). A new
    // form per created link starts from the role last chosen instead.
    <form key={state?.ok ? state.data.url : "invite"} action={action} data-testid="invite-form" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Invite as</span>
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <SubmitButton>Create invitation link</SubmitButton>
      <FormError state={state} />
      {state?.ok && (
        <div className="w-full rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-600/20">
          <p className="font-medium text-emerald-800">Send this link (valid 7 days, once). It is not shown again.</p>
          <code data-testid="invite-url" className="mt-1 block break-all font-mono text-xs">
            {state.data.url}
          </code>
        </div>
      )}
    </form>
  );
}

/**
 * Owners: a member's role selector with Save, and Remove.
 *
 * @example
 * <MemberControls projectId={p} userId={u} role="EDITOR" />
 */
export function MemberControls({ projectId, userId, role }: { projectId: string; userId: string; role: string }) {
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [removeState, removeAction] = useActionState(removeMemberAction, null);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} data-testid="role-form" className="flex items-center gap-2">
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="userId" value={userId} />
        <RoleSelect value={role} />
        <SubmitButton tone="secondary">Save</SubmitButton>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" data-testid="remove-member" className="text-xs text-rose-700 hover:underline">
          Remove
        </button>
      </form>
      <FormError state={roleState} />
      <FormError state={removeState} />
    </div>
  );
}

/**
 * Owners: revokes an open invitation.
 *
 * @example
 * <RevokeInvitationForm projectId={p} invitationId={i} />
 */
export function RevokeInvitationForm({ projectId, invitationId }: { projectId: string; invitationId: string }) {
  const [state, action] = useActionState(revokeInvitationAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <button type="submit" className="text-xs text-rose-700 hover:underline">
        Revoke
      </button>
      <FormError state={state} />
    </form>
  );
}

/**
 * The invitation page's Join button.
 *
 * @example
 * <AcceptInvitationForm token={token} />
 */
export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} data-testid="accept-invitation-form" className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton>Join the project</SubmitButton>
      </div>
      <FormError state={state} />
    </form>
  );
}
