import "server-only";
import { z } from "zod";
import { addComment, getPrisma, listComments } from "@alchemist/db";
import { getEnv } from "@/env";

export const CommentTargetInput = z.object({
  projectId: z.string().min(1).max(100),
  targetType: z.enum(["ROW", "PROGRAM"]),
  targetId: z.string().min(1).max(100),
});
export const AddCommentInput = CommentTargetInput.extend({
  body: z.string().trim().min(1, "a comment cannot be empty").max(5000, "a comment holds at most 5000 characters"),
});

/**
 * The latest comments on a row or program (the caller has authorized "read").
 *
 * @example
 * const comments = await getComments({ projectId, targetType: "PROGRAM", targetId: programId });
 */
export async function getComments(input: z.infer<typeof CommentTargetInput>) {
  getEnv();
  const comments = await listComments(getPrisma(), input);
  return comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }));
}

/**
 * Adds a comment (the caller has authorized "review": reviewers and above discuss rows and programs).
 *
 * @example
 * await postComment(input, actor.userId);
 */
export async function postComment(input: z.infer<typeof AddCommentInput>, authorId: string) {
  getEnv();
  return addComment(getPrisma(), { ...input, authorId });
}
