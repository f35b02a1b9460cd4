"use client";

import { useActionState, useCallback, useState } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { ProgressBar, useProjectJobs } from "@/features/jobs/client";
import { saveConceptsAction } from "../actions";
import { ProposeConceptsForm } from "./propose-concepts-form";

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
 * embeddings against the new concepts) and shows its progress. Editors can have the project's LLM
 * propose a list first ("Propose concepts"), which replaces the text to edit before saving.
 *
 * @example
 * <ConceptsForm projectId={p} datasetId={d} concepts={["a round circle"]} canEdit providers={["openai"]} />
 */
export function ConceptsForm({
  projectId,
  datasetId,
  concepts,
  canEdit,
  providers,
}: {
  projectId: string;
  datasetId: string;
  concepts: readonly string[];
  canEdit: boolean;
  providers: readonly string[];
}) {
  const [state, action] = useActionState(saveConceptsAction, null);
  const [text, setText] = useState(concepts.join("\n"));
  // Stable, so the proposal form's effect runs once per answer, never over the user's later edits.
  const onProposed = useCallback((proposed: readonly string[]) => setText(proposed.join("\n")), []);
  const hydrated = useHydrated();
  return (
    <div className="space-y-3">
      {canEdit && <ProposeConceptsForm projectId={projectId} providers={providers} onProposed={onProposed} />}
      <form action={action} data-testid="concepts-form" data-ready={hydrated} className="space-y-3">
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="datasetId" value={datasetId} />
        <textarea
          name="concepts"
          data-testid="concepts-input"
          rows={Math.max(4, text.split("\n").length + 1)}
          value={text}
          onChange={(event) => setText(event.target.value)}
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
    </div>
  );
}
