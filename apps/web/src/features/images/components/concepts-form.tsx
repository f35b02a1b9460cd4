"use client";

import { useActionState } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { ProgressBar, useProjectJobs } from "@/features/jobs/client";
import { saveConceptsAction } from "../actions";

function RescoreProgress({ projectId, jobId }: { projectId: string; jobId: string }) {
  // Keyed by the job: saving again follows the new re-scoring.
  const job = useProjectJobs(projectId, true, jobId).jobs?.find((j) => j.id === jobId);
  if (!job) return <p className="text-sm text-slate-500">Queued…</p>;
  return (
    <div data-testid="rescore-status" data-status={job.status} className="space-y-1">
      <ProgressBar job={job} projectId={projectId} />
      {job.status === "SUCCEEDED" && <p className="text-sm text-slate-700">Scored again on the new concepts; apply the programs to vote on the new scores.</p>}
    </div>
  );
}

/**
 * The concept list of an image dataset, one per line; saving queues the re-scoring job (stored
 * embeddings against the new concepts) and shows its progress.
 *
 * @example
 * <ConceptsForm projectId={p} datasetId={d} concepts={["a round circle"]} canEdit />
 */
export function ConceptsForm({
  projectId,
  datasetId,
  concepts,
  canEdit,
}: {
  projectId: string;
  datasetId: string;
  concepts: readonly string[];
  canEdit: boolean;
}) {
  const [state, action] = useActionState(saveConceptsAction, null);
  const hydrated = useHydrated();
  return (
    <form action={action} data-testid="concepts-form" data-ready={hydrated} className="space-y-3">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="datasetId" value={datasetId} />
      <textarea
        name="concepts"
        data-testid="concepts-input"
        rows={Math.max(4, concepts.length + 1)}
        defaultValue={concepts.join("\n")}
        disabled={!canEdit}
        className="input w-full font-mono"
      />
      {canEdit && (
        <div className="flex items-center gap-3">
          <SubmitButton testId="save-concepts" busy="Queuing…">
            Save and re-score
          </SubmitButton>
          <FormError state={state} />
        </div>
      )}
      {state?.ok && <RescoreProgress projectId={projectId} jobId={state.data.jobId} />}
    </form>
  );
}
