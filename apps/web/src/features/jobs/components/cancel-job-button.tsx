"use client";

import { useActionState } from "react";
import { cancelJobAction } from "../actions";

/**
 * "Cancel" for a queued or running job; the job's live line then shows "cancelling…" until the
 * worker stops it at its next chunk (outputs already stored stay complete).
 *
 * @example
 * <CancelJobButton projectId={projectId} jobId={job.id} />
 */
export function CancelJobButton({ projectId, jobId }: { projectId: string; jobId: string }) {
  const [state, action, pending] = useActionState(cancelJobAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="jobId" value={jobId} />
      <button
        type="submit"
        data-testid="cancel-job"
        disabled={pending || state?.ok === true}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:border-rose-400 hover:text-rose-700 disabled:opacity-50"
      >
        {pending ? "Cancelling…" : state?.ok ? (state.data.outcome === "cancelled" ? "Cancelled" : "Cancelling…") : "Cancel"}
      </button>
      {state && !state.ok && (
        <span role="alert" className="text-xs text-rose-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
