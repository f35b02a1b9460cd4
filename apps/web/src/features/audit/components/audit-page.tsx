import Link from "next/link";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { getAuditPage } from "../server/get-audit-page";

/**
 * `/projects/[projectId]/audit?after=ID`: who changed what, 50 events a page, newest first
 * (owners only).
 *
 * @example
 * <AuditPage projectId={projectId} cursor={null} />
 */
export async function AuditPage({ projectId, cursor }: { projectId: string; cursor: string | null }) {
  const project = await getProjectHeader(projectId);
  const { events, nextCursor } = await getAuditPage(projectId, cursor);
  return (
    <article data-testid="audit-page" className="space-y-6">
      <ProjectHeader project={project} current="audit" title="Audit log" />
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No changes recorded yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="audit-table" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">When (UTC)</th>
                <th className="px-4 py-3">Who</th>
                <th className="px-4 py-3">What</th>
                <th className="px-4 py-3">Target</th>
                <th className="px-4 py-3">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="px-4 py-2 font-mono text-xs text-slate-500">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td className="px-4 py-2">{e.actorEmail ?? "(deleted user)"}</td>
                  <td className="px-4 py-2 font-medium">{e.action}</td>
                  <td className="px-4 py-2 font-mono text-xs">
                    {e.targetType}
                    {e.targetId ? ` ${e.targetId}` : ""}
                  </td>
                  <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-slate-500">{JSON.stringify(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-4 text-sm">
        {cursor && (
          <Link href={`/projects/${projectId}/audit`} className="text-indigo-700 hover:underline">
            Newest
          </Link>
        )}
        {nextCursor && (
          <Link href={`/projects/${projectId}/audit?after=${nextCursor}`} data-testid="audit-older" className="text-indigo-700 hover:underline">
            Older →
          </Link>
        )}
      </nav>
    </article>
  );
}
