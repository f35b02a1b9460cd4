import { roleAllows } from "@alchemist/engine";
import { authorizeProject } from "@/features/auth";
import { getComments } from "../server/comments-service";
import { CommentForm } from "./comment-form";

/**
 * Comments on a row or a program with a box to add one (reviewers and above; viewers read).
 * A server component: mount it on any project page, e.g. the program page:
 * `<CommentThread projectId={projectId} targetType="PROGRAM" targetId={program.id} />`.
 *
 * @example
 * <CommentThread projectId={projectId} targetType="PROGRAM" targetId={programId} />
 */
export async function CommentThread({
  projectId,
  targetType,
  targetId,
  title = "Comments",
}: {
  projectId: string;
  targetType: "ROW" | "PROGRAM";
  targetId: string;
  title?: string;
}) {
  const actor = await authorizeProject(projectId, "read");
  const comments = await getComments({ projectId, targetType, targetId });
  return (
    <section data-testid="comment-thread" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {comments.length === 0 ? (
        <p className="text-sm text-slate-500">No comments yet.</p>
      ) : (
        <ul className="space-y-2">
          {comments.map((c) => (
            <li key={c.id} data-testid="comment" className="text-sm">
              <div className="text-xs text-slate-500">
                {c.author} · {c.createdAt.slice(0, 16).replace("T", " ")} UTC
              </div>
              <p className="whitespace-pre-wrap break-words text-slate-800">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {roleAllows(actor.role, "review") && <CommentForm projectId={projectId} targetType={targetType} targetId={targetId} />}
    </section>
  );
}
