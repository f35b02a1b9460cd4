import type { Db } from "../client";
import type { CommentTarget } from "../generated/prisma/enums";
import { DomainError } from "../domain-error";

async function requireTarget(db: Db, projectId: string, targetType: CommentTarget, targetId: string) {
  if (targetType === "ROW") {
    const row = await db.row.findUnique({ where: { id: targetId }, select: { dataset: { select: { projectId: true } } } });
    if (!row || row.dataset.projectId !== projectId)
      throw new DomainError(
        "NOT_FOUND",
        `row ${targetId} is not in project ${projectId}: it was deleted with its dataset, or the link is wrong; reload the page`,
      );
  } else {
    const program = await db.program.findUnique({ where: { id: targetId }, select: { projectId: true } });
    if (!program || program.projectId !== projectId)
      throw new DomainError("NOT_FOUND", `program ${targetId} is not in project ${projectId}: it may have been deleted; reload the page`);
  }
}

/**
 * Adds a comment on a row or a program of the project (the target must belong to it). The body is
 * validated at the edge (the studio's `AddCommentInput`: trimmed, 1..5000 characters).
 *
 * @example
 * await addComment(prisma, { projectId, targetType: "PROGRAM", targetId: programId, authorId, body: "misses 'txt' spellings" });
 */
export async function addComment(db: Db, input: { projectId: string; targetType: CommentTarget; targetId: string; authorId: string; body: string }) {
  await requireTarget(db, input.projectId, input.targetType, input.targetId);
  return db.comment.create({
    data: { projectId: input.projectId, targetType: input.targetType, targetId: input.targetId, authorId: input.authorId, body: input.body },
  });
}

/**
 * The newest `limit` comments on a target, oldest first, with each author's display name.
 *
 * @example
 * const comments = await listComments(prisma, { projectId, targetType: "ROW", targetId: rowId });
 */
export async function listComments(db: Db, input: { projectId: string; targetType: CommentTarget; targetId: string; limit?: number }) {
  const limit = input.limit ?? 50;
  const comments = await db.comment.findMany({
    where: { projectId: input.projectId, targetType: input.targetType, targetId: input.targetId },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(comments.map((c) => c.authorId))] } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  return comments
    .reverse()
    .map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, authorId: c.authorId, author: nameOf.get(c.authorId) ?? "former member" }));
}
