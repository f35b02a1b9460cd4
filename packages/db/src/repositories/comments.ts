import type { Db } from "../client";
import type { CommentTarget } from "../generated/prisma/enums";
import { ReviewError } from "./annotations";

/** Longest comment body in characters. */
export const MAX_COMMENT_LENGTH = 5000;

async function requireTarget(db: Db, projectId: string, targetType: CommentTarget, targetId: string) {
  if (targetType === "ROW") {
    const row = await db.row.findUnique({ where: { id: targetId }, select: { dataset: { select: { projectId: true } } } });
    if (!row || row.dataset.projectId !== projectId) throw new ReviewError("NOT_FOUND", `row ${targetId} is not in project ${projectId}`);
  } else {
    const program = await db.program.findUnique({ where: { id: targetId }, select: { projectId: true } });
    if (!program || program.projectId !== projectId) throw new ReviewError("NOT_FOUND", `program ${targetId} is not in project ${projectId}`);
  }
}

/**
 * Adds a comment on a row or a program of the project (the target must belong to it).
 *
 * @example
 * await addComment(prisma, { projectId, targetType: "PROGRAM", targetId: programId, authorId, body: "misses 'txt' spellings" });
 */
export async function addComment(db: Db, input: { projectId: string; targetType: CommentTarget; targetId: string; authorId: string; body: string }) {
  const body = input.body.trim();
  if (!body) throw new ReviewError("BAD_REQUEST", "a comment cannot be empty");
  if (body.length > MAX_COMMENT_LENGTH) throw new ReviewError("BAD_REQUEST", `a comment holds at most ${MAX_COMMENT_LENGTH} characters, got ${body.length}`);
  await requireTarget(db, input.projectId, input.targetType, input.targetId);
  return db.comment.create({ data: { projectId: input.projectId, targetType: input.targetType, targetId: input.targetId, authorId: input.authorId, body } });
}

/**
 * The newest `limit` comments on a target, oldest first, with each author's display name.
 *
 * @example
 * const comments = await listComments(prisma, { projectId, targetType: "ROW", targetId: rowId });
 */
export async function listComments(db: Db, input: { projectId: string; targetType: CommentTarget; targetId: string; limit?: number }) {
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ReviewError("BAD_REQUEST", `limit must be 1..200, got ${limit}`);
  const comments = await db.comment.findMany({ where: { projectId: input.projectId, targetType: input.targetType, targetId: input.targetId }, orderBy: { createdAt: "desc" }, take: limit });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(comments.map((c) => c.authorId))] } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  return comments.reverse().map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, authorId: c.authorId, author: nameOf.get(c.authorId) ?? "former member" }));
}
