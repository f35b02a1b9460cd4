import { roleAllows } from "@alchemist/engine";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { authorizeProjectPage } from "@/features/auth";
import { getMembersView } from "../server/members-service";
import { InviteForm, MemberControls, RevokeInvitationForm } from "./member-forms";

/**
 * `/projects/[projectId]/members`: everyone sees who is in the project; owners invite by link,
 * change roles and remove members.
 *
 * @example
 * <MembersPage projectId={projectId} />
 */
export async function MembersPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const actor = await authorizeProjectPage(projectId, "read");
  const owner = roleAllows(actor.role, "manage");
  const { members, invitations } = await getMembersView(projectId);
  return (
    <article data-testid="members-page" className="space-y-6">
      <ProjectHeader project={project} current="members" title="Members" />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="members-table" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-3">Member</th>
              <th className="px-4 py-3">Role</th>
              <th className="px-4 py-3" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.userId} data-testid="member-row" data-email={m.email}>
                <td className="px-4 py-3">
                  <span className="font-medium">{m.email}</span>
                  {m.userId === actor.userId && <span className="ml-2 text-xs text-slate-400">(you)</span>}
                </td>
                <td className="px-4 py-3" data-testid="member-role">
                  {m.role.toLowerCase()}
                </td>
                <td className="px-4 py-3">{owner && <MemberControls projectId={projectId} userId={m.userId} role={m.role} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {owner ? (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h3 className="font-semibold">Invite</h3>
          <InviteForm projectId={projectId} />
          {invitations.length > 0 && (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="open-invitations">
              {invitations.map((inv) => (
                <li key={inv.id} className="flex items-center justify-between py-2">
                  <span>
                    {inv.role.toLowerCase()} · expires {inv.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </span>
                  <RevokeInvitationForm projectId={projectId} invitationId={inv.id} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <p className="text-sm text-slate-500">Only owners can invite people or change roles.</p>
      )}
    </article>
  );
}
