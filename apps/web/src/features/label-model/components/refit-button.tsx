"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { refitLabelModelsAction } from "../actions";

/**
 * "Refit label models": queues a refit of the shown run from its stored votes.
 *
 * @example
 * <RefitButton projectId={id} runId={run.id} disabled={false} />
 */
export function RefitButton({ projectId, runId, disabled }: { projectId: string; runId: string; disabled: boolean }) {
  const [state, action] = useActionState(refitLabelModelsAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="runId" value={runId} />
      {disabled ? (
        <span data-testid="refit-running" className="text-sm text-slate-500">
          Refit under way…
        </span>
      ) : (
        <SubmitButton testId="refit-label-models" busy="Queuing…" tone="secondary">
          Refit label models
        </SubmitButton>
      )}
      {state?.ok && (
        <span data-testid="refit-queued" className="text-xs text-slate-500">
          Queued: the page updates when it finishes.
        </span>
      )}
      <FormError state={state} />
    </form>
  );
}
