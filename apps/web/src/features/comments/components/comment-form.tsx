"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { addCommentAction } from "../actions";

/**
 * The "add a comment" box of a comment thread; clears itself after posting.
 *
 * @example
 * <CommentForm projectId={id} targetType="PROGRAM" targetId={programId} />
 */
export function CommentForm({ projectId, targetType, targetId }: { projectId: string; targetType: "ROW" | "PROGRAM"; targetId: string }) {
  const [state, action] = useActionState(addCommentAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <textarea name="body" required maxLength={5000} rows={2} data-testid="comment-body" className="input w-full" placeholder="Add a comment" />
      <div className="flex items-center gap-3">
        <SubmitButton tone="secondary" testId="comment-submit" busy="Posting…">
          Comment
        </SubmitButton>
        <FormError state={state} />
      </div>
    </form>
  );
}
