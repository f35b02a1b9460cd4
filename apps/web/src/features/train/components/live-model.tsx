"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { cancelTrainingAction } from "../actions";
import { isModelActive, type TrainedModelView } from "../model-view";
import { useProjectJobs } from "@/features/jobs/client";
import type { LabelModelScoresView } from "@/features/runs/client";
import { LossCurve } from "./loss-curve";
import { ModelComparison } from "./model-comparison";
import { IMAGE_FEATURE_LABELS } from "@/features/images/client";
import { GroupAccuracyTable } from "./group-accuracy-table";
import { ModelMetrics } from "./model-metrics";
import { MultiLabelModelMetrics } from "./multi-label-model-metrics";

const STATUS_TEXT: Record<TrainedModelView["status"], string> = {
  QUEUED: "Queued",
  RUNNING: "Training",
  SUCCEEDED: "Trained",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/**
 * One trained model, live: while it is queued or training it follows its `train-model` job on
 * the jobs stream (the one way pages follow jobs) and re-reads the model's route each time the
 * job moves (an epoch ended: the loss curve grows), then shows the test metrics, confusion matrix and the ONNX
 * download, and refreshes the page once so the model list catches up.
 *
 * @example
 * <LiveModel projectId={id} initial={model} name="Model 3 · from Run 4" labelModelScores={scores} canEdit />
 */
export function LiveModel({
  projectId,
  initial,
  name,
  labelModelScores,
  canEdit,
}: {
  projectId: string;
  initial: TrainedModelView;
  name: string;
  labelModelScores: LabelModelScoresView | null;
  canEdit: boolean;
}) {
  const [model, setModel] = useState(initial);
  const router = useRouter();
  const wasActive = useRef(isModelActive(initial.status));
  useEffect(() => setModel(initial), [initial]);
  const { jobs } = useProjectJobs(projectId, isModelActive(model.status), model.id);
  // One training per run at a time, so the run's train-model jobs are this model's; every change
  // of theirs (progress per epoch, the end) is worth one read of the model.
  const moved = (jobs ?? [])
    .filter((j) => j.queue === "train-model" && j.runId === model.runId)
    .map((j) => `${j.id}:${j.status}:${j.progress}:${j.stage ?? ""}`)
    .join("|");
  useEffect(() => {
    if (!moved) return;
    let stale = false;
    fetch(`/api/projects/${projectId}/models/${model.id}`, { cache: "no-store" })
      .then(async (response) => {
        if (response.ok && !stale) setModel(((await response.json()) as { model: TrainedModelView }).model);
      })
      // The next change of the job reads it again.
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [moved, projectId, model.id]);
  useEffect(() => {
    if (isModelActive(model.status)) wasActive.current = true;
    else if (wasActive.current) {
      wasActive.current = false;
      router.refresh();
    }
  }, [model.status, router]);
  const [cancelState, cancel] = useActionState(cancelTrainingAction, null);
  const active = isModelActive(model.status);
  return (
    <section data-testid="live-model" data-model-id={model.id} data-status={model.status} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          <span
            data-testid="model-status"
            className={`mr-2 rounded px-2 py-0.5 text-xs font-medium ${model.status === "SUCCEEDED" ? "bg-emerald-100 text-emerald-800" : model.status === "FAILED" ? "bg-rose-100 text-rose-800" : "bg-slate-100 text-slate-700"}`}
          >
            {STATUS_TEXT[model.status]}
          </span>
          <span data-testid="model-name" className="font-medium text-slate-800">
            {name}
          </span>{" "}
          · {model.createdAt.slice(0, 16).replace("T", " ")} UTC
          {model.trainRows !== null && <> · {model.trainRows} pseudolabelled train rows</>}
          {model.bestEpoch !== null && <> · best epoch {model.bestEpoch}</>}
          {model.labelModel && (
            <>
              {" "}
              · label model <span className="font-mono">{model.labelModel}</span>
            </>
          )}
          {model.imageFeatures && (
            <>
              {" "}
              · reads <span data-testid="model-features">{IMAGE_FEATURE_LABELS[model.imageFeatures]}</span>
            </>
          )}
        </p>
        <div className="flex items-center gap-2">
          {active && canEdit && (
            <form action={cancel}>
              <input type="hidden" name="projectId" value={projectId} />
              <input type="hidden" name="modelId" value={model.id} />
              <SubmitButton testId="cancel-training" tone="secondary" busy="Cancelling…">
                Cancel
              </SubmitButton>
            </form>
          )}
          {model.status === "SUCCEEDED" && model.onnxBytes > 0 && (
            <>
              <a data-testid="download-onnx" href={`/api/projects/${projectId}/models/${model.id}/onnx`} download className="btn-primary">
                Download ONNX ({(model.onnxBytes / 1024 / 1024).toFixed(1)} MiB)
              </a>
              <a data-testid="label-new-data" href={`/projects/${projectId}/predict`} className="btn-secondary">
                Label new data
              </a>
            </>
          )}
        </div>
      </div>
      <FormError state={cancelState} />
      {model.error && (
        <p data-testid="model-error" className="rounded border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          {model.error}
        </p>
      )}
      <LossCurve
        curve={model.lossCurve}
        epochs={model.epochs ?? model.lossCurve.length}
        finished={!active}
        bestEpoch={model.bestEpoch}
        devLabel={model.multiLabel ? "dev micro-F1" : "dev accuracy"}
      />
      {model.status === "SUCCEEDED" &&
        (model.multiLabelMetrics ? (
          <MultiLabelModelMetrics metrics={model.multiLabelMetrics} />
        ) : model.metrics ? (
          <>
            <ModelComparison labelModel={labelModelScores} metrics={model.metrics} classNames={model.metrics.perClass.map((c) => c.name)} />
            <ModelMetrics metrics={model.metrics} />
            {model.groups.length > 0 && <GroupAccuracyTable groups={model.groups} />}
          </>
        ) : (
          <p className="text-sm text-slate-600">No test row has a gold label, so there are no test metrics.</p>
        ))}
    </section>
  );
}
