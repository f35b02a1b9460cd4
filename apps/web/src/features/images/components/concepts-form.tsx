"use client";

import { useActionState, useCallback, useState } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { ProgressBar, useProjectJobs } from "@/features/jobs/client";
import { saveConceptsAction } from "../actions";
import { ProposeConceptsForm } from "./propose-concepts-form";
import { insightLines, type InsightLists } from "../parse-insight-lines";
import type { ProposeConceptsResult } from "@alchemist/jobs";

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
 * propose a list first ("Propose concepts"), which replaces the text to edit before saving, and
 * RoboShot insights ("Propose insights") that calibrate the embeddings the scores come from.
 *
 * @example
 * <ConceptsForm projectId={p} datasetId={d} concepts={["a round circle"]} canEdit providers={["openai"]} />
 */
export function ConceptsForm({
  projectId,
  datasetId,
  concepts,
  insights = null,
  canEdit,
  providers,
}: {
  projectId: string;
  datasetId: string;
  concepts: readonly string[];
  /** The RoboShot insights the scores are calibrated with, or null. */
  insights?: InsightLists | null;
  canEdit: boolean;
  providers: readonly string[];
}) {
  const [state, action] = useActionState(saveConceptsAction, null);
  const [text, setText] = useState(concepts.join("\n"));
  const [insightText, setInsightText] = useState(insightLines(insights));
  // Stable, so the proposal form's effect runs once per answer, never over the user's later edits.
  const onProposed = useCallback((proposed: ProposeConceptsResult) => {
    if (proposed.kind === "insights") setInsightText(insightLines(proposed.insights));
    else setText(proposed.concepts.join("\n"));
  }, []);
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
        <label className="block space-y-1 text-sm">
          <span className="font-medium">RoboShot insights</span>{" "}
          <span className="text-xs text-slate-500">
            one per line: <code>harmful: blue water | green grass</code> (a spurious direction, projected out of every picture&apos;s embedding) or{" "}
            <code>helpful: a round circle | a square</code> (boosted); the scores and the trained model use the calibrated embeddings.
          </span>
          <textarea
            name="insights"
            data-testid="insights-input"
            rows={Math.max(2, insightText.split("\n").length + 1)}
            value={insightText}
            onChange={(event) => setInsightText(event.target.value)}
            disabled={!canEdit}
            className="input w-full font-mono"
          />
        </label>
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
