"use client";

import { useActionState, useState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { startExportAction } from "../actions";
import type { ExportableRun } from "../server/get-exports-page";

const FORMATS = [
  ["csv", "Labels + probabilities (CSV)", "labels"],
  ["jsonl", "Labels + probabilities (JSON Lines)", "labels"],
  ["label-studio", "Label Studio tasks: gold, a prediction per program + the label model (JSON)", "labels"],
  ["label-studio-config", "Label Studio labeling config for those tasks (XML)", "labels"],
  ["programs-zip", "Programs as source files (zip)", "programs"],
  ["onnx", "Distilled model (ONNX)", "model"],
] as const;

/**
 * Picks a run and a format and queues the export; progress and the link show in the list below.
 *
 * @example
 * <ExportForm projectId={projectId} runs={runs} />
 */
export function ExportForm({ projectId, runs }: { projectId: string; runs: ExportableRun[] }) {
  const [state, action] = useActionState(startExportAction, null);
  const [runId, setRunId] = useState(runs[0]!.id);
  const run = runs.find((r) => r.id === runId);
  return (
    <form action={action} data-testid="export-form" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Run</span>
        <select name="runId" data-testid="export-run" value={runId} onChange={(e) => setRunId(e.target.value)} className="input">
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-500">
          {run?.hasPseudolabels ? "Has pseudolabels." : "No pseudolabels yet: fit its label model before exporting labels."}{" "}
          {run?.hasModel ? "Has a trained model." : "No trained model yet."}
        </span>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Format</span>
        <select name="format" data-testid="export-format" defaultValue="csv" className="input">
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-center gap-3 md:col-span-2">
        <SubmitButton testId="start-export" busy="Queuing…">
          Start export
        </SubmitButton>
        {state?.ok && (
          <span data-testid="export-queued" className="text-sm text-slate-600">
            Queued; it appears below.
          </span>
        )}
        <FormError state={state} />
      </div>
    </form>
  );
}
