"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { deleteSecretAction } from "../actions";

/**
 * Deletes one provider key.
 *
 * @example
 * <DeleteSecretButton projectId={projectId} provider="openai" />
 */
export function DeleteSecretButton({ projectId, provider }: { projectId: string; provider: string }) {
  const [state, action] = useActionState(deleteSecretAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="provider" value={provider} />
      <SubmitButton tone="secondary" testId={`delete-secret-${provider}`} busy="Deleting…">
        Delete
      </SubmitButton>
      <FormError state={state} />
    </form>
  );
}
